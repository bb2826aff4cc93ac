// What the API needs from a code runner — its languages and sandbox, and one run — whether the runner is this
// process (CLI, tests) or the runner service over HTTP (`maang runner`, the server's child process).
import type { CodeRunner, LanguageInfo } from "./runner.js";
import type { SandboxCapabilities } from "./sandbox.js";
import type { RunReport, RunRequest } from "./types.js";

export interface RunnerStatus {
  languages: LanguageInfo[];
  sandbox: SandboxCapabilities;
}

export interface RunnerClient {
  /** where runs happen, for logs: "in-process" or the runner's URL */
  readonly location: string;
  status(): Promise<RunnerStatus>;
  run(request: RunRequest): Promise<RunReport>;
  close(): Promise<void>;
}

/** Runs in this process (still one bwrap sandbox per run): the CLI, the MCP server, tests. */
export class InProcessRunner implements RunnerClient {
  readonly location = "in-process";
  constructor(readonly runner: CodeRunner) {}

  async status(): Promise<RunnerStatus> {
    return { languages: this.runner.languages(), sandbox: this.runner.capabilities() };
  }

  run(request: RunRequest): Promise<RunReport> {
    return this.runner.run(request);
  }

  async close(): Promise<void> {
    this.runner.dispose();
  }
}

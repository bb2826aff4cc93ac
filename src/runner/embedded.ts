// The one-command start: `maang serve` without RUNNER_URL starts `maang runner` as a child process, on a unix
// socket in a private directory, with a random token and an environment built from an allow-list (no
// database URL, Redis URL or key of the server's). When the child dies it is restarted; runs meanwhile get a 503.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import { submitters } from "../services/code-runner/run-gate.js";

const MAANG_BIN = fileURLToPath(new URL("../../bin/maang.js", import.meta.url));
const SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export class EmbeddedRunner {
  readonly url: string;
  readonly token = randomBytes(32).toString("hex");
  private readonly dir: string;
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarts = 0;

  private constructor(
    private readonly settings: Settings,
    private readonly logger: Logger,
  ) {
    // Only this account can reach the socket: the directory is 0700.
    this.dir = mkdtempSync(join(tmpdir(), "maang-runner-socket-"));
    this.url = `unix:${join(this.dir, "runner.sock")}`;
  }

  /** The running child's pid (changes when it is restarted). */
  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  /** Resolves when the runner answers /healthz (after a start or a restart). */
  waitUntilReady(timeoutMs = 60_000): Promise<void> {
    return this.ready(timeoutMs);
  }

  /**
   * Starts the child and waits for it; a runner that is slow to come up does not stop the server from
   * starting (runs are answered 503 until it answers).
   */
  static async start(settings: Settings, logger: Logger, waitMs = 60_000): Promise<EmbeddedRunner> {
    const runner = EmbeddedRunner.launch(settings, logger);
    try {
      await runner.ready(waitMs);
    } catch (error) {
      logger.error({ err: error }, "the code runner is not answering yet; code runs get 503 until it does");
    }
    return runner;
  }

  /**
   * Starts the child without waiting for it: `maang serve` answers while the runner comes up (≈ 2 s, most
   * of a cold start), and the first runs wait for it through `firstReady` (decision 0006).
   */
  static launch(settings: Settings, logger: Logger): EmbeddedRunner {
    const runner = new EmbeddedRunner(settings, logger);
    runner.spawn();
    return runner;
  }

  private firstUp: Promise<boolean> | undefined;

  /**
   * Resolves once the runner has answered /healthz for the first time (true), or false after `timeoutMs`
   * without an answer; later calls return at once either way, so a runner that never comes up costs one wait,
   * not one per run (each run is then a 503 saying the runner is unreachable, until it answers).
   */
  firstReady(timeoutMs = 30_000): Promise<boolean> {
    this.firstUp ??= this.ready(timeoutMs).then(
      () => true,
      (error: unknown) => {
        this.logger.error({ err: error }, "the code runner is not answering yet; code runs get 503 until it does");
        return false;
      },
    );
    return this.firstUp;
  }

  /** The child's whole environment: what `maang runner` reads, nothing else. */
  environment(): Record<string, string> {
    const r = this.settings.runner;
    // The child cannot know who may submit to this server; in `auto` the server decides for it.
    const sandbox = r.sandbox === "auto" && !submitters(this.settings).ownerOnly ? "required" : r.sandbox;
    return {
      PATH: SYSTEM_PATH,
      NODE_ENV: this.settings.env,
      LOG_LEVEL: this.settings.log.level,
      LOG_FORMAT: this.settings.log.format,
      RUNNER_TOKEN: this.token,
      RUNNER_LISTEN: this.url,
      RUNNER_SANDBOX: sandbox,
      RUNNER_TIMEOUT_MS: String(r.timeoutMs),
      RUNNER_MEMORY_MB: String(r.memoryMb),
      RUNNER_MAX_OUTPUT_BYTES: String(r.maxOutputBytes),
      RUNNER_CONCURRENCY: String(r.concurrency),
      RUNNER_MAX_QUEUE: String(r.maxQueue),
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(): void {
    const child = spawn(process.execPath, [MAANG_BIN, "runner", "--with-parent"], {
      cwd: this.dir,
      env: this.environment(),
      // The child exits when this pipe closes: a server killed outright does not leave its runner behind.
      stdio: ["pipe", "inherit", "inherit"],
    });
    this.child = child;
    const up = Date.now();
    child.on("exit", (code, signal) => {
      if (this.stopping) return;
      // A runner that stayed up a minute starts again at once; one that keeps dying backs off to 10 s.
      if (Date.now() - up > 60_000) this.restarts = 0;
      const delay = Math.min(10_000, 250 * 2 ** this.restarts++);
      this.logger.error({ code, signal, restartInMs: delay }, "the code runner stopped; restarting it");
      setTimeout(() => {
        if (!this.stopping) this.spawn();
      }, delay).unref();
    });
  }

  private async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const socketPath = this.url.slice("unix:".length);
    while (Date.now() < deadline) {
      const ok = await new Promise<boolean>((resolve) => {
        const req = request({ socketPath, path: "/healthz", method: "GET" }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
        req.on("error", () => resolve(false));
        req.end();
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the code runner did not start within ${timeoutMs} ms (see its log above)`);
  }
}

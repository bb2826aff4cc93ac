// Runs submissions: one sandboxed process per run (plus one for compilation), at most `concurrency` at a
// time (the rest wait in order), and turns the harness's per-case lines into a report with a verdict.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { BadRequestError, UnavailableError } from "../../errors.js";
import { valuesMatch } from "./compare.js";
import { ADAPTERS, CPP_FLAGS, type Toolchain, TypeScriptCompileError } from "./languages/adapters.js";
import {
  Sandbox,
  type SandboxCapabilities,
  type SandboxLimits,
  type SandboxMode,
  type SandboxResult,
  type SandboxRun,
} from "./sandbox.js";
import { type CaseResult, LANGUAGES, type Language, type RunReport, type RunRequest, type Verdict } from "./types.js";

export interface RunnerOptions {
  timeoutMs: number;
  memoryMb: number;
  maxOutputBytes: number;
  concurrency: number;
  /** RUNNER_SANDBOX: auto, required or off */
  sandbox: SandboxMode;
  /** whether `auto` may fall back to running unsandboxed: only when the submitter owns the machine */
  unsandboxedAllowed: boolean;
}

export interface LanguageInfo {
  id: Language;
  label: string;
  available: boolean;
  version?: string;
}

interface HarnessLine {
  i?: number;
  actual?: unknown;
  stdout?: string;
  ms?: number;
  error?: string;
  line?: number;
  memory?: boolean;
  compileError?: string;
  fatal?: string;
  done?: boolean;
}

const MEMORY_PATTERN =
  /heap out of memory|OutOfMemoryError|MemoryError|std::bad_alloc|Cannot allocate memory|Array buffer allocation failed/;
const SIGNAL_NAMES = Object.fromEntries(Object.entries(constants.signals).map(([name, n]) => [n, name]));

/** Waits for a free slot; releases in arrival order. */
class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async use<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
  get queued(): number {
    return this.waiting.length;
  }
}

export class CodeRunner {
  readonly sandbox: Sandbox;
  private readonly slots: Slots;
  private toolchains: Map<Language, Toolchain | undefined> | undefined;
  private cppHeader: string | undefined;
  private headerBuild: ChildProcess | undefined;

  constructor(private readonly options: RunnerOptions) {
    this.sandbox = new Sandbox({ mode: options.sandbox, unsandboxedAllowed: options.unsandboxedAllowed });
    this.slots = new Slots(options.concurrency);
  }

  /**
   * Precompiles `bits/stdc++.h` once (with the flags every C++ run uses) into a runner-owned directory that
   * compilations see read-only: a C++ compile drops from ~2.5 s to well under one. Runs before it is ready
   * compile without it. Resolves false when there is no g++ or the build fails.
   */
  async precompileCppHeader(): Promise<boolean> {
    const tool = this.detect().get("cpp");
    if (!tool) return false;
    const header = tool.bin.stdcppHeader;
    if (!header) return false;
    const dir = this.sandbox.cacheDir("pch");
    mkdirSync(join(dir, "bits"), { recursive: true });
    const target = join(dir, "bits", "stdc++.h.gch");
    if (existsSync(target)) {
      this.cppHeader = dir;
      return true;
    }
    const ok = await new Promise<boolean>((resolve) => {
      const child = spawn(tool.bin.gxx, [...CPP_FLAGS, "-x", "c++-header", header, "-o", `${target}.tmp`], {
        stdio: "ignore",
        env: { PATH: "/usr/local/bin:/usr/bin:/bin" },
        // its own process group, so stopping it stops cc1plus too
        detached: true,
      });
      this.headerBuild = child;
      child.on("error", () => resolve(false));
      child.on("close", (code) => resolve(code === 0));
    });
    this.headerBuild = undefined;
    if (!ok || !existsSync(`${target}.tmp`)) return false;
    renameSync(`${target}.tmp`, target);
    this.cppHeader = dir;
    return true;
  }

  /** Stops a header build still running and removes the runner's work and cache directories. */
  dispose(): void {
    const build = this.headerBuild;
    if (build?.pid && build.exitCode === null) {
      try {
        process.kill(-build.pid, "SIGKILL");
      } catch {
        // already finished
      }
    }
    this.sandbox.dispose();
  }

  capabilities(): SandboxCapabilities {
    return this.sandbox.capabilities();
  }

  /** Every language with whether this machine can run it (detected once, on first use). */
  languages(): LanguageInfo[] {
    const tools = this.detect();
    return LANGUAGES.map((id) => {
      const tool = tools.get(id);
      return { id, label: ADAPTERS[id].label, available: Boolean(tool), ...(tool ? { version: tool.version } : {}) };
    });
  }

  isAvailable(language: Language): boolean {
    return Boolean(this.detect().get(language));
  }

  get queued(): number {
    return this.slots.queued;
  }

  private detect(): Map<Language, Toolchain | undefined> {
    if (!this.toolchains) {
      this.toolchains = new Map(LANGUAGES.map((id) => [id, safeDetect(id)]));
    }
    return this.toolchains;
  }

  async run(request: RunRequest): Promise<RunReport> {
    const tool = this.detect().get(request.language);
    if (!tool) throw new BadRequestError(`${request.language} is not installed on this server`);
    const refusal = this.capabilities().refusal;
    if (refusal) throw new UnavailableError(refusal);
    return this.slots.use(() => this.runNow(request, tool));
  }

  private async runNow(request: RunRequest, tool: Toolchain): Promise<RunReport> {
    const started = performance.now();
    const adapter = ADAPTERS[request.language];
    const caps = this.sandbox.capabilities();
    const workDir = this.sandbox.createWorkDir();
    const nonce = `@@maang-${randomBytes(9).toString("hex")}@@`;
    const base = (verdict: Verdict, extra: Partial<RunReport> = {}): RunReport => ({
      verdict,
      language: request.language,
      passed: 0,
      total: request.cases.length,
      cases: request.cases.map((c, index) => ({ index, status: "not_run", args: c.hidden ? undefined : c.args })),
      durationMs: performance.now() - started,
      ...extra,
    });
    try {
      let prepared: Awaited<ReturnType<typeof adapter.prepare>>;
      try {
        prepared = await adapter.prepare(
          {
            code: request.code,
            signature: request.signature,
            cases: request.cases,
            nonce,
            memoryMb: this.options.memoryMb,
            nodePermissions: caps.isolation !== "bwrap",
            workDir: this.sandbox.visibleWorkDir(workDir),
            precompiledHeaderDir: this.cppHeader ? headerDirFor(caps.isolation, this.cppHeader) : undefined,
          },
          tool,
        );
      } catch (error) {
        if (error instanceof TypeScriptCompileError)
          return base("compile_error", { error: { kind: "compile_error", message: error.message, line: error.line } });
        throw error;
      }
      for (const [name, content] of Object.entries(prepared.files)) this.sandbox.writeFile(workDir, name, content);

      let compileMs: number | undefined;
      if (prepared.compile) {
        const compiled = await this.runStarting({
          command: prepared.compile.command,
          workDir,
          limits: this.limits({ timeoutMs: 60_000, maxOutputBytes: 1_000_000, ...prepared.compile.limits }),
          reveal: tool.reveal,
          writableWorkDir: true,
          binds: this.cppHeader && caps.isolation === "bwrap" ? { [this.cppHeader]: PCH_DIR } : undefined,
        });
        compileMs = compiled.wallMs;
        if (compiled.timedOut || compiled.exitCode !== 0) {
          const diag = compiled.timedOut
            ? { message: "compilation took too long" }
            : adapter.compileError(compiled.stderr || compiled.stdout);
          return base("compile_error", {
            compileMs,
            error: { kind: "compile_error", ...diag },
            stderr: tail(compiled.stderr || compiled.stdout),
          });
        }
      }

      const result = await this.runStarting({
        command: prepared.run.command,
        workDir,
        limits: this.limits({ startupMs: adapter.startupMs, ...prepared.run.limits }),
        reveal: tool.reveal,
        startMark: `${nonce}${START_LINE}`,
      });
      const mapLine = (line: number | undefined) =>
        line === undefined ? undefined : prepared.mapLine ? prepared.mapLine(line) : line - prepared.lineOffset;
      return { ...this.judge(request, result, mapLine, started), ...(compileMs !== undefined ? { compileMs } : {}) };
    } finally {
      this.sandbox.removeWorkDir(workDir);
    }
  }

  /**
   * Runs one sandboxed step, starting it again while its sandbox or runtime cannot start. As an unprivileged
   * runner every run shares one process budget, which another run's fork bomb can hold until that run's time
   * is up: this run then waits for it (the bomb's budget at most) rather than being judged for a start that
   * was not its code's doing. Answered 503 only if it still cannot start after that.
   */
  private async runStarting(run: SandboxRun): Promise<SandboxResult> {
    const giveUpAt = performance.now() + this.options.timeoutMs + LONGEST_STARTUP_MS + 1000;
    for (let pause = START_RETRY_MS; ; pause = Math.min(pause * 2, START_RETRY_MAX_MS)) {
      const result = await this.sandbox.run(run);
      const failure = startFailure(run, result);
      if (!failure) return result;
      if (performance.now() + pause > giveUpAt)
        throw new UnavailableError(
          `The runner could not start a sandbox for this run (${failure}); it is busy. Try again in a few seconds.`,
          5,
        );
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private limits(overrides: Partial<SandboxLimits>): SandboxLimits {
    return {
      timeoutMs: this.options.timeoutMs,
      maxOutputBytes: this.options.maxOutputBytes,
      processes: 64,
      fileBytes: 16 * 1024 * 1024,
      ...overrides,
    };
  }

  private judge(
    request: RunRequest,
    result: SandboxResult,
    mapLine: (line: number | undefined) => number | undefined,
    started: number,
  ): RunReport {
    const lines: HarnessLine[] = [];
    for (const raw of result.stdout.split("\n")) {
      const at = raw.indexOf(NONCE_MARK);
      if (at < 0) continue;
      const end = raw.indexOf("@@", at + NONCE_MARK.length);
      try {
        lines.push(JSON.parse(raw.slice(end + 2)) as HarnessLine);
      } catch {
        // a line cut short by a kill
      }
    }
    const report = (verdict: Verdict, cases: CaseResult[], error?: RunReport["error"]): RunReport => ({
      verdict,
      language: request.language,
      passed: cases.filter((c) => c.status === "passed").length,
      total: request.cases.length,
      cases,
      ...(error ? { error } : {}),
      durationMs: performance.now() - started,
      ...(result.stderr.trim() ? { stderr: tail(result.stderr) } : {}),
    });
    const head = lines.find((l) => l.compileError !== undefined || l.fatal !== undefined);
    const cases: CaseResult[] = request.cases.map((c, index) => ({
      index,
      status: "not_run",
      ...(c.hidden ? {} : { args: c.args }),
    }));
    if (head?.compileError !== undefined)
      return report("compile_error", cases, {
        kind: "compile_error",
        message: head.compileError,
        line: mapLine(head.line),
      });
    if (head?.fatal !== undefined)
      return report("runtime_error", cases, {
        kind: "runtime_error",
        message: `${head.fatal} (while loading your code)`,
        line: mapLine(head.line),
      });

    let memoryHit = MEMORY_PATTERN.test(result.stderr);
    const compare = request.compare ?? "exact";
    for (const l of lines) {
      if (l.i === undefined || l.i < 0 || l.i >= cases.length) continue;
      const spec = request.cases[l.i];
      const c = cases[l.i];
      c.timeMs = l.ms === undefined ? undefined : Math.round(l.ms * 1000) / 1000;
      if (l.stdout) c.stdout = l.stdout;
      if (l.memory || (l.error !== undefined && MEMORY_PATTERN.test(l.error))) memoryHit = true;
      if (l.error !== undefined) {
        c.status = "error";
        c.error =
          l.line !== undefined && mapLine(l.line) !== undefined ? `${l.error} (line ${mapLine(l.line)})` : l.error;
        continue;
      }
      // An empty list or tree is null in Java; the bank writes it as [].
      const returnsNodes =
        request.signature.kind === "function" && ["ListNode", "TreeNode"].includes(request.signature.returns);
      c.actual = returnsNodes && l.actual === null ? [] : l.actual;
      if (request.custom || spec.expected === undefined) c.status = "ran";
      else c.status = valuesMatch(c.actual, spec.expected, compare) ? "passed" : "failed";
      if (!spec.hidden && spec.expected !== undefined) c.expected = spec.expected;
      if (spec.hidden) {
        delete c.actual;
        delete c.stdout;
      }
    }
    const done = lines.some((l) => l.done);
    const firstOpen = cases.find((c) => c.status === "not_run");
    const signal =
      result.signal ??
      (result.exitCode !== null && result.exitCode > 128 ? SIGNAL_NAMES[result.exitCode - 128] : undefined);

    if (result.outputExceeded) {
      if (firstOpen) firstOpen.error = `output limit of ${this.options.maxOutputBytes} bytes exceeded`;
      return report("output_limit", cases, {
        kind: "output_limit",
        message: `Your code printed more than ${this.options.maxOutputBytes} bytes; the run was stopped.`,
      });
    }
    if (memoryHit) {
      const at = cases.find((c) => c.status === "error" || c.status === "not_run");
      if (at) {
        at.status = "error";
        at.error = "memory limit exceeded";
      }
      return report("memory_limit", cases, {
        kind: "memory_limit",
        message: `Your code used more than the ${this.options.memoryMb} MB memory limit.`,
      });
    }
    if (result.timedOut || signal === "SIGXCPU") {
      if (firstOpen) {
        firstOpen.status = "error";
        firstOpen.error = `time limit of ${this.options.timeoutMs} ms exceeded`;
      }
      return report("timeout", cases, {
        kind: "timeout",
        message: `Time limit exceeded: the run did not finish within ${this.options.timeoutMs} ms (an infinite loop, or too slow for the input).`,
      });
    }
    if (!done) {
      const why = signal ? describeSignal(signal) : `exit code ${result.exitCode}`;
      if (firstOpen) {
        firstOpen.status = "error";
        firstOpen.error = `process crashed: ${why}`;
      }
      return report("runtime_error", cases, {
        kind: "runtime_error",
        message: `Your code crashed the process: ${why}.`,
      });
    }
    const firstBad = cases.find((c) => c.status === "error" || c.status === "failed");
    if (firstBad?.status === "error")
      return report("runtime_error", cases, {
        kind: "runtime_error",
        message: `Runtime error on test ${firstBad.index + 1}: ${firstBad.error}`,
      });
    if (firstBad) return report("wrong_answer", cases);
    return report("accepted", cases);
  }
}

const NONCE_MARK = "@@maang-";
/** What every harness prints after its nonce once the runtime is up, before the code is loaded. */
const START_LINE = '{"started":true}';
/** The longest start-up any language gets: another run holds what a sandbox needs for at most this + its limit. */
const LONGEST_STARTUP_MS = Math.max(...Object.values(ADAPTERS).map((a) => a.startupMs));
const START_RETRY_MS = 250;
const START_RETRY_MAX_MS = 2000;
/** What a runtime or compiler prints when the process budget is used up (the JVM, Node's threads, vfork). */
const RESOURCES_EXHAUSTED =
  /Resource temporarily unavailable|pthread_create failed|uv_thread_create|unable to create native thread/;
/** A compiler's diagnostic of a file (which may quote the submitted code), not the compiler's own failure. */
const SOURCE_DIAGNOSTIC = /^(In file included from |[\w.-]+\.(java|cpp|hpp)[:(])/;

/**
 * Why a step's sandbox or runtime could not start, when that was the server's state and not the code's doing:
 * bwrap's own failure, or a runtime or compiler out of processes before any submitted code ran.
 */
function startFailure(run: SandboxRun, result: SandboxResult): string | undefined {
  if (result.timedOut || result.outputExceeded || result.exitCode === 0) return undefined;
  if (result.started || result.stdout.includes(NONCE_MARK)) return undefined;
  const first = result.stderr.trimStart().split("\n")[0] ?? "";
  const bwrap = /^bwrap: (.*)$/.exec(first);
  if (bwrap) return bwrap[1];
  // A run's harness prints its start mark before the code loads, so all it printed before is the runtime's;
  // a compiler's diagnostics quote the code, so only its own first line is read.
  const told = run.startMark ? result.stderr : SOURCE_DIAGNOSTIC.test(first) ? "" : first;
  return RESOURCES_EXHAUSTED.exec(told)?.[0];
}

/** Where compilations see the precompiled header inside the sandbox. */
const PCH_DIR = "/opt/maang-pch";
const headerDirFor = (isolation: SandboxCapabilities["isolation"], hostDir: string) =>
  isolation === "bwrap" ? PCH_DIR : hostDir;

function describeSignal(signal: string): string {
  if (signal === "SIGSEGV")
    return "segmentation fault (SIGSEGV): a null pointer, an out-of-range index, or a stack overflow";
  if (signal === "SIGABRT") return "aborted (SIGABRT)";
  if (signal === "SIGFPE") return "arithmetic error (SIGFPE), e.g. division by zero";
  return `killed by ${signal}`;
}

function tail(text: string, max = 2000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

function safeDetect(language: Language): Toolchain | undefined {
  try {
    return ADAPTERS[language].detect();
  } catch {
    return undefined;
  }
}

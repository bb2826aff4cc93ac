// One untrusted process, isolated by bubblewrap: new user, PID, network, IPC, UTS and cgroup namespaces, a
// fresh /proc, a minimal /dev, private size-limited tmpfs for /tmp, /var/tmp, /dev/shm and /run, read-only
// binds of the toolchains only, the run's own files as the only content of /work, a seccomp filter, an empty
// environment and rlimits. As root the run first drops to a uid of its own (so RLIMIT_NPROC counts only that
// run). Without bwrap, what happens is the caller's policy: refuse, or run with rlimits only (owner's machine).
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UnavailableError } from "../../errors.js";
import { seccompFilter } from "./seccomp.js";

/** auto: bwrap when it works, else the caller's `unsandboxedAllowed` decides; required: bwrap or refuse; off: never */
export type SandboxMode = "auto" | "required" | "off";

export interface SandboxCapabilities {
  /** bwrap: full isolation; rlimits: limits only (unsandboxed); none: not even limits */
  isolation: "bwrap" | "rlimits" | "none";
  /** the account the runner runs as: root drops each run to its own uid */
  privilege: "root" | "unprivileged";
  seccomp: boolean;
  /** set when runs go without a sandbox: shown in the log, the languages list and the interview room */
  warning?: string;
  /** set when every run is refused: why, and how to fix it */
  refusal?: string;
  notes: string[];
}

export interface SandboxLimits {
  /** wall-clock time the code may take, counted from the run's `startMark` when it has one */
  timeoutMs: number;
  /**
   * With a `startMark`: wall-clock time the runtime (bwrap, a JVM) may take to start before the code's own
   * `timeoutMs` begins. Never more than `startupMs + timeoutMs` in all, whenever the mark comes.
   */
  startupMs?: number;
  /** RLIMIT_AS in bytes (address space; not usable for V8 or the JVM, which reserve large ranges) */
  addressSpaceBytes?: number;
  /** RLIMIT_DATA in bytes (heap + anonymous mappings) */
  dataBytes?: number;
  maxOutputBytes: number;
  /** RLIMIT_NPROC (threads count too: the JVM needs ~20) */
  processes: number;
  /** largest file the process may write */
  fileBytes: number;
}

export interface SandboxRun {
  command: string[];
  workDir: string;
  limits: SandboxLimits;
  /** install directories outside /usr the toolchain needs, bound read-only at the same path */
  reveal?: string[];
  /** compilation writes its output into the work dir; a run gets a fresh tmpfs with its files bound read-only */
  writableWorkDir?: boolean;
  /** extra read-only binds: host path → sandbox path (the C++ precompiled header) */
  binds?: Record<string, string>;
  /** what the harness prints on stdout once the runtime is up and before the code runs */
  startMark?: string;
}

export interface SandboxResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputExceeded: boolean;
  /** whether the run's `startMark` was printed (false without one) */
  started: boolean;
  wallMs: number;
}

export interface SandboxOptions {
  mode: SandboxMode;
  /** only on a loopback-only embedded server, where the submitter is the machine's owner */
  unsandboxedAllowed: boolean;
  /** bytes a run may write in total to each of /work and /tmp (the others get a quarter) */
  workBytes?: number;
}

/** Where a run's files are inside the sandbox. */
export const SANDBOX_WORK_DIR = "/work";
const SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";
const MB = 1024 * 1024;
const quoteArg = (s: string) => (/^[\w./=:,@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

export class Sandbox {
  private caps: SandboxCapabilities | undefined;
  private nextUid: number;
  private readonly baseDir: string;
  private readonly isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  private readonly filter = seccompFilter();

  constructor(private readonly options: SandboxOptions) {
    // A uid no account uses, different per run, so RLIMIT_NPROC counts only this run's processes.
    this.nextUid = 200_000 + Math.floor(Math.random() * 50_000) * 10;
    // Runs live under one runner-owned directory: traversable by each run's uid, listable by none. Its name
    // carries the pid, so a later runner removes what a killed one (SIGKILL, a crash) left behind.
    removeAbandonedDirs();
    this.baseDir = mkdtempSync(join(tmpdir(), `${BASE_PREFIX}${process.pid}-`));
    chmodSync(this.baseDir, 0o711);
  }

  /** A directory the runner owns for caches (the C++ precompiled header). */
  cacheDir(name: string): string {
    const dir = join(this.baseDir, name);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    return dir;
  }

  /** Removes every run directory and cache (the runner is stopping). */
  dispose(): void {
    rmSync(this.baseDir, { recursive: true, force: true });
  }

  capabilities(): SandboxCapabilities {
    if (this.caps) return this.caps;
    const notes: string[] = [];
    const prlimit = has("prlimit");
    const privilege = this.isRoot ? "root" : "unprivileged";
    const limitsOnly: SandboxCapabilities["isolation"] = prlimit ? "rlimits" : "none";
    if (!prlimit) notes.push("prlimit missing: no CPU, memory or process limits beyond the wall-clock timeout");
    if (!this.filter) notes.push(`no seccomp filter for architecture ${process.arch}`);
    if (this.options.mode === "off") {
      this.caps = {
        isolation: limitsOnly,
        privilege,
        seccomp: false,
        notes,
        warning:
          "RUNNER_SANDBOX=off: submitted code runs WITHOUT a sandbox and can read this machine's files and reach its network. Only for a machine where you are the only user.",
      };
      return this.caps;
    }
    const why = this.bwrapProblem();
    if (!why) {
      this.caps = { isolation: "bwrap", privilege, seccomp: Boolean(this.filter), notes };
      return this.caps;
    }
    notes.push(why);
    const fix =
      "Install bubblewrap (`apt-get install bubblewrap`) on a Linux host that allows user namespaces (in a container: see docs/operations.md, Code runner).";
    if (this.options.mode === "auto" && this.options.unsandboxedAllowed) {
      this.caps = {
        isolation: limitsOnly,
        privilege,
        seccomp: false,
        notes,
        warning: `No sandbox (${why}): submitted code runs with resource limits only and can read your files. Acceptable only because this server listens on loopback and you are its only user. ${fix}`,
      };
    } else {
      const reason =
        this.options.mode === "required"
          ? "RUNNER_SANDBOX=required"
          : "other people can submit code to this server (it listens beyond loopback, NODE_ENV=production, or it uses a real DATABASE_URL)";
      this.caps = {
        isolation: limitsOnly,
        privilege,
        seccomp: false,
        notes,
        refusal: `Code runs are refused: no sandbox can be built on this server (${why}) and ${reason}. ${fix}`,
      };
    }
    return this.caps;
  }

  private bwrapProblem(): string | undefined {
    if (process.platform !== "linux") return `bubblewrap needs Linux (this is ${process.platform})`;
    if (!has("bwrap")) return "bwrap is not installed";
    if (!has("prlimit")) return "prlimit (util-linux) is not installed";
    // The same options a run gets (minus seccomp), as the same kind of account.
    const dir = this.createWorkDir();
    const options = this.bwrapArgs({ workDir: dir }).filter(
      (a, i, all) => a !== "--seccomp" && all[i - 1] !== "--seccomp",
    );
    if (this.isRoot) chownSync(dir, 65534, 65534);
    const probe = spawnSync(
      this.isRoot ? "setpriv" : "bwrap",
      [
        ...(this.isRoot ? ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "bwrap"] : []),
        ...options,
        "--",
        "/bin/sh",
        "-c",
        "exit 0",
      ],
      { encoding: "utf8", timeout: 10_000, env: { PATH: SYSTEM_PATH } },
    );
    this.removeWorkDir(dir);
    if (probe.status === 0) return undefined;
    return `bwrap cannot create namespaces here: ${(probe.stderr || probe.error?.message || `exit ${probe.status}`).trim()}`;
  }

  /** A fresh private directory for one run; remove it with `removeWorkDir`. */
  createWorkDir(): string {
    return mkdtempSync(join(this.baseDir, "run-"));
  }

  removeWorkDir(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
  }

  writeFile(dir: string, name: string, content: string): void {
    writeFileSync(join(dir, name), content, { mode: 0o644 });
  }

  /** Where the run's files are as the code sees them (for paths written into commands). */
  visibleWorkDir(hostDir: string): string {
    return this.capabilities().isolation === "bwrap" ? SANDBOX_WORK_DIR : hostDir;
  }

  run(run: SandboxRun): Promise<SandboxResult> {
    const caps = this.capabilities();
    if (caps.refusal) throw new UnavailableError(caps.refusal);
    const { limits } = run;
    // RLIMIT_NPROC counts every task of the real uid. As root each run has a uid of its own; otherwise all runs
    // (and the runner) share one, so a run gets its allowance on top of what that uid already has running.
    const processes =
      caps.isolation === "bwrap" && this.isRoot ? limits.processes : limits.processes + tasksOfUid(process.getuid?.());
    const rlimits = [
      `--cpu=${Math.ceil(wallBudgetMs(run) / 1000) + 1}`,
      `--fsize=${limits.fileBytes}`,
      "--core=0",
      "--nofile=256",
      `--nproc=${processes}`,
      ...(limits.addressSpaceBytes ? [`--as=${limits.addressSpaceBytes}`] : []),
      ...(limits.dataBytes ? [`--data=${limits.dataBytes}`] : []),
    ];
    if (caps.isolation === "bwrap") {
      let drop: string[] = [];
      if (this.isRoot) {
        const uid = this.allocateUid();
        chownSync(run.workDir, uid, uid);
        drop = ["setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--no-new-privs", "--"];
      }
      // bwrap sets PWD after --chdir; `env -u` leaves the code an environment that is empty.
      const argv = [
        "prlimit",
        ...rlimits,
        "--",
        ...drop,
        "bwrap",
        ...this.bwrapArgs(run),
        "--",
        "/usr/bin/env",
        "-u",
        "PWD",
        ...run.command,
      ];
      return this.spawnLimited(argv, "/", run, this.filter);
    }
    chmodSync(run.workDir, 0o755);
    const argv = caps.isolation === "rlimits" ? ["prlimit", ...rlimits, "--", ...run.command] : run.command;
    return this.spawnLimited(argv, run.workDir, run);
  }

  /** The bwrap options for one run (exported through `describe` for the docs and tests). */
  bwrapArgs(run: Pick<SandboxRun, "workDir" | "reveal" | "writableWorkDir" | "binds">): string[] {
    const work = this.options.workBytes ?? 64 * MB;
    const small = Math.max(MB, Math.floor(work / 4));
    const args = [
      "--unshare-all",
      "--unshare-user",
      "--disable-userns",
      "--die-with-parent",
      "--new-session",
      "--cap-drop",
      "ALL",
      "--ro-bind",
      "/usr",
      "/usr",
    ];
    for (const top of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
      const kind = entryKind(top);
      if (kind === "symlink") args.push("--symlink", readlinkSync(top), top);
      else if (kind === "dir") args.push("--ro-bind", top, top);
    }
    // Only the /etc pieces the dynamic loader and the JDK read: no passwd, hosts, or anything of the server's.
    for (const entry of etcEntries()) args.push("--ro-bind", entry, entry);
    for (const dir of run.reveal ?? []) {
      if (dir !== "/usr" && !dir.startsWith("/usr/") && existsSync(dir)) args.push("--ro-bind", dir, dir);
    }
    args.push("--proc", "/proc", "--dev", "/dev");
    args.push("--size", String(work), "--tmpfs", "/tmp");
    for (const dir of ["/var/tmp", "/dev/shm", "/run"]) args.push("--size", String(small), "--tmpfs", dir);
    if (run.writableWorkDir) {
      args.push("--bind", run.workDir, SANDBOX_WORK_DIR);
    } else {
      args.push("--size", String(work), "--tmpfs", SANDBOX_WORK_DIR);
      for (const name of readdirSync(run.workDir)) {
        args.push("--ro-bind", join(run.workDir, name), join(SANDBOX_WORK_DIR, name));
      }
    }
    for (const [from, to] of Object.entries(run.binds ?? {})) args.push("--ro-bind", from, to);
    // An empty environment: commands are absolute paths, and the C++ compile sets its own PATH.
    args.push("--chdir", SANDBOX_WORK_DIR, "--clearenv");
    if (this.filter) args.push("--seccomp", "3");
    return args;
  }

  /** The bwrap command line of a sample run, for `maang runner --describe` and the docs. */
  describe(): string {
    const dir = this.createWorkDir();
    try {
      return ["bwrap", ...this.bwrapArgs({ workDir: dir }), "--", "<command>"].map(quoteArg).join(" ");
    } finally {
      this.removeWorkDir(dir);
    }
  }

  private allocateUid(): number {
    this.nextUid += 1;
    if (this.nextUid > 700_000) this.nextUid = 200_000;
    return this.nextUid;
  }

  private spawnLimited(argv: string[], cwd: string, run: SandboxRun, seccomp?: Buffer): Promise<SandboxResult> {
    const { limits, startMark } = run;
    return new Promise((resolve) => {
      const spawnedAt = performance.now();
      // An empty environment: nothing of the runner's reaches the code (bwrap also clears its own).
      const child = spawn(argv[0], argv.slice(1), {
        cwd,
        env: {},
        detached: true,
        stdio: seccomp ? ["ignore", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"],
      });
      if (seccomp) {
        const fd3 = child.stdio[3] as NodeJS.WritableStream | null;
        fd3?.on("error", () => {});
        fd3?.end(seccomp);
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let bytes = 0;
      let timedOut = false;
      let outputExceeded = false;
      let settled = false;
      let started = false;
      /** the end of the stdout seen so far, as long as a mark cut across two chunks can be */
      let seen = "";
      // Killing bwrap kills the sandbox's PID 1 (--die-with-parent), and with it every process of the run.
      const killGroup = () => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      };
      const expire = () => {
        timedOut = true;
        killGroup();
      };
      // The whole run never outlasts its budget; once the runtime is up, the code gets its own time limit in it.
      const budgetMs = wallBudgetMs(run);
      let timer = setTimeout(expire, budgetMs);
      const watchStart = (chunk: Buffer) => {
        if (started || !startMark || timedOut || settled) return;
        const text = seen + chunk.toString("latin1");
        if (!text.includes(startMark)) {
          seen = text.slice(1 - startMark.length);
          return;
        }
        started = true;
        seen = "";
        const elapsed = performance.now() - spawnedAt;
        clearTimeout(timer);
        timer = setTimeout(expire, Math.max(0, Math.min(limits.timeoutMs, budgetMs - elapsed)));
      };
      const collect = (sink: Buffer[]) => (chunk: Buffer) => {
        if (outputExceeded) return;
        bytes += chunk.length;
        if (bytes > limits.maxOutputBytes) {
          outputExceeded = true;
          killGroup();
          return;
        }
        sink.push(chunk);
      };
      const collectOut = collect(out);
      child.stdout?.on("data", (chunk: Buffer) => {
        watchStart(chunk);
        collectOut(chunk);
      });
      child.stderr?.on("data", collect(err));
      const finish = (exitCode: number | null, signal: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        killGroup();
        resolve({
          exitCode,
          signal,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
          timedOut,
          outputExceeded,
          started,
          wallMs: performance.now() - spawnedAt,
        });
      };
      child.on("error", (error) => {
        err.push(Buffer.from(String(error.message)));
        finish(null, null);
      });
      child.on("close", (code, signal) => finish(code, signal));
    });
  }
}

const BASE_PREFIX = "maang-runner-";

/** The most wall-clock time a run may take: its time limit, plus the runtime's start-up when that is marked. */
export function wallBudgetMs(run: Pick<SandboxRun, "limits" | "startMark">): number {
  return run.limits.timeoutMs + (run.startMark ? (run.limits.startupMs ?? 0) : 0);
}

/** Removes run directories whose runner process is gone (only this account's: others are not ours to touch). */
function removeAbandonedDirs(): void {
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(new RegExp(`^${BASE_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
      continue; // still running
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") continue;
    }
    const dir = join(tmpdir(), name);
    try {
      if (lstatSync(dir).uid === process.getuid?.()) rmSync(dir, { recursive: true, force: true });
    } catch {
      // removed meanwhile
    }
  }
}

/** Tasks (threads included, as RLIMIT_NPROC counts them) running under a uid. */
function tasksOfUid(uid: number | undefined): number {
  if (uid === undefined) return 0;
  let tasks = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return 0;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) !== uid) continue;
      tasks += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
    } catch {
      // the process ended meanwhile
    }
  }
  return tasks;
}

function has(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore", env: { PATH: SYSTEM_PATH } }).status === 0;
}

function entryKind(path: string): "symlink" | "dir" | undefined {
  try {
    const st = lstatSync(path);
    return st.isSymbolicLink() ? "symlink" : st.isDirectory() ? "dir" : undefined;
  } catch {
    return undefined;
  }
}

function etcEntries(): string[] {
  const wanted = ["/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime"];
  let javaConf: string[] = [];
  try {
    javaConf = readdirSync("/etc")
      .filter((name) => /^java-\d+-openjdk$/.test(name))
      .map((name) => `/etc/${name}`);
  } catch {
    // no /etc to read
  }
  return [...wanted, ...javaConf].filter((p) => existsSync(p));
}

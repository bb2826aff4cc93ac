// One untrusted process: a throw-away directory, an empty environment, resource limits, and — when this
// process may create namespaces (root on Linux) — no network, a private PID space, hidden server files and
// an unprivileged, per-run user id so RLIMIT_NPROC stops fork bombs. Without namespaces it falls back to
// rlimits only (`capabilities().isolation === "rlimits"`); the language adapters then add what they can
// (Node's permission model for JavaScript).
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SandboxCapabilities {
  /** namespaces: no network, own PID space, hidden dirs, unprivileged uid; rlimits: limits only */
  isolation: "namespaces" | "rlimits" | "none";
  prlimit: boolean;
  notes: string[];
}

export interface SandboxLimits {
  timeoutMs: number;
  /** RLIMIT_AS in bytes (address space; not usable for V8 or the JVM, which reserve large ranges) */
  addressSpaceBytes?: number;
  /** RLIMIT_DATA in bytes (heap + anonymous mappings) */
  dataBytes?: number;
  maxOutputBytes: number;
  /** RLIMIT_NPROC for the run's own uid (threads count too: the JVM needs ~20) */
  processes: number;
  /** largest file the process may write */
  fileBytes: number;
}

export interface SandboxRun {
  command: string[];
  workDir: string;
  limits: SandboxLimits;
  /** directories under a hidden directory to keep visible at the same path, e.g. an interpreter under /root */
  reveal?: string[];
}

export interface SandboxResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputExceeded: boolean;
  wallMs: number;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Directories the submitted code must not read: the server's code, data and home directories. */
export function defaultHiddenDirs(extra: string[] = []): string[] {
  const dirs = new Set(["/root", "/home", "/run/secrets", "/var/lib/postgresql", "/srv", ...extra]);
  return [...dirs].filter((d) => d && d !== "/" && !d.startsWith(tmpdir()) && existsSync(d));
}

export class Sandbox {
  private caps: SandboxCapabilities | undefined;
  private nextUid: number;

  constructor(private readonly hiddenDirs: string[]) {
    // A uid no account uses, different per run, so RLIMIT_NPROC counts only this run's processes.
    this.nextUid = 200_000 + Math.floor(Math.random() * 50_000) * 10;
  }

  capabilities(): SandboxCapabilities {
    if (this.caps) return this.caps;
    const notes: string[] = [];
    const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
    const prlimit = has("prlimit");
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    let isolation: SandboxCapabilities["isolation"] = prlimit ? "rlimits" : "none";
    if (isRoot && prlimit && has("unshare") && has("setpriv")) {
      const probe = spawnSync(
        "unshare",
        ["--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "--", "/bin/true"],
        { stdio: "ignore", timeout: 5000 },
      );
      if (probe.status === 0) isolation = "namespaces";
      else notes.push("unshare failed (no namespace permission): network and file isolation unavailable");
    } else if (!isRoot) {
      notes.push("not running as root: no network namespace, no uid drop; limits only");
    }
    if (!prlimit) notes.push("prlimit missing: no CPU, memory or process limits beyond the wall-clock timeout");
    this.caps = { isolation, prlimit, notes };
    return this.caps;
  }

  /** A fresh private directory for one run; remove it with `removeWorkDir`. */
  createWorkDir(): string {
    return mkdtempSync(join(tmpdir(), "maang-run-"));
  }

  removeWorkDir(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
  }

  writeFile(dir: string, name: string, content: string): void {
    writeFileSync(join(dir, name), content);
  }

  run(run: SandboxRun): Promise<SandboxResult> {
    const caps = this.capabilities();
    const { limits } = run;
    const cpuSeconds = Math.ceil(limits.timeoutMs / 1000) + 1;
    const rlimits = [
      `--cpu=${cpuSeconds}`,
      `--fsize=${limits.fileBytes}`,
      "--core=0",
      "--nofile=256",
      ...(limits.addressSpaceBytes ? [`--as=${limits.addressSpaceBytes}`] : []),
      ...(limits.dataBytes ? [`--data=${limits.dataBytes}`] : []),
    ];
    let argv: string[];
    if (caps.isolation === "namespaces") {
      const uid = this.allocateUid();
      chownSync(run.workDir, uid, uid);
      const script = [
        "set -e",
        // /etc/passwd lists the machine's accounts; the run sees an empty one.
        "mount --bind /dev/null /etc/passwd 2>/dev/null || true",
        // A revealed directory is bound aside before its parent is hidden, then bound back at its own path
        // (interpreters embed their install path).
        ...(run.reveal ?? []).map(
          (path, i) =>
            `mkdir -p ${quote(join(run.workDir, `.reveal${i}`))} && mount --bind ${quote(path)} ${quote(join(run.workDir, `.reveal${i}`))}`,
        ),
        ...this.hiddenDirs.map((d) => `mount -t tmpfs -o size=64k,mode=755 none ${quote(d)} 2>/dev/null || true`),
        ...(run.reveal ?? []).map(
          (path, i) =>
            `mkdir -p ${quote(path)} && mount --bind ${quote(join(run.workDir, `.reveal${i}`))} ${quote(path)} && umount -l ${quote(join(run.workDir, `.reveal${i}`))}`,
        ),
        `cd ${quote(run.workDir)}`,
        `exec /usr/bin/env -i prlimit --nproc=${limits.processes} ${rlimits.join(" ")} -- setpriv --reuid=${uid} --regid=${uid} --clear-groups --no-new-privs -- ${run.command.map(quote).join(" ")}`,
      ].join("\n");
      argv = [
        "unshare",
        "--net",
        "--mount",
        "--pid",
        "--fork",
        "--kill-child",
        "--mount-proc",
        "--",
        "/bin/sh",
        "-c",
        script,
      ];
    } else if (caps.prlimit) {
      argv = ["prlimit", `--nproc=${limits.processes}`, ...rlimits, "--", ...run.command];
    } else {
      argv = run.command;
    }
    return this.spawnLimited(argv, run.workDir, limits);
  }

  private allocateUid(): number {
    this.nextUid += 1;
    if (this.nextUid > 700_000) this.nextUid = 200_000;
    return this.nextUid;
  }

  private spawnLimited(argv: string[], cwd: string, limits: SandboxLimits): Promise<SandboxResult> {
    return new Promise((resolve) => {
      const started = performance.now();
      // An empty environment: nothing of the server's (DATABASE_URL, keys) reaches the code.
      const child = spawn(argv[0], argv.slice(1), {
        cwd,
        env: {},
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let bytes = 0;
      let timedOut = false;
      let outputExceeded = false;
      let settled = false;
      const killGroup = () => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
      }, limits.timeoutMs);
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
      child.stdout.on("data", collect(out));
      child.stderr.on("data", collect(err));
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
          wallMs: performance.now() - started,
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

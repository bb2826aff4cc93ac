// Separate processes for the benchmarks: servers (the app, a bare Fastify), the load generator (wrk when
// installed, else autocannon in a child process), pgbench, and start-up timing to the first 200.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { percentile } from "../lib.js";

export const BENCH_DIR = join(import.meta.dirname, "..");
const REPO = join(BENCH_DIR, "..");
const TSX_LOADER = join(REPO, "node_modules", "tsx", "dist", "esm", "index.mjs");

export interface Server {
  base: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a child that prints {"port": N} on its first stdout line. */
export function startServer(args: string[], env: Record<string, string | undefined>): Promise<Server> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolvePromise, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`server ${args.join(" ")} exited with ${code}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith('{"port"'));
      if (!line) return;
      const { port } = JSON.parse(line) as { port: number };
      child.removeAllListeners("exit");
      resolvePromise({
        base: `http://127.0.0.1:${port}`,
        process: child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** node arguments running a TypeScript file of bench/support in this process (no tsx CLI wrapper process). */
/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) "; clock ticks of 10 ms
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export const tsxArgs = (script: string, ...rest: string[]) => [
  ...(process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
  "--import",
  TSX_LOADER,
  join(BENCH_DIR, "support", script),
  ...rest,
];

export interface LoadResult {
  tool: string;
  connections: number;
  requests: number;
  req_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
}

export function hasWrk(): boolean {
  return spawnSync("wrk", ["--version"]).error === undefined;
}

/** Drives `url` for `seconds` from a separate process; `dataFile` lines rotate cookies and bodies. */
export function runLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  dataFile?: string;
}): Promise<LoadResult> {
  const method = options.method ?? "GET";
  const wrk = hasWrk();
  const [command, args] = wrk
    ? [
        "wrk",
        [
          `-t2`,
          `-c${options.connections}`,
          `-d${options.seconds}s`,
          "--timeout",
          "30s",
          "-s",
          join(BENCH_DIR, "support", "wrk-report.lua"),
          options.url,
          "--",
          method,
          ...(options.dataFile ? [options.dataFile] : []),
        ],
      ]
    : [
        process.execPath,
        tsxArgs(
          "autocannon-child.ts",
          options.url,
          String(options.connections),
          String(options.seconds),
          method,
          ...(options.dataFile ? [options.dataFile] : []),
        ),
      ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args as string[], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.on("exit", () => {
      const line = out.split("\n").find((l) => l.startsWith("WRK_JSON "));
      if (!line) return reject(new Error(`load generator printed no result:\n${out}`));
      const r = JSON.parse(line.slice(9)) as Record<string, number>;
      resolvePromise({
        tool: wrk ? "wrk" : "autocannon (child)",
        connections: options.connections,
        requests: r.requests ?? 0,
        req_per_s: Math.round((r.requests ?? 0) / ((r.duration_us ?? 1) / 1e6)),
        p50_ms: (r.p50_us ?? 0) / 1000,
        p95_ms: (r.p95_us ?? 0) / 1000,
        p99_ms: (r.p99_us ?? 0) / 1000,
        non_2xx: r.non2xx ?? 0,
        errors: r.socket_errors ?? 0,
      });
    });
  });
}

export function writeDataFile(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "maang-bench-"));
  const file = join(dir, "requests.txt");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

export function pgbenchPath(): string {
  for (const candidate of ["pgbench", "/usr/lib/postgresql/15/bin/pgbench"])
    if (spawnSync(candidate, ["--version"]).error === undefined) return candidate;
  throw new Error("pgbench is not installed (Debian: postgresql-client / postgresql-15)");
}

/** pgbench running `script` with `clients` connections; latency percentiles from its per-transaction log. */
export function runPgbench(options: {
  databaseUrl: string;
  script: string;
  clients: number;
  seconds: number;
  variables: Record<string, number>;
}): LoadResult {
  const dir = mkdtempSync(join(tmpdir(), "maang-pgbench-"));
  try {
    const scriptFile = join(dir, "attempt.sql");
    writeFileSync(scriptFile, options.script);
    const output = execFileSync(
      pgbenchPath(),
      [
        "-n",
        "-c",
        String(options.clients),
        "-j",
        "2",
        "-T",
        String(options.seconds),
        "-f",
        scriptFile,
        "-l",
        "--log-prefix",
        join(dir, "log"),
        ...Object.entries(options.variables).flatMap(([k, v]) => ["-D", `${k}=${v}`]),
        options.databaseUrl,
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
    const latencies: number[] = [];
    for (const f of readdirSync(dir).filter((n) => n.startsWith("log")))
      for (const line of readFileSync(join(dir, f), "utf8").split("\n")) {
        const us = Number(line.split(" ")[2]);
        if (Number.isFinite(us) && line) latencies.push(us / 1000);
      }
    latencies.sort((a, b) => a - b);
    return {
      tool: "pgbench",
      connections: options.clients,
      requests: latencies.length,
      req_per_s: Math.round(tps),
      p50_ms: percentile(latencies, 50),
      p95_ms: percentile(latencies, 95),
      p99_ms: percentile(latencies, 99),
      non_2xx: failed,
      errors: 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

function status(url: string): Promise<number> {
  return new Promise((resolvePromise) => {
    const req = request(url, (res) => {
      res.resume();
      resolvePromise(res.statusCode ?? 0);
    });
    req.on("error", () => resolvePromise(0));
    req.end();
  });
}

/** Milliseconds from spawning `args` to the first 200 from `path` on `port`; the process is then stopped. */
export async function timeToFirst200(
  args: string[],
  options: { port: number; path: string; env: Record<string, string | undefined>; cwd: string },
): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  try {
    for (;;) {
      if (exited) throw new Error(`${args.join(" ")} exited before answering`);
      if ((await status(`http://127.0.0.1:${options.port}${options.path}`)) === 200)
        return Number(process.hrtime.bigint() - started) / 1e6;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    if (!exited) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await gone;
    }
  }
}

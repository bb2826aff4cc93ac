// A PostgreSQL cluster of the test's own (initdb into a temporary folder, another port), so a test can
// stop and start the database under a running server without touching the shared one.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const BIN_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

export interface ThrowawayPostgres {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

/** Why a throw-away cluster cannot be made here, or undefined when it can. */
export function throwawayPostgresUnavailable(): string | undefined {
  const bin = BIN_DIRS.find((d) => existsSync(join(d, "initdb")));
  if (!bin) return `no initdb in ${BIN_DIRS.join(", ")}`;
  if (process.getuid?.() === 0) {
    try {
      execFileSync("id", ["postgres"], { stdio: "ignore" });
    } catch {
      return "running as root and there is no postgres user to run initdb as";
    }
  }
  return undefined;
}

export async function startThrowawayPostgres(port: number): Promise<ThrowawayPostgres> {
  const bin = BIN_DIRS.find((d) => existsSync(join(d, "initdb"))) as string;
  const dir = mkdtempSync(join(tmpdir(), "maang-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  // initdb and pg_ctl refuse to run as root
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", join(bin, tool), ...args], { stdio: "pipe" })
      : execFileSync(join(bin, tool), args, { stdio: "pipe" });
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "maang", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "30", "start"]);
  start();
  const admin = new pg.Client({ connectionString: `postgres://maang@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query("create database maang_restart");
  await admin.end();
  const db = new pg.Client({ connectionString: `postgres://maang@127.0.0.1:${port}/maang_restart` });
  await db.connect();
  await db.query("create extension if not exists vector");
  await db.end();
  return {
    url: `postgres://maang:maang@127.0.0.1:${port}/maang_restart`,
    stop: () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    start,
    destroy: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `maang import-sqlite` as a user runs it: a real process, its exit code, its table, --json and --dry-run.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { uniqueEmail } from "../helpers/context.js";
import { preparedDataDir } from "../helpers/data-dir-template.js";
import { copyFixture, createAgentDb, insertRows, tempDir } from "../helpers/legacy-sqlite.js";
import { MAANG_BIN } from "../helpers/process.js";

const dir = tempDir("import-cli");
const dataDir = preparedDataDir("maang-import-cli-data-");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
// its own embedded database, or the shared server when the suite runs on it
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DATA_DIR: dataDir,
  DATABASE_URL: process.env.DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL,
  EMBEDDING_PROVIDER: "offline",
  LOG_LEVEL: "warn",
} as NodeJS.ProcessEnv;
const maangWith = (extra: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [MAANG_BIN, ...args], { env: { ...env, ...extra }, encoding: "utf8", timeout: 180_000 });
const maang = (...args: string[]) => maangWith({}, ...args);

describe("maang import-sqlite", () => {
  it("prints the per-table report, writes nothing on --dry-run, then imports once", () => {
    const email = uniqueEmail("cli-import");
    expect(maang("user", "create", "--email", email, "--password", "long enough password").status).toBe(0);
    const file = copyFixture("interview.db", dir);

    const dry = maang("--json", "import-sqlite", file, "--user", email, "--dry-run");
    expect(dry.status, dry.stderr).toBe(0);
    const dryReport = JSON.parse(dry.stdout);
    expect(dryReport).toMatchObject({ dryRun: true, user: { email } });
    expect(dryReport.tables.find((t: { table: string }) => t.table === "scheduled_interviews")).toMatchObject({
      read: 26,
      imported: 26,
    });

    const real = maang("import-sqlite", file, "--user", email, "--no-progress");
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toMatch(
      /interview-[0-9a-f]{8}\.db\s+scheduled_interviews\s+scheduled_interviews\s+26\s+26\s+0\s+0/,
    );
    expect(real.stdout).toMatch(/interview_reminders: 78 skipped — was due before the import and never sent/);

    const again = maang("--json", "import-sqlite", file, "--user", email);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).totals).toMatchObject({ imported: 0, alreadyImported: 30 });
  }, 600_000);

  it("waits, without Redis jobs, until the imported chat's memories are written and searchable", async () => {
    const email = uniqueEmail("cli-chat");
    expect(maang("user", "create", "--email", email, "--password", "long enough password").status).toBe(0);
    const file = await createAgentDb(dir, (db) =>
      insertRows(
        db,
        "insert into conversation_history (id, user_id, session_id, role, message, timestamp) values (?,?,?,?,?,?)",
        [
          [1, "legacy", "s1", "user", "Is union-find worth learning for interviews?", "2025-11-01 08:00:00"],
          [2, "legacy", "s1", "assistant", "Yes: path compression makes it nearly constant.", "2025-11-01 08:00:05"],
        ],
      ),
    );
    const inline = { JOBS_MODE: "inline" };
    const run = maangWith(inline, "import-sqlite", file, "--user", email, "--no-progress");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/; 2 messages queued for memory\./);
    expect(run.stdout).toMatch(/The memories of the imported messages are written\./);
    const search = maangWith(inline, "--json", "memory", "search", "--user", email, "--query", "union-find");
    expect(search.status, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).map((h: { text: string }) => h.text)).toContain(
      "User: Is union-find worth learning for interviews?",
    );
  }, 600_000);

  it("exits 1 with one line naming the problem for a file that is not a legacy database", () => {
    const result = maang("import-sqlite", `${dir}/missing.db`);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^maang: Cannot read .*missing\.db: ENOENT\.$/);
  }, 300_000);
});

// The CLI parses with the same contracts as the routes and tools, and leaves the rules to the services
// (issue 14): a LeetCode username, a page size and a record id are refused with the contract's message
// naming the flag, and syncing an unlinked account gives the sync service's one message.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_INT4 } from "../../src/config/input-limits.js";
import { NOT_LINKED_MESSAGE } from "../../src/services/leetcode/sync-service.js";
import { MAX_PAGE_SIZE } from "../../src/services/shared/pagination.js";
import { uniqueEmail, usingPostgres } from "../helpers/context.js";
import { preparedDataDir } from "../helpers/data-dir-template.js";
import { MAANG_BIN } from "../helpers/process.js";

const dataDir = preparedDataDir("maang-cli-contracts-");
const email = uniqueEmail("clic");

function maang(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAANG_BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "test",
        LOG_LEVEL: "warn",
        DATA_DIR: dataDir,
        DATABASE_URL: process.env.DATABASE_URL,
        REDIS_URL: process.env.REDIS_URL,
        EMBEDDING_PROVIDER: "offline",
      } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const created = await maang("user", "create", "--email", email, "--password", "correct horse battery");
  if (created.code !== 0) throw new Error(`user create failed: ${created.stderr}`);
}, 300_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe(`CLI contracts on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, { timeout: 300_000 }, () => {
  it("refuses a bad LeetCode username or page size with the contract's message, naming the flag", async () => {
    const badName = await maang("leetcode", "link", "--user", email, "--username", "no spaces allowed");
    expect(badName.code).toBe(1);
    expect(badName.stderr.trim()).toBe(
      'maang: --username is not a LeetCode username (letters, digits, "_", "-", "." only).',
    );
    const shortCookie = await maang(
      "leetcode",
      "link",
      "--user",
      email,
      "--username",
      "alice",
      "--session-cookie",
      "x",
    );
    expect(shortCookie.code).toBe(1);
    expect(shortCookie.stderr.trim()).toBe("maang: --session-cookie looks too short for a LEETCODE_SESSION cookie.");
    const bigPage = await maang("leetcode", "runs", "--user", email, "--limit", String(MAX_PAGE_SIZE + 1));
    expect(bigPage.code).toBe(1);
    expect(bigPage.stderr.trim()).toBe(`maang: --limit is at most ${MAX_PAGE_SIZE} per page.`);
  });

  it("syncing an unlinked account fails with the sync service's message, as the route and the tool do", async () => {
    const sync = await maang("leetcode", "sync", "--user", email);
    expect(sync.code).toBe(1);
    expect(sync.stderr.trim().split("\n")).toEqual([`maang: ${NOT_LINKED_MESSAGE}`]);
    const runs = await maang("--json", "leetcode", "runs", "--user", email);
    expect(runs.code, runs.stderr).toBe(0);
    expect(JSON.parse(runs.stdout)).toMatchObject({ items: [], total: 0 });
  });

  it("parses record ids with the shared id rule", async () => {
    const idMessage = `must be a whole number from 1 to ${MAX_INT4}`;
    for (const bad of ["0", "1e3", String(MAX_INT4 + 1)]) {
      const forget = await maang("memory", "forget", "--user", email, "--id", bad);
      expect(forget.code, bad).toBe(1);
      expect(forget.stderr.trim()).toBe(`maang: --id ${idMessage}; got "${bad}".`);
    }
    const revoke = await maang("user", "token", "revoke", "--email", email, "--id", "12.5");
    expect(revoke.code).toBe(1);
    expect(revoke.stderr.trim()).toBe(`maang: --id ${idMessage}; got "12.5".`);
    // a well-formed id that is not the user's: the service's not-found, not a parse error
    const missing = await maang("memory", "forget", "--user", email, "--id", String(MAX_INT4));
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toContain(idMessage);
  });
});

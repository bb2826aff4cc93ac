import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { uniqueEmail, usingPostgres } from "../helpers/context.js";
import { preparedDataDir } from "../helpers/data-dir-template.js";
import { MAANG_BIN } from "../helpers/process.js";

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "maang-user-cli-"));
const dataDir = preparedDataDir("maang-user-cli-data-");
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function maang(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [MAANG_BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        DATABASE_URL: process.env.DATABASE_URL,
        REDIS_URL: process.env.REDIS_URL,
        JOBS_MODE: "inline",
        EMBEDDING_PROVIDER: "offline",
        LOG_LEVEL: "warn",
      },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe(`maang user / export on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("creates an account, prints a token once, exports it, and deletes it", { timeout: 600_000 }, async () => {
    const email = uniqueEmail("cli");
    const created = await maang("--json", "user", "create", "--email", email, "--password", "cli password 1");
    expect(created.code, created.stderr).toBe(0);
    const user = JSON.parse(created.stdout);
    expect(user).toMatchObject({ email });
    expect(created.stdout).not.toMatch(/password|argon2/i);

    const token = await maang("--json", "user", "token", "create", "--email", email, "--name", "claude-desktop");
    expect(token.code, token.stderr).toBe(0);
    const tokenBody = JSON.parse(token.stdout);
    expect(tokenBody.token).toMatch(/^mt_/);
    expect(tokenBody).toMatchObject({ name: "claude-desktop", lastUsedAt: null });

    const out = join(dir, "export.json");
    const badLimit = await maang("user", "list", "--limit", "abc");
    expect(badLimit.code).toBe(1);
    expect(badLimit.stderr).toBe('maang: --limit must be a whole number (got "abc").\n');

    const written = await maang("export", "--user", email, "--format", "json", "--out", out);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/^Wrote \d+ bytes \(json\) to /);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.format).toBe("maang-tracker-export");
    expect(doc.profile.email).toBe(email);
    expect(readFileSync(out, "utf8")).not.toContain(tokenBody.token);

    const deleted = await maang("user", "delete", "--email", email);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain(`Deleted user ${email}`);
    const again = await maang("export", "--user", email, "--format", "json", "--out", out);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`maang: No account with the email ${email}.\n`);
  });
});

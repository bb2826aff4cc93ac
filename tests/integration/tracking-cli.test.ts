// `maang attempt log`, `maang stats` and `maang reviews due` as a user runs them, in a real process.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueEmail, usingPostgres } from "../helpers/context.js";
import { preparedDataDir } from "../helpers/data-dir-template.js";
import { MAANG_BIN } from "../helpers/process.js";

const dataDir = preparedDataDir("maang-cli-");
const email = uniqueEmail("cli");

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

describe(`tracking CLI on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, { timeout: 300_000 }, () => {
  it("logs an attempt and reports it in stats and in the due reviews", async () => {
    const logged = await maang(
      "--json",
      "attempt",
      "log",
      "--user",
      email,
      "--problem",
      "two-sum",
      "--outcome",
      "solved",
      "--minutes",
      "12",
      "--rating",
      "good",
      "--at",
      "2025-01-10T10:00:00Z",
    );
    expect(logged.stderr).toBe("");
    expect(logged.code).toBe(0);
    const body = JSON.parse(logged.stdout);
    expect(body.attempt).toMatchObject({ problemSlug: "two-sum", outcome: "solved", minutes: 12, rating: "good" });
    expect(body.attempt.attemptedAt).toBe("2025-01-10T10:00:00.000Z");

    const stats = await maang("--json", "stats", "--user", email);
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout);
    for (const key of ["totalAttempts", "solved", "byDifficulty", "byTopic", "streak", "heatmap"])
      expect(parsed, key).toHaveProperty(key);
    expect(parsed.totalAttempts).toBe(1);
    expect(parsed.solved).toBe(1);
    expect(parsed.byDifficulty.easy.solved).toBe(1);

    // reviewed in January 2025 with a few days' interval: long due by now
    const due = await maang("--json", "reviews", "due", "--user", email);
    expect(due.code).toBe(0);
    const reviews = JSON.parse(due.stdout);
    expect(reviews).toHaveLength(1);
    expect(Object.keys(reviews[0]).sort()).toEqual(["due", "problemSlug", "retrievability", "title"]);
    expect(reviews[0]).toMatchObject({ problemSlug: "two-sum", title: "Two Sum" });
    expect(reviews[0].retrievability).toBeGreaterThan(0);
    expect(reviews[0].retrievability).toBeLessThan(0.9);
  });

  it("says in one line when the user, the problem or an option is wrong, and exits 1", async () => {
    const unknownUser = await maang("stats", "--user", "nobody-here@test.example");
    expect(unknownUser.code).toBe(1);
    expect(unknownUser.stderr.trim().split("\n")).toEqual([
      "maang: No user with the email nobody-here@test.example; create one with `maang user create`.",
    ]);
    const unknownProblem = await maang(
      "attempt",
      "log",
      "--user",
      email,
      "--problem",
      "no-such-thing",
      "--outcome",
      "solved",
    );
    expect(unknownProblem.code).toBe(1);
    expect(unknownProblem.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknownProblem.stderr).toMatch(/^maang: No problem "no-such-thing"/);
    const badOutcome = await maang("attempt", "log", "--user", email, "--problem", "two-sum", "--outcome", "won");
    expect(badOutcome.code).toBe(1);
    expect(badOutcome.stderr.trim()).toBe('maang: --outcome must be one of solved, failed, gave_up; got "won".');
  });
});

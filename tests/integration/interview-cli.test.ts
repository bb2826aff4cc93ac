// `maang interview run`: the per-test report for people and `--json` for scripts, exit codes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { preparedDataDir } from "../helpers/data-dir-template.js";
import { MAANG_BIN } from "../helpers/process.js";

const dir = mkdtempSync(join(tmpdir(), "maang-cli-"));
// the suite's migrated and seeded folder (not ":memory:", which migrated and seeded on every command)
const dataDir = preparedDataDir("maang-interview-cli-data-");
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function maang(args: string[]) {
  const result = spawnSync(process.execPath, [MAANG_BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      DATABASE_URL: process.env.DATABASE_URL,
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("maang interview run", () => {
  it("prints { verdict, passed, total, cases } with --json, exit 0 even for a wrong answer", () => {
    const file = join(dir, "wrong.js");
    writeFileSync(file, "var isValid = function(s) { return true; };");
    const run = maang([
      "--json",
      "interview",
      "run",
      "--problem",
      "valid-parentheses",
      "--language",
      "js",
      "--file",
      file,
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe("wrong_answer");
    expect(report.total).toBe(8);
    expect(report.passed).toBe(4);
    expect(report.cases[2]).toMatchObject({ status: "failed", expected: false, actual: true });
  }, 120_000);

  it("prints a readable report for an accepted solution", () => {
    const file = join(dir, "ok.py");
    writeFileSync(
      file,
      "class Solution:\n    def climbStairs(self, n: int) -> int:\n        a, b = 1, 1\n        for _ in range(n):\n            a, b = b, a + b\n        return a\n",
    );
    const run = maang(["interview", "run", "--problem", "climbing-stairs", "--language", "py", "--file", file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ACCEPTED: 6/6 tests passed");
  }, 120_000);

  it("exits 1 with one line for an unknown problem or language", () => {
    const file = join(dir, "x.js");
    writeFileSync(file, "1");
    const bad = maang(["interview", "run", "--problem", "no-such-problem", "--language", "js", "--file", file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'maang: No interview question "no-such-problem". List them with GET /api/interviews/questions.',
    );
    const lang = maang(["interview", "run", "--problem", "two-sum", "--language", "cobol", "--file", file]);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toMatch(/Unknown language "cobol"/);
  }, 120_000);
});

// A run's time limit counts from its harness's start mark: a runtime that starts slowly (a JVM on a busy
// server) does not eat the code's time, and a run never outlasts its start-up allowance plus its limit.
import { afterAll, describe, expect, it } from "vitest";
import { Sandbox } from "../../src/services/code-runner/sandbox.js";

const sandbox = new Sandbox({ mode: "auto", unsandboxedAllowed: true });
afterAll(() => sandbox.dispose());
const MARK = '@@maang-0123456789abcdef@@{"started":true}';

async function run(script: string, limits: { startupMs: number; timeoutMs: number }) {
  const workDir = sandbox.createWorkDir();
  try {
    return await sandbox.run({
      command: ["/bin/sh", "-c", script],
      workDir,
      limits: { ...limits, maxOutputBytes: 1_000_000, processes: 16, fileBytes: 1_000_000 },
      startMark: MARK,
    });
  } finally {
    sandbox.removeWorkDir(workDir);
  }
}

describe("the time limit and the runtime's start", () => {
  it("does not count a slow start against the code's time limit", async () => {
    // 3 s to start, then done at once: longer than the 2 s limit in all, well within it after the mark
    const result = await run(`sleep 3; printf '\\n%s\\n' '${MARK}'; echo done`, { startupMs: 20_000, timeoutMs: 2000 });
    expect(result).toMatchObject({ timedOut: false, started: true, exitCode: 0 });
    expect(result.stdout).toContain("done");
  }, 30_000);

  it("counts the time limit from the mark, not the end of the start-up allowance", async () => {
    // were the allowance added after the mark, this would run for ten minutes and time the test out
    const result = await run(`printf '\\n%s\\n' '${MARK}'; sleep 600`, { startupMs: 600_000, timeoutMs: 1000 });
    expect(result).toMatchObject({ timedOut: true, started: true });
  }, 30_000);

  it("finds a mark cut across two writes", async () => {
    const [head, rest] = [MARK.slice(0, 10), MARK.slice(10)];
    const result = await run(`printf '\\n%s' '${head}'; sleep 0.3; printf '%s\\n' '${rest}'; sleep 600`, {
      startupMs: 600_000,
      timeoutMs: 1000,
    });
    expect(result).toMatchObject({ timedOut: true, started: true });
  }, 30_000);

  it("stops a run that never starts at its start-up allowance plus its limit", async () => {
    const result = await run("sleep 600", { startupMs: 1000, timeoutMs: 1000 });
    expect(result).toMatchObject({ timedOut: true, started: false });
  }, 30_000);
});

// The API's side of every code run: who may run unsandboxed code, and fair use between users.
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/config/logger.js";
import { settingsFrom } from "../../src/config/settings.js";
import { TooManyRequestsError, UnavailableError } from "../../src/errors.js";
import type { RunnerClient, RunnerStatus } from "../../src/services/code-runner/client.js";
import { RunGate, submitters } from "../../src/services/code-runner/run-gate.js";
import type { RunReport, RunRequest } from "../../src/services/code-runner/types.js";

/** A runner that reports the given sandbox and holds each run until released. */
class HeldRunner implements RunnerClient {
  readonly location = "test";
  readonly pending: (() => void)[] = [];
  constructor(private readonly isolation: "bwrap" | "rlimits") {}
  async status(): Promise<RunnerStatus> {
    return {
      languages: [{ id: "javascript", label: "JS", available: true }],
      sandbox: { isolation: this.isolation, privilege: "root", seccomp: false, notes: [] },
    };
  }
  run(request: RunRequest): Promise<RunReport> {
    return new Promise((resolve) =>
      this.pending.push(() =>
        resolve({ verdict: "accepted", language: request.language, passed: 0, total: 0, cases: [], durationMs: 1 }),
      ),
    );
  }
  async close(): Promise<void> {}
}

const request: RunRequest = {
  language: "javascript",
  code: "x",
  signature: { kind: "function", name: "f", params: [], returns: "int" },
  cases: [],
};
const gate = (env: Record<string, string>, client: RunnerClient) => {
  const settings = settingsFrom({ LOG_LEVEL: "silent", ...env });
  const who = submitters(settings);
  return new RunGate({
    client,
    runner: settings.runner,
    ownerOnly: who.ownerOnly,
    reasons: who.reasons,
    logger: createLogger(settings),
  });
};

describe("the sandbox policy", () => {
  it("names every reason others can submit: a public address, production, a real database", () => {
    expect(submitters(settingsFrom({})).ownerOnly).toBe(true);
    const who = submitters(
      settingsFrom({ HOST: "0.0.0.0", NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db/x" }),
    );
    expect(who.ownerOnly).toBe(false);
    expect(who.reasons.join("; ")).toMatch(/0\.0\.0\.0.*NODE_ENV=production.*DATABASE_URL/);
  });

  it("refuses an unsandboxed runner on a server others can reach, saying why and how to fix it", async () => {
    const refused = gate({ HOST: "0.0.0.0" }, new HeldRunner("rlimits"));
    expect((await refused.status()).sandbox.refusal).toMatch(/no sandbox.*listens on 0\.0\.0\.0.*bubblewrap/);
    await expect(refused.run(request, 1)).rejects.toBeInstanceOf(UnavailableError);
    const required = gate({ RUNNER_SANDBOX: "required" }, new HeldRunner("rlimits"));
    expect((await required.status()).sandbox.refusal).toMatch(/RUNNER_SANDBOX=required/);
  });

  it("lets the owner's loopback server run unsandboxed, and RUNNER_SANDBOX=off anywhere", async () => {
    expect((await gate({}, new HeldRunner("rlimits")).status()).sandbox.refusal).toBeUndefined();
    expect(
      (await gate({ DATABASE_URL: "postgres://u:p@db/x", RUNNER_SANDBOX: "off" }, new HeldRunner("rlimits")).status())
        .sandbox.refusal,
    ).toBeUndefined();
    expect((await gate({ HOST: "0.0.0.0" }, new HeldRunner("bwrap")).status()).sandbox.refusal).toBeUndefined();
  });
});

describe("fair use", () => {
  it("caps one user's queued + running runs with a Retry-After, without holding up other users", async () => {
    const client = new HeldRunner("bwrap");
    const runs = gate({ RUNNER_MAX_PER_USER: "2", RUNNER_TIMEOUT_MS: "5000" }, client);
    const first = [runs.run(request, 1), runs.run(request, 1)];
    await new Promise((r) => setTimeout(r, 10));
    const third = await runs.run(request, 1).catch((e: unknown) => e);
    expect(third).toBeInstanceOf(TooManyRequestsError);
    expect((third as TooManyRequestsError).retryAfterSeconds).toBe(7);
    const other = runs.run(request, 2);
    await new Promise((r) => setTimeout(r, 10));
    expect(runs.inFlight).toBe(3);
    for (const release of client.pending.splice(0)) release();
    await Promise.all([...first, other]);
    expect(runs.inFlight).toBe(0);
    client.pending.length = 0;
    const again = runs.run(request, 1);
    await new Promise((r) => setTimeout(r, 10));
    for (const release of client.pending.splice(0)) release();
    expect((await again).verdict).toBe("accepted");
  });

  it("bounds the whole queue: beyond RUNNER_MAX_QUEUE every user gets 503 with a Retry-After", async () => {
    const client = new HeldRunner("bwrap");
    const runs = gate({ RUNNER_MAX_QUEUE: "3" }, client);
    const held = [runs.run(request, 1), runs.run(request, 2), runs.run(request, 3)];
    await new Promise((r) => setTimeout(r, 10));
    const refused = await runs.run(request, 4).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnavailableError);
    expect((refused as UnavailableError).message).toMatch(/busy: 3 runs/);
    for (const release of client.pending.splice(0)) release();
    await Promise.all(held);
  });

  it("runs on the last status while a runner too busy to answer a fresh one keeps it waiting", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const client = new HeldRunner("bwrap");
      const runs = gate({}, client);
      expect((await runs.status()).sandbox.isolation).toBe("bwrap");
      let asked = 0;
      client.status = () => {
        asked++;
        return new Promise<RunnerStatus>(() => {});
      };
      vi.setSystemTime(Date.now() + 45_000);
      const run = runs.run(request, 1);
      await vi.waitFor(() => expect(client.pending).toHaveLength(1));
      client.pending[0]();
      expect((await run).verdict).toBe("accepted");
      expect(asked).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

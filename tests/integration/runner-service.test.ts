// The runner service around the sandbox: what `maang serve` starts as its child (environment, token, restart
// after a crash), the API's client of it (503 while it is down), and `maang runner` refusing to start without
// a token.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/config/logger.js";
import { RUNNER_ENV_ALLOW_LIST, settingsFrom } from "../../src/config/settings.js";
import { UnavailableError } from "../../src/errors.js";
import { EmbeddedRunner } from "../../src/runner/embedded.js";
import { RemoteRunner } from "../../src/services/code-runner/remote-client.js";
import type { Signature } from "../../src/services/code-runner/types.js";
import { MAANG_BIN } from "../helpers/process.js";

const secrets = {
  DATABASE_URL: "postgres://maang:canary-db-password@127.0.0.1:5432/maang",
  REDIS_URL: "redis://:canary-redis-password@127.0.0.1:6379/0",
  ENCRYPTION_KEY: "ab".repeat(32),
  LLM_API_KEY: "canary-llm-key",
};
const settings = settingsFrom({
  ...secrets,
  LLM_BASE_URL: "http://127.0.0.1:9/v1",
  LOG_LEVEL: "warn",
  RUNNER_TIMEOUT_MS: "3000",
});
const add: Signature = {
  kind: "function",
  name: "add",
  params: [
    { name: "a", type: "int" },
    { name: "b", type: "int" },
  ],
  returns: "int",
};
let runner: EmbeddedRunner;

function get(socketPath: string, path: string, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  runner = await EmbeddedRunner.start(settings, createLogger(settings));
}, 90_000);
afterAll(async () => {
  await runner?.stop();
});

describe("the runner child of `maang serve`", () => {
  it("holds none of the server's secrets: its environment is the allow-list and nothing else", () => {
    const environ = readFileSync(`/proc/${runner.pid}/environ`, "utf8");
    for (const value of Object.values(secrets)) expect(environ).not.toContain(value);
    const names = environ
      .split("\0")
      .filter(Boolean)
      .map((entry) => entry.split("=")[0]);
    expect(names.filter((n) => n !== "PATH" && !(RUNNER_ENV_ALLOW_LIST as readonly string[]).includes(n))).toEqual([]);
    // The server knew it had a real DATABASE_URL: the child may never run code unsandboxed.
    expect(environ).toContain("RUNNER_SANDBOX=required");
  });

  it("answers only callers with its token", async () => {
    const socket = runner.url.slice("unix:".length);
    expect(await get(socket, "/healthz")).toBe(200);
    expect(await get(socket, "/v1/status")).toBe(401);
    // the token with its last character changed (to one it is not: a token ending in "0" stayed valid)
    const last = runner.token.slice(-1);
    expect(await get(socket, "/v1/status", `${runner.token.slice(0, -1)}${last === "0" ? "1" : "0"}`)).toBe(401);
    expect(await get(socket, "/v1/status", runner.token)).toBe(200);
  });

  it("runs code for the API, answers 503 while it is down, and is restarted after a crash", async () => {
    const client = new RemoteRunner(runner.url, runner.token);
    const submit = () =>
      client.run({
        language: "javascript",
        code: "var add = (a, b) => a + b;",
        signature: add,
        cases: [{ args: [2, 3], expected: 5 }],
      });
    expect((await submit()).verdict).toBe("accepted");
    const before = runner.pid;
    process.kill(before ?? 0, "SIGKILL");
    await new Promise((r) => setTimeout(r, 50));
    await expect(submit()).rejects.toBeInstanceOf(UnavailableError);
    await runner.waitUntilReady(60_000);
    expect(runner.pid).not.toBe(before);
    expect((await submit()).verdict).toBe("accepted");
  }, 90_000);
});

describe("a runner launched without waiting (how `maang serve` starts it)", () => {
  it("lets the first run wait for the child to come up instead of answering 503", async () => {
    const launched = EmbeddedRunner.launch(settings, createLogger(settings));
    try {
      const client = new RemoteRunner(launched.url, launched.token, () => launched.firstReady(60_000));
      // Called at once: the child has not even loaded its modules yet.
      const report = await client.run({
        language: "javascript",
        code: "var add = (a, b) => a + b;",
        signature: add,
        cases: [{ args: [4, 5], expected: 9 }],
      });
      expect(report.verdict).toBe("accepted");
      // Without the wait the same call on a fresh child is refused (so the test above can fail).
      const bare = EmbeddedRunner.launch(settings, createLogger(settings));
      try {
        await expect(new RemoteRunner(bare.url, bare.token).status()).rejects.toBeInstanceOf(UnavailableError);
      } finally {
        await bare.stop();
      }
    } finally {
      await launched.stop();
    }
  }, 90_000);
});

describe("maang runner", () => {
  it("refuses to start without RUNNER_TOKEN, saying how to make one", () => {
    const result = spawnSync(process.execPath, [MAANG_BIN, "runner"], {
      env: { PATH: "/usr/bin:/bin" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/RUNNER_TOKEN is not set.*openssl rand -hex 32/);
  }, 60_000);
});

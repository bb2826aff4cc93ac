// Issue 17, item 13: a PostgreSQL restart under load. The real `maang serve`, `maang mcp --http` and (with
// Redis) `maang worker` run against a throw-away cluster of the test's own; 8 clients log attempts while
// the cluster is stopped (-m fast), left down 4 s and started again. Every process must stay alive,
// answer 503 with a clear message while the database is down (/readyz too), recover by itself, and no
// attempt that was answered 201 may be missing.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Started, startMaang, waitForHttp } from "../helpers/process.js";
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
  throwawayPostgresUnavailable,
} from "../helpers/throwaway-postgres.js";

const unavailable = throwawayPostgresUnavailable();
if (unavailable) console.warn(`database-restart test skipped: ${unavailable}`);
const redisUrl = process.env.REDIS_URL;

const CLIENTS = 8;
const DOWN_MS = 4_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(Boolean(unavailable))("a PostgreSQL restart under load", () => {
  let cluster: ThrowawayPostgres;
  const processes: Started[] = [];
  let serve: Started;
  let mcp: Started;
  let worker: Started | undefined;
  let api: string;
  let mcpUrl: string;
  let workerHealth: string | undefined;

  beforeAll(async () => {
    cluster = await startThrowawayPostgres(await freePort());
    const [apiPort, mcpPort, healthPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
      HOST: "127.0.0.1",
      DATABASE_URL: cluster.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `restart-${randomUUID().slice(0, 8)}`,
      JOBS_MODE: redisUrl ? "redis" : "inline",
      EMBEDDING_PROVIDER: "offline",
      DB_CONNECTION_TIMEOUT_MS: "1500",
      RATE_LIMIT_LOGIN_PER_MINUTE: "100000",
      RATE_LIMIT_WRITE_PER_MINUTE: "1000000",
      DATA_DIR: "/tmp/maang-restart-unused",
    };
    serve = startMaang(["serve", "--port", String(apiPort)], env);
    processes.push(serve);
    api = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${api}/readyz`, serve, 60_000);
    mcp = startMaang(["mcp", "--http", "--port", String(mcpPort), "--host", "127.0.0.1"], env);
    processes.push(mcp);
    mcpUrl = `http://127.0.0.1:${mcpPort}`;
    if (redisUrl) {
      worker = startMaang(["worker", "--health-port", String(healthPort), "--health-host", "127.0.0.1"], env);
      processes.push(worker);
      workerHealth = `http://127.0.0.1:${healthPort}/healthz`;
    }
    await waitForHttp(`${mcpUrl}/healthz`, mcp, 60_000);
    if (worker && workerHealth) await waitForHttp(workerHealth, worker, 60_000);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    cluster?.destroy();
  });

  it("keeps serve, mcp --http and the worker alive, answers 503 while down, recovers and loses no attempt", async () => {
    const signup = await fetch(`${api}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `restart-${randomUUID().slice(0, 8)}@test.example`,
        password: "correct horse battery",
      }),
    });
    expect(signup.status).toBe(201);
    const cookie = String(signup.headers.get("set-cookie")).split(";")[0];
    const userId = ((await signup.json()) as { user: { id: number } }).user.id;
    const tokenResponse = await fetch(`${api}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ name: "restart" }),
    });
    const token = ((await tokenResponse.json()) as { token: { token: string } }).token.token;

    const logAttempt = async () => {
      try {
        const response = await fetch(`${api}/api/attempts`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ problem: "two-sum", outcome: "solved", minutes: 5 }),
          signal: AbortSignal.timeout(15_000),
        });
        return { status: response.status, body: await response.text() };
      } catch (error) {
        return { status: 0, body: (error as Error).message };
      }
    };
    const callTool = async () => {
      const response = await fetch(`${mcpUrl}/mcp`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "tools/call",
          params: { name: "get_stats", arguments: {} },
        }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      return { status: response.status, ok: response.status === 200 && !text.includes('"isError":true'), text };
    };

    const results: { status: number; body: string }[] = [];
    let running = true;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (running) {
        results.push(await logAttempt());
        await sleep(20);
      }
    });

    await sleep(1_500);
    cluster.stop();
    const stoppedAt = Date.now();
    const readyWhileDown: number[] = [];
    const toolWhileDown: { status: number; ok: boolean; text: string }[] = [];
    while (Date.now() - stoppedAt < DOWN_MS) {
      readyWhileDown.push((await fetch(`${api}/readyz`)).status);
      toolWhileDown.push(await callTool());
      await sleep(300);
    }
    cluster.start();

    // recovery by itself: a new attempt is accepted and /readyz is green again, within seconds
    const deadline = Date.now() + 20_000;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      const ready = await fetch(`${api}/readyz`);
      recovered = ready.status === 200 && (await logAttempt()).status === 201;
      if (!recovered) await sleep(250);
    }
    await sleep(1_000);
    running = false;
    await Promise.all(clients);

    for (const p of processes) expect(p.child.exitCode, p.output().slice(-2000)).toBeNull();
    expect(recovered).toBe(true);

    const unavailableAnswers = results.filter((r) => r.status === 503);
    expect(unavailableAnswers.length).toBeGreaterThan(0);
    expect(unavailableAnswers[0].body).toMatch(/database is not reachable/);
    expect(results.filter((r) => r.status >= 500 && r.status !== 503)).toEqual([]);
    expect(readyWhileDown).toContain(503);
    expect(toolWhileDown.some((t) => !t.ok)).toBe(true);

    expect((await callTool()).ok).toBe(true);
    if (workerHealth) expect((await fetch(workerHealth)).status).toBe(200);

    const created = results.filter((r) => r.status === 201).length;
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query("select count(*)::int as n from attempts where user_id = $1", [userId]);
    await client.end();
    // every 201 is a committed row; a request cut off mid-commit may have committed without its answer
    expect(rows[0].n).toBeGreaterThanOrEqual(created + 1);
    expect(rows[0].n - created - 1).toBeLessThanOrEqual(CLIENTS);
  }, 90_000);
});

// `npm run test:topology`: the compose topology as real processes on the real PostgreSQL and Redis.
// Runs exactly what docker/docker-compose.yml runs — `maang migrate && maang seed`, `maang serve
// --no-migrate`, `maang worker --health-port`, `maang mcp --http --port` — waits on the same healthchecks,
// then drives signup → attempt → a memory embedded BY THE WORKER (BullMQ) → an MCP tool call over HTTP
// with a Bearer API token, and stops everything with SIGTERM, expecting every process to exit 0.
// Uses its own database (maang_topology, recreated each run) and its own Redis database index and key
// prefix, so it never touches the test suite's data.
import { spawnSync } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Redis } from "ioredis";
import pg from "pg";
import { printTable } from "../bench/lib.js";
import { freePort, MAANG_BIN, type Started, startMaang, waitForHttp } from "../tests/helpers/process.js";

const TOPOLOGY_DB = process.env.TOPOLOGY_DATABASE ?? "maang_topology";
const REDIS_DB_INDEX = Number(process.env.TOPOLOGY_REDIS_DB ?? 11);
const REDIS_PREFIX = "maang-topology";

const steps: { step: string; ms: number; result: string }[] = [];
async function step<T>(name: string, fn: () => Promise<T>, describe: (v: T) => string = () => "ok"): Promise<T> {
  const started = Date.now();
  process.stderr.write(`topology: ${name} …\n`);
  try {
    const value = await fn();
    steps.push({ step: name, ms: Date.now() - started, result: describe(value) });
    return value;
  } catch (error) {
    steps.push({ step: name, ms: Date.now() - started, result: `FAILED: ${(error as Error).message.split("\n")[0]}` });
    throw error;
  }
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(
      `topology: ${name} is not set. Run it on the real servers: eval "$(bash ../shared/ci/ensure-services.sh | tail -n 2)"; npm run test:topology`,
    );
    process.exit(2);
  }
  return value;
}

const baseDatabaseUrl = requireEnv("DATABASE_URL");
const baseRedisUrl = requireEnv("REDIS_URL");
const databaseUrl = (() => {
  const u = new URL(baseDatabaseUrl);
  u.pathname = `/${TOPOLOGY_DB}`;
  return u.toString();
})();
const redisUrl = (() => {
  const u = new URL(baseRedisUrl);
  u.pathname = `/${REDIS_DB_INDEX}`;
  return u.toString();
})();

async function recreateDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: baseDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${TOPOLOGY_DB}" with (force)`);
    await admin.query(`create database "${TOPOLOGY_DB}"`);
  } finally {
    await admin.end();
  }
}

async function clearRedis(): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${REDIS_PREFIX}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** A one-shot command, like the compose `migrate` service: must exit 0. */
function runOnce(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [MAANG_BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: "utf8",
    timeout: 180_000,
  });
  if (result.status !== 0)
    throw new Error(`maang ${args.join(" ")} exited ${result.status}:\n${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}

async function api(base: string, path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

async function main(): Promise<void> {
  const [appPort, workerHealthPort, mcpPort] = [await freePort(), await freePort(), await freePort()];
  const env: Record<string, string> = {
    NODE_ENV: "production",
    LOG_LEVEL: process.env.TOPOLOGY_LOG_LEVEL ?? "warn",
    LOG_FORMAT: "json",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX,
    JOBS_MODE: "redis",
    // no model weights on CI machines: the built-in offline embedder, still computed by the worker
    EMBEDDING_PROVIDER: "offline",
    DATA_DIR: "./data/topology",
    HOST: "127.0.0.1",
    REMINDER_POLL_SECONDS: "5",
  };
  const processes: { name: string; started: Started }[] = [];
  let failed = false;
  try {
    await step(`recreate database ${TOPOLOGY_DB}`, recreateDatabase);
    await step(`clear Redis db ${REDIS_DB_INDEX} keys ${REDIS_PREFIX}*`, clearRedis, (n) => `${n} keys deleted`);
    await step(
      "migrate (maang migrate && maang seed)",
      async () => {
        runOnce(["migrate"], env);
        return runOnce(["seed"], env);
      },
      (out) => out.split("\n")[0].slice(0, 60),
    );

    const app = await step("app: maang serve --no-migrate → /readyz", async () => {
      const started = startMaang(["serve", "--no-migrate"], { ...env, PORT: String(appPort) });
      processes.push({ name: "app", started });
      await waitForHttp(`http://127.0.0.1:${appPort}/readyz`, started, 120_000);
      return started;
    });
    void app;
    await step("worker: maang worker --health-port → /healthz", async () => {
      const started = startMaang(
        ["worker", "--health-port", String(workerHealthPort), "--health-host", "127.0.0.1"],
        env,
      );
      processes.push({ name: "worker", started });
      await waitForHttp(`http://127.0.0.1:${workerHealthPort}/healthz`, started, 120_000);
    });
    await step("mcp: maang mcp --http --port → /healthz", async () => {
      const started = startMaang(["mcp", "--http", "--port", String(mcpPort), "--host", "127.0.0.1"], env);
      processes.push({ name: "mcp", started });
      await waitForHttp(`http://127.0.0.1:${mcpPort}/healthz`, started, 120_000);
    });

    const base = `http://127.0.0.1:${appPort}`;
    const email = `topology-${Date.now()}@test.example`;
    const cookie = await step(
      "signup",
      async () => {
        const response = await api(base, "/api/auth/signup", {
          method: "POST",
          body: { email, password: "topology password", name: "Topology", timezone: "UTC" },
        });
        if (response.status !== 201)
          throw new Error(`signup answered ${response.status}: ${JSON.stringify(response.json)}`);
        const setCookie = response.headers.get("set-cookie");
        if (!setCookie) throw new Error("signup set no session cookie");
        return setCookie.split(";")[0];
      },
      () => email,
    );

    await step(
      "log an attempt (two-sum, solved)",
      async () => {
        const response = await api(base, "/api/attempts", {
          method: "POST",
          cookie,
          body: { problem: "two-sum", outcome: "solved", minutes: 14, language: "python" },
        });
        if (response.status !== 201)
          throw new Error(`attempt answered ${response.status}: ${JSON.stringify(response.json)}`);
        return response.json;
      },
      (body) => `review due ${body?.card?.due ?? "?"}`,
    );

    const memoryText = `Topology check ${Date.now()}: two pointers beat a hash map when the array is sorted.`;
    const memoryId = await step(
      "add a memory",
      async () => {
        const response = await api(base, "/api/memories", {
          method: "POST",
          cookie,
          body: { text: memoryText, kind: "note" },
        });
        if (response.status !== 201)
          throw new Error(`memory answered ${response.status}: ${JSON.stringify(response.json)}`);
        return Number(response.json.created[0].id);
      },
      (id) => `memory ${id}`,
    );

    await step(
      "the worker embeds it (BullMQ: the app does not run jobs in Redis mode)",
      async () => {
        const db = new pg.Client({ connectionString: databaseUrl });
        await db.connect();
        try {
          const deadline = Date.now() + 90_000;
          while (Date.now() < deadline) {
            const { rows } = await db.query("select embedding_model from memories where id = $1", [memoryId]);
            if (rows[0]?.embedding_model) return rows[0].embedding_model as string;
            await new Promise((r) => setTimeout(r, 250));
          }
          throw new Error("the memory was not embedded within 90 s: is the worker consuming the embed-memories queue?");
        } finally {
          await db.end();
        }
      },
      (model) => `embedding_model = ${model}`,
    );

    await step(
      "the worker counts the jobs it completed",
      async () => {
        const health = (await (await fetch(`http://127.0.0.1:${workerHealthPort}/healthz`)).json()) as {
          queues?: string[];
          completed?: number;
          failed?: number;
        };
        if (!health.queues?.includes("embed-memories") || !(Number(health.completed) >= 1))
          throw new Error(`the worker reports no completed job on embed-memories: ${JSON.stringify(health)}`);
        return health;
      },
      (h) => `completed ${h.completed}, failed ${h.failed}`,
    );

    const token = await step(
      "create an API token",
      async () => {
        const response = await api(base, "/api/tokens", { method: "POST", cookie, body: { name: "topology" } });
        if (response.status !== 201)
          throw new Error(`token answered ${response.status}: ${JSON.stringify(response.json)}`);
        return String(response.json.token.token);
      },
      (t) => `${t.slice(0, 10)}…`,
    );

    await step(
      "MCP over HTTP with the Bearer token: list_attempts sees the attempt",
      async () => {
        const client = new Client({ name: "topology-test", version: "1.0.0" });
        const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${mcpPort}/mcp`), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        });
        await client.connect(transport);
        try {
          const tools = await client.listTools();
          if (!tools.tools.some((t) => t.name === "list_attempts"))
            throw new Error("the MCP server has no list_attempts tool");
          const result = (await client.callTool({ name: "list_attempts", arguments: {} })) as {
            isError?: boolean;
            content: { type: string; text?: string }[];
          };
          const text = result.content.map((c) => c.text ?? "").join("\n");
          if (result.isError || !text.includes("two-sum"))
            throw new Error(`list_attempts did not return the attempt: ${text.slice(0, 300)}`);
          return tools.tools.length;
        } finally {
          await client.close();
        }
      },
      (n) => `${n} tools; two-sum listed`,
    );
  } catch (error) {
    failed = true;
    console.error(`\ntopology FAILED: ${(error as Error).message}`);
    for (const { name, started } of processes)
      console.error(`\n--- ${name} output ---\n${started.output().slice(-4000)}`);
  } finally {
    // stop in the reverse order of start, each with SIGTERM, as `docker compose down` does
    for (const { name, started } of [...processes].reverse()) {
      try {
        await step(`stop ${name} (SIGTERM → exit 0)`, async () => {
          await started.stop();
          const { exitCode, signalCode } = started.child;
          if (exitCode !== 0)
            throw new Error(`${name} exited with ${exitCode ?? signalCode}:\n${started.output().slice(-2000)}`);
          return exitCode;
        });
      } catch (error) {
        failed = true;
        console.error((error as Error).message);
      }
    }
    await clearRedis().catch(() => 0);
  }
  printTable("topology", steps);
  console.log(failed ? "\ntopology: FAILED" : "\ntopology: all processes started, answered and stopped cleanly");
  process.exit(failed ? 1 : 0);
}

await main();

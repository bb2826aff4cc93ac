// The real `maang mcp` processes: stdio for one user (Claude Desktop's way) and `--http` with API tokens,
// both driven by the SDK's own client, on an account created through the CLI.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { request } from "node:http";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueEmail } from "../helpers/context.js";
import { preparedDataDir } from "../helpers/data-dir-template.js";
import { freePort, MAANG_BIN, type Started, startMaang, waitForHttp } from "../helpers/process.js";

const run = promisify(execFile);
const dataDir = preparedDataDir("maang-mcp-");
const env: Record<string, string> = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  DATA_DIR: dataDir,
  LOG_FORMAT: "json",
  LOG_LEVEL: "info",
  EMBEDDING_PROVIDER: "offline",
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
};
const alice = uniqueEmail("alice");
const bob = uniqueEmail("bob");
let server: Started | undefined;

async function maang(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [MAANG_BIN, ...args], { env, timeout: 120_000 });
  return stdout;
}

async function stdioClient(args: string[], extraEnv: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MAANG_BIN, "mcp", ...args],
    env: { ...env, ...extraEnv },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (d) => {
    stderr += d;
  });
  const client = new Client({ name: "maang-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0].text;

beforeAll(async () => {
  await maang("user", "create", "--email", alice, "--password", "correct horse battery");
  await maang("user", "create", "--email", bob, "--password", "correct horse battery");
}, 240_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("maang mcp on stdio", () => {
  it("serves every tool for the --user account, with logs on stderr only", async () => {
    const { client, stderr } = await stdioClient(["--user", alice]);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(19); // the sixteen practice, memory and interview tools + recommend_problems, get_skills, sync_leetcode
    const logged = await client.callTool({
      name: "log_attempt",
      arguments: { problem: "two-sum", outcome: "solved", minutes: 9 },
    });
    expect(logged.isError).toBeFalsy();
    const listed = JSON.parse(textOf(await client.callTool({ name: "list_attempts", arguments: {} })));
    expect(listed.items.map((a: { problemSlug: string }) => a.problemSlug)).toEqual(["two-sum"]);
    const bad = await client.callTool({ name: "rate_review", arguments: { problem: "two-sum", rating: "superb" } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/rating/);
    await client.close();
    expect(stderr()).toContain("MCP server on stdio");
  }, 120_000);

  it("takes the account from MAANG_USER, and it sees only its own data", async () => {
    const { client } = await stdioClient([], { MAANG_USER: bob });
    const stats = JSON.parse(textOf(await client.callTool({ name: "get_stats", arguments: {} })));
    expect(stats.totalAttempts).toBe(0);
    await client.close();
  }, 120_000);

  it("refuses to start without an account, or for an unknown one, with one clear line", async () => {
    const none = await run(process.execPath, [MAANG_BIN, "mcp"], { env, timeout: 60_000 }).catch((e) => e);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Choose the account: `maang mcp --user you@example.com` (or set MAANG_USER).");
    const unknown = await run(process.execPath, [MAANG_BIN, "mcp", "--user", "nobody-here@test.example"], {
      env,
      timeout: 120_000,
    }).catch((e) => e);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No account with the email nobody-here@test.example");
  }, 180_000);
});

describe("maang mcp --http", () => {
  it("needs a live bearer token and serves each token's own user", async () => {
    const aliceToken = JSON.parse(
      await maang("--json", "user", "token", "create", "--email", alice, "--name", "claude"),
    );
    const bobToken = JSON.parse(await maang("--json", "user", "token", "create", "--email", bob, "--name", "cursor"));
    const old = JSON.parse(await maang("--json", "user", "token", "create", "--email", alice, "--name", "old"));
    await maang("user", "token", "revoke", "--email", alice, "--id", String(old.id));
    await maang("attempt", "log", "--user", alice, "--problem", "valid-anagram", "--outcome", "solved");

    const port = await freePort();
    server = startMaang(["mcp", "--http", "--port", String(port)], env);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, server);

    const connect = async (token: string) => {
      const client = new Client({ name: "maang-test", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      return client;
    };
    const asAlice = await connect(aliceToken.token);
    const attempts = JSON.parse(textOf(await asAlice.callTool({ name: "list_attempts", arguments: {} })));
    expect(attempts.items.map((a: { problemSlug: string }) => a.problemSlug)).toContain("valid-anagram");
    await asAlice.close();
    const asBob = await connect(bobToken.token);
    expect(JSON.parse(textOf(await asBob.callTool({ name: "list_attempts", arguments: {} }))).total).toBe(0);
    await asBob.close();

    const post = (headers: Record<string, string>) =>
      fetch(`${base}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: `Bearer ${old.token}` })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${aliceToken.token}`, origin: "https://evil.example" })).status).toBe(
      403,
    );
    // fetch cannot set Host; a DNS-rebinding attacker's browser would send its own name there.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/mcp`,
        { method: "POST", headers: { host: "evil.example", authorization: `Bearer ${aliceToken.token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end("{}");
    });
    expect(rebound).toBe(403);
  }, 240_000);
});

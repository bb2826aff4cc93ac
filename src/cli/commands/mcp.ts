// maang mcp: the MCP server for AI assistants — on stdio for one user (Claude Desktop, Cursor), or over
// Streamable HTTP with API tokens (`--http --port N`). Logs go to stderr only: stdout is the protocol.
import { createServer, type IncomingMessage } from "node:http";
import type { Command } from "commander";
import { createAppContext } from "../../app-context.js";
import { loadSettings } from "../../config/settings.js";
import { MCP_PATH } from "../../mcp/path.js";
import { action, CliError } from "../runtime.js";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readJson(request: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

export function registerMcpCommand(program: Command): void {
  program
    .command("mcp")
    .description("run the MCP server: stdio for one user (--user or MAANG_USER), or Streamable HTTP with --http")
    .option("--user <email>", "the account the stdio server acts for (default MAANG_USER)")
    .option(
      "--http",
      "serve Streamable HTTP at /mcp instead of stdio (clients send `Authorization: Bearer <API token>`)",
    )
    .option("--port <port>", "port for --http (default PORT or 3000)")
    .option("--host <host>", "interface for --http (default HOST or 127.0.0.1)")
    .action(
      action(async (opts: { user?: string; http?: boolean; port?: string; host?: string }) => {
        const env = { ...process.env };
        if (opts.port) env.PORT = opts.port;
        if (opts.host) env.HOST = opts.host;
        const settings = loadSettings(env);
        if (opts.http) return serveHttp(settings);

        const email = opts.user ?? settings.mcp.defaultUser;
        if (!email) throw new CliError("Choose the account: `maang mcp --user you@example.com` (or set MAANG_USER).");
        const ctx = await createAppContext({ settings, logDestination: 2, migrate: true, seed: true });
        try {
          const user = await ctx.users.byEmail(email);
          ctx.logger.info({ user: user.email }, "MCP server on stdio");
          const [{ serveStdio }, { mcpDepsFrom }] = await Promise.all([
            import("../../mcp/stdio.js"),
            import("../../mcp/context.js"),
          ]);
          await serveStdio(mcpDepsFrom(ctx), { id: user.id, timezone: user.timezone });
        } finally {
          await ctx.close();
        }
      }),
    );
}

async function serveHttp(settings: ReturnType<typeof loadSettings>): Promise<void> {
  const ctx = await createAppContext({ settings, migrate: true, seed: true });
  // loaded here rather than at the top, so other `maang` commands do not load the MCP SDK
  const { mcpHttpHandlerFrom } = await import("../../mcp/context.js");
  const handle = mcpHttpHandlerFrom(ctx);
  const server = createServer(async (request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "ok" }));
      return;
    }
    if (path !== MCP_PATH) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: "not_found", message: `No route here; MCP is at ${MCP_PATH}.` } }));
      return;
    }
    let body: unknown;
    try {
      body = request.method === "POST" ? await readJson(request) : undefined;
    } catch (error) {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          jsonrpc: "2.0",
          error: { code: -32700, message: `Parse error: ${(error as Error).message}` },
          id: null,
        }),
      );
      return;
    }
    await handle(request, response, body);
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    await ctx.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.server.port, settings.server.host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : settings.server.port;
  ctx.logger.info(`MCP server (Streamable HTTP) listening on http://${settings.server.host}:${port}${MCP_PATH}`);
}

// MCP over stdio for one user (Claude Desktop, Cursor, …): stdout carries only the protocol, so the caller
// must have built its logger on stderr.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Actor } from "../agent/tools.js";
import { buildMcpServer, type McpDeps } from "./server.js";

/** Serves until stdin closes (the client went away); resolves then. */
export async function serveStdio(deps: McpDeps, actor: Actor): Promise<void> {
  const server = buildMcpServer(deps, actor);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once("end", () => resolve());
    process.stdin.once("close", () => resolve());
    // Stop cleanly when the client kills us, so the database is closed properly.
    process.once("SIGTERM", () => resolve());
    process.once("SIGINT", () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => undefined);
}

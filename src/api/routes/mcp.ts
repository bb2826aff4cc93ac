// `/mcp` on the main server: MCP over Streamable HTTP for AI assistants, authenticated by API token.
// Registered at the root (not under /api), as MCP clients expect a bare URL.
import type { AppContext } from "../../app-context.js";
import { MCP_PATH } from "../../mcp/path.js";
import type { App } from "../app.js";

export async function mcpRoutes(app: App, ctx: AppContext): Promise<void> {
  // the MCP SDK loads on the first /mcp request, not at every server start
  let handler: Promise<ReturnType<typeof import("../../mcp/context.js").mcpHttpHandlerFrom>> | undefined;
  const handle: ReturnType<typeof import("../../mcp/context.js").mcpHttpHandlerFrom> = async (...args) => {
    handler ??= import("../../mcp/context.js").then((m) => m.mcpHttpHandlerFrom(ctx));
    return (await handler)(...args);
  };
  app.route({
    method: ["GET", "POST", "DELETE"],
    url: MCP_PATH,
    schema: { hide: true },
    handler: async (request, reply) => {
      reply.hijack();
      await handle(request.raw, reply.raw, request.body);
    },
  });
}

// `/mcp` on the main server: MCP over Streamable HTTP for AI assistants, authenticated by API token.
// Registered at the root (not under /api), as MCP clients expect a bare URL.
import type { AppContext } from "../../app-context.js";
import { mcpHttpHandlerFrom } from "../../mcp/context.js";
import { MCP_PATH } from "../../mcp/http.js";
import type { App } from "../app.js";

export async function mcpRoutes(app: App, ctx: AppContext): Promise<void> {
  const handle = mcpHttpHandlerFrom(ctx);
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

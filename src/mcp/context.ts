// The MCP server's dependencies from the app context: the shared tool registry, the catalogue and the
// profile summary (both read through the same services the REST API uses).
import { loadSnapshot } from "../agent/agent.js";
import { formatSnapshot } from "../agent/snapshot.js";
import type { AppContext } from "../app-context.js";
import { MAX_PAGE_SIZE } from "../services/shared/page.js";
import { createMcpHttpHandler } from "./http.js";
import type { McpDeps } from "./server.js";

export function mcpDepsFrom(ctx: AppContext): McpDeps {
  return {
    tools: ctx.agentTools,
    async catalogue(actor) {
      const items: unknown[] = [];
      for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
        // The roadmap's problems, not the 2,500 rated contest problems (search_problems finds those).
        const page = await ctx.catalog.search(actor.id, { limit: MAX_PAGE_SIZE, offset, roadmapOnly: true });
        items.push(...page.items);
        if (page.items.length < MAX_PAGE_SIZE || items.length >= page.total) break;
      }
      return items;
    },
    profileSummary: async (actor) => formatSnapshot(await loadSnapshot(ctx, actor)),
  };
}

/** The `/mcp` handler for the main server and `maang mcp --http`: bearer API tokens, Host/Origin checks. */
export function mcpHttpHandlerFrom(ctx: AppContext) {
  return createMcpHttpHandler({
    deps: mcpDepsFrom(ctx),
    authenticate: (token) => ctx.tokens.authenticate(token),
    allowedHosts: ctx.settings.mcp.allowedHosts,
    allowedOrigins: ctx.settings.mcp.allowedOrigins,
    publicUrl: ctx.settings.server.publicUrl,
    logger: ctx.logger,
  });
}

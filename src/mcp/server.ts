// An MCP server for one user: every tool of the shared registry, the problem catalogue and the user's profile
// summary as resources, and a "plan my day" prompt. Built per connection (stdio) or per request (HTTP),
// always for the authenticated user, so nothing can reach another user's data.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Actor, ToolRegistry } from "../agent/tools.js";

export const MCP_SERVER_NAME = "maang-tracker";
export const MCP_SERVER_VERSION = "0.1.0";

export const CATALOGUE_URI = "maang://problems";
export const PROFILE_URI = "maang://profile";
export const PLAN_PROMPT = "plan-my-day";

export interface McpDeps {
  tools: ToolRegistry;
  /** the problem catalogue as the user sees it (shared problems plus their own), as JSON-ready rows */
  catalogue(actor: Actor): Promise<unknown[]>;
  /** a Markdown summary of the user's progress: numbers, weak topics, due reviews, next problems */
  profileSummary(actor: Actor): Promise<string>;
}

/** A tool's result as MCP content: readable JSON text, plus structured content when it is an object. */
export function toolResult(result: unknown): CallToolResult {
  const text = result === undefined ? "done" : JSON.stringify(result, null, 2);
  const structured =
    result !== null && typeof result === "object" && !Array.isArray(result)
      ? (JSON.parse(JSON.stringify(result)) as Record<string, unknown>)
      : undefined;
  return { content: [{ type: "text", text }], ...(structured ? { structuredContent: structured } : {}) };
}

export function buildMcpServer(deps: McpDeps, actor: Actor): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    {
      instructions:
        "Maang-Tracker: the user's interview-preparation data (attempts, FSRS reviews, weak topics, roadmap, " +
        "study plan, mock interviews, schedule) and their long-term memory. Every tool acts on the signed-in user only.",
    },
  );

  for (const tool of deps.tools.list()) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: tool.readOnly, openWorldHint: false },
      },
      async (args: unknown): Promise<CallToolResult> => {
        const outcome = await deps.tools.call(actor, tool.name, args);
        if (!outcome.ok) return { content: [{ type: "text", text: outcome.error }], isError: true };
        return toolResult(outcome.result);
      },
    );
  }

  server.registerResource(
    "problem-catalogue",
    CATALOGUE_URI,
    {
      title: "Problem catalogue",
      description:
        "Every problem you can practise (the roadmap's catalogue and your custom problems) with topics and your status.",
      mimeType: "application/json",
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(await deps.catalogue(actor)) }],
    }),
  );

  server.registerResource(
    "profile-summary",
    PROFILE_URI,
    {
      title: "My progress",
      description: "Your numbers, weakest topics (with the reason), reviews due and the next roadmap problems.",
      mimeType: "text/markdown",
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: "text/markdown", text: await deps.profileSummary(actor) }],
    }),
  );

  server.registerPrompt(
    PLAN_PROMPT,
    {
      title: "Plan my day",
      description: "A plan for today's practice from your due reviews, weak topics and roadmap.",
    },
    async () => ({
      description: "Plan today's interview practice",
      messages: [
        {
          role: "user",
          content: {
            type: "text",
            text:
              "Plan my interview practice for today. Here is where I stand:\n\n" +
              `${await deps.profileSummary(actor)}\n\n` +
              "Start with the reviews that are due (use get_due_reviews for the full list), then one or two new " +
              "problems from my weakest topic (search_problems, get_roadmap). Give problem slugs and minutes, " +
              "and keep the whole plan within about two hours.",
          },
        },
      ],
    }),
  );

  return server;
}

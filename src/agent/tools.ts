// The one tool registry the mentor and the MCP server share. A tool is a name, a description, a zod input
// schema and a call into a service function for the acting user; it holds no query or rule of its own.
import { z } from "zod";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseFailure } from "../config/database.js";
import { findNulCharacter, NUL_MESSAGE } from "../config/input-limits.js";
import type { Logger } from "../config/logger.js";
import { isAppError } from "../errors.js";
import type { ToolDefinition } from "./llm.js";

/** Who a tool acts for: always the authenticated user, never a user named in the arguments. */
export interface Actor {
  id: number;
  /** IANA timezone: "today" and "yesterday" are the user's */
  timezone: string;
}

export interface AgentTool<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: S;
  /** true for tools that only read (MCP clients may call them without asking) */
  readOnly: boolean;
  /** Runs for `actor` only: every service call it makes is scoped to that user. */
  run(actor: Actor, input: z.output<S>): Promise<unknown>;
}

export function defineTool<S extends z.ZodObject>(tool: AgentTool<S>): AgentTool<S> {
  return tool;
}

export type ToolOutcome = { ok: true; result: unknown } | { ok: false; code: string; error: string };

/** A readable one-line summary of what was wrong with a tool's arguments. */
export function describeInvalidArguments(tool: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "arguments";
    return `${field}: ${issue.message}`;
  });
  return `Invalid arguments for ${tool}: ${problems.join("; ")}.`;
}

/** JSON Schema of a tool's input, as OpenAI tool calling and MCP clients read it. */
export function inputJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

export class ToolRegistry {
  private readonly byName = new Map<string, AgentTool>();

  constructor(
    tools: AgentTool[],
    private readonly logger: Logger,
  ) {
    for (const tool of tools) {
      if (this.byName.has(tool.name)) throw new Error(`two tools are named ${tool.name}`);
      this.byName.set(tool.name, tool);
    }
  }

  list(): AgentTool[] {
    return [...this.byName.values()];
  }

  get(name: string): AgentTool | undefined {
    return this.byName.get(name);
  }

  /** The tools as OpenAI function-calling definitions. */
  openAiTools(): ToolDefinition[] {
    return this.list().map((tool) => ({
      type: "function",
      function: { name: tool.name, description: tool.description, parameters: inputJsonSchema(tool.input) },
    }));
  }

  /**
   * Validates `args` and runs the tool for `actor`. Never throws: a user's mistake (bad arguments, an
   * unknown slug, another user's id) comes back as `{ ok: false }` with the service's message.
   */
  async call(actor: Actor, name: string, args: unknown): Promise<ToolOutcome> {
    const tool = this.byName.get(name);
    if (!tool) {
      return {
        ok: false,
        code: "unknown_tool",
        error: `There is no tool named "${name}". Available: ${[...this.byName.keys()].join(", ")}.`,
      };
    }
    const nul = findNulCharacter(args, "arguments");
    if (nul) {
      const field = nul.slice("arguments.".length) || "arguments";
      return { ok: false, code: "invalid_arguments", error: `Invalid arguments for ${name}: ${field} ${NUL_MESSAGE}.` };
    }
    const parsed = tool.input.safeParse(args ?? {});
    if (!parsed.success)
      return { ok: false, code: "invalid_arguments", error: describeInvalidArguments(name, parsed.error) };
    try {
      return { ok: true, result: await tool.run(actor, parsed.data) };
    } catch (error) {
      if (isAppError(error)) return { ok: false, code: error.code, error: error.message };
      const failure = databaseFailure(error);
      if (failure?.kind === "bad_value")
        return {
          ok: false,
          code: "invalid_arguments",
          error: `${name}: a value cannot be stored: ${failure.message}.`,
        };
      if (failure?.kind === "unavailable") {
        this.logger.warn({ err: error, tool: name }, "tool failed: database unavailable");
        return { ok: false, code: "unavailable", error: `${name}: ${DATABASE_UNAVAILABLE_MESSAGE}` };
      }
      this.logger.error({ err: error, tool: name, userId: actor.id }, "tool failed");
      return { ok: false, code: "internal", error: `${name} failed on the server; it has been logged. Try again.` };
    }
  }
}

/** Parses the JSON text a model sent as tool arguments; unparseable text is reported, not thrown. */
export function parseToolArguments(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: `The tool arguments were not valid JSON: ${text.slice(0, 200)}` };
  }
}

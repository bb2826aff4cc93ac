import pino from "pino";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool, inputJsonSchema, parseToolArguments, ToolRegistry } from "../../src/agent/tools.js";
import { NotFoundError } from "../../src/errors.js";

const logger = pino({ level: "silent" });
const seen: { userId: number; input: unknown }[] = [];
const registry = new ToolRegistry(
  [
    defineTool({
      name: "echo",
      title: "Echo",
      description: "echoes",
      readOnly: true,
      input: z.object({ text: z.string().min(1), times: z.number().int().min(1).max(3).optional() }).strict(),
      run: async (actor, input) => {
        seen.push({ userId: actor.id, input });
        return { text: input.text.repeat(input.times ?? 1) };
      },
    }),
    defineTool({
      name: "missing",
      title: "Missing",
      description: "always not found",
      readOnly: true,
      input: z.object({}).strict(),
      run: async () => {
        throw new NotFoundError("No memory 7.");
      },
    }),
    defineTool({
      name: "broken",
      title: "Broken",
      description: "a bug",
      readOnly: true,
      input: z.object({}).strict(),
      run: async () => {
        throw new Error("connection reset by peer at 10.0.0.3");
      },
    }),
  ],
  logger,
);
const actor = { id: 42, timezone: "UTC" };

describe("the tool registry", () => {
  it("runs a tool for the acting user with validated input", async () => {
    expect(await registry.call(actor, "echo", { text: "ab", times: 2 })).toEqual({
      ok: true,
      result: { text: "abab" },
    });
    expect(seen.at(-1)).toEqual({ userId: 42, input: { text: "ab", times: 2 } });
  });

  it("reports bad arguments field by field, unknown tools by name, and service errors by their message", async () => {
    const bad = await registry.call(actor, "echo", { text: "", times: 9, userId: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.code).toBe("invalid_arguments");
      expect(bad.error).toMatch(/^Invalid arguments for echo: /);
      expect(bad.error).toMatch(/text: /);
      expect(bad.error).toMatch(/times: /);
      expect(bad.error).toMatch(/userId/);
    }
    expect(await registry.call(actor, "nope", {})).toEqual({
      ok: false,
      code: "unknown_tool",
      error: 'There is no tool named "nope". Available: echo, missing, broken.',
    });
    expect(await registry.call(actor, "missing", {})).toEqual({ ok: false, code: "not_found", error: "No memory 7." });
  });

  it("hides an unexpected error's details behind a generic message", async () => {
    const outcome = await registry.call(actor, "broken", {});
    expect(outcome).toEqual({
      ok: false,
      code: "internal",
      error: "broken failed on the server; it has been logged. Try again.",
    });
  });

  it("describes inputs as JSON Schema objects for OpenAI tool calling", () => {
    const [echo] = registry.openAiTools();
    expect(echo.function.name).toBe("echo");
    expect(echo.function.parameters).toMatchObject({
      type: "object",
      properties: { text: { type: "string" }, times: { type: "integer" } },
      required: ["text"],
      additionalProperties: false,
    });
    expect(inputJsonSchema(z.object({}))).not.toHaveProperty("$schema");
  });

  it("parses model-written arguments, treating empty as {} and reporting bad JSON", () => {
    expect(parseToolArguments("")).toEqual({ ok: true, value: {} });
    expect(parseToolArguments('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseToolArguments("{a:1")).toMatchObject({ ok: false });
  });
});

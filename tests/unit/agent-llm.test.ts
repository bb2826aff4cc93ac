import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLanguageModel, LlmError } from "../../src/agent/llm.js";
import { type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const settings = () => ({ baseUrl: llm.baseUrl, apiKey: "sk-test", model: "mentor-test", timeoutMs: 1000 });

describe("the OpenAI-compatible language model client", () => {
  it("is absent when no base URL or model is configured", () => {
    expect(createLanguageModel({ baseUrl: undefined, apiKey: undefined, model: "x", timeoutMs: 1000 })).toBeUndefined();
    expect(
      createLanguageModel({ baseUrl: "http://x/v1", apiKey: undefined, model: undefined, timeoutMs: 1000 }),
    ).toBeUndefined();
  });

  it("streams answer text piece by piece and sends the key and model", async () => {
    llm.script({ content: "Practise two pointers today." });
    const pieces: string[] = [];
    const model = createLanguageModel(settings());
    const result = await model!.chat({ messages: [{ role: "user", content: "hi" }], onToken: (t) => pieces.push(t) });
    expect(result.content).toBe("Practise two pointers today.");
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(result.content);
    const request = llm.requests.at(-1)!;
    expect(request.body.model).toBe("mentor-test");
    expect(request.body.stream).toBe(true);
    expect(request.headers.authorization).toBe("Bearer sk-test");
  });

  it("reassembles tool calls whose arguments arrive in pieces", async () => {
    llm.script({
      toolCalls: [
        { name: "get_stats", arguments: {} },
        { name: "search_memory", arguments: { query: "dp" } },
      ],
    });
    const result = await createLanguageModel(settings())!.chat({
      messages: [{ role: "user", content: "stats?" }],
      tools: [{ type: "function", function: { name: "get_stats", parameters: { type: "object", properties: {} } } }],
    });
    expect(result.finishReason).toBe("tool_calls");
    expect(result.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
      ["get_stats", {}],
      ["search_memory", { query: "dp" }],
    ]);
    expect(llm.requests.at(-1)!.body.tools).toHaveLength(1);
  });

  it("turns an HTTP 500 into an LlmError naming the status", async () => {
    llm.script({ status: 500 }, { status: 500 });
    const error = await createLanguageModel(settings())!
      .chat({ messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error.message).toMatch(/HTTP 500/);
  });

  it("turns a refused connection into an LlmError that names LLM_BASE_URL", async () => {
    const model = createLanguageModel({ ...settings(), baseUrl: "http://127.0.0.1:9/v1" });
    const error = await model!.chat({ messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error.kind).toBe("connection");
    expect(error.message).toMatch(/LLM_BASE_URL/);
  });

  it("turns a slow server into a timeout error naming LLM_TIMEOUT_MS", async () => {
    llm.script({ delayMs: 3000, content: "late" }, { delayMs: 3000, content: "late" });
    const error = await createLanguageModel(settings())!
      .chat({ messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/LLM_TIMEOUT_MS/);
  });
});

// With a model configured, written interview answers are graded by it, with quotes from the answer as
// evidence; quotes the answer does not contain are thrown out, and a grade that is not usable leaves the
// offline rubric in place.
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createTestContext } from "../helpers/context.js";
import { type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let llm: FakeLlm;
let ctx: AppContext;
let app: App;
let alice: TestUser;

beforeAll(async () => {
  llm = await startFakeLlm();
  llm.fallback = { content: "Good story; quantify the result next time." };
  ctx = await createTestContext({
    LLM_BASE_URL: llm.baseUrl,
    LLM_MODEL: "grader-test-model",
    LLM_TIMEOUT_MS: "3000",
  });
  app = await createTestApp(ctx);
  alice = await signUp(app);
}, 60_000);
afterAll(async () => {
  await app.close();
  await ctx.close();
  await llm.close();
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary response JSON
type Json = Record<string, any>;
const call = async (method: "POST", url: string, payload?: unknown) => {
  const options: InjectOptions = {
    method,
    url,
    headers: alice.headers,
    ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }),
  };
  const response = await app.inject(options);
  return response.json() as Json;
};

const ANSWER =
  "Situation: the nightly export kept failing. Task: I owned the export. Action: I rewrote the batching and added retries. Result: failures fell from 9 a week to none.";

async function finishWith(reply: string): Promise<Json> {
  const s = await call("POST", "/api/interviews/sessions", { mode: "behavioral", question: "technical-challenge" });
  await call("POST", `/api/interviews/sessions/${s.id}/answers`, { text: ANSWER });
  llm.script({ content: reply });
  return (await call("POST", `/api/interviews/sessions/${s.id}/finish`)).report;
}

describe("grading a behavioural answer with a model", () => {
  it("uses the model's scores with quotes checked against the answer", async () => {
    const before = llm.requests.length;
    const report = await finishWith(
      JSON.stringify({
        dimensions: [
          { id: "structure", score: 4, evidence: ["Task: I owned the export."], reason: "All four parts." },
          {
            id: "ownership",
            score: 3,
            evidence: ["I rewrote the batching and added retries", "I single-handedly rebuilt the data centre"],
            reason: "Two concrete actions.",
          },
          { id: "impact", score: 4, evidence: ["failures fell from 9 a week to none"], reason: "Quantified." },
          // a high score with only an invented quote: the offline score stays for this one
          { id: "relevance", score: 4, evidence: ["We migrated to Kubernetes"], reason: "On topic." },
          { id: "communication", score: 1, evidence: [], reason: "Too short to follow." },
        ],
      }),
    );
    const grader = llm.requests[before];
    expect(grader.body.messages[0].content).toMatch(/quote the exact sentences/);
    expect(grader.body.messages[1].content).toContain(ANSWER);
    expect(report.rubric).toMatchObject({ gradedBy: "llm", model: "grader-test-model", mode: "behavioral" });
    const dim = (id: string) => report.rubric.dimensions.find((d: Json) => d.id === id);
    expect(dim("ownership")).toMatchObject({ score: 3, evidence: ["I rewrote the batching and added retries"] });
    expect(dim("impact").evidence).toEqual(["failures fell from 9 a week to none"]);
    expect(dim("relevance").reasons.at(-1)).toMatch(/offline score kept/);
    expect(dim("communication").score).toBe(1);
    expect(report.offlineRubric.band).toMatch(/hire/);
    // the mentor's written feedback still follows the grade
    expect(report.feedback).toBe("Good story; quantify the result next time.");
  });

  it("keeps the offline rubric when the model's reply is not a grade", async () => {
    const report = await finishWith("I think this answer is pretty good overall!");
    expect(report.rubric.gradedBy).toBe("offline");
    expect(report.rubric.dimensions).toHaveLength(5);
    expect(report.offlineRubric).toBeUndefined();
  });
});

// The interview room as a candidate lives it: questions with examples and constraints, a draft that
// survives a closed tab, a report with the submitted code and a reference solution, written answers
// scored on their own rubric, and which runs count as practice attempts.
import { eq } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import * as t from "../../src/database/schema.js";
import { createTestContext } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

const clock = new FakeClock("2026-05-04T10:00:00Z");
let ctx: AppContext;
let app: App;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ RUNNER_TIMEOUT_MS: "5000" }, { clock });
  app = await createTestApp(ctx);
  alice = await signUp(app);
  bob = await signUp(app);
}, 60_000);
afterAll(async () => {
  await app.close();
  await ctx.close();
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary response JSON
type Json = Record<string, any>;
const call = async (user: TestUser | undefined, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) => {
  const options: InjectOptions = {
    method,
    url,
    headers: user?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }),
  };
  const response = await app.inject(options);
  return { status: response.statusCode, body: response.json() as Json };
};
const start = async (user: TestUser, body: Json) => (await call(user, "POST", "/api/interviews/sessions", body)).body;
// awaited: the runner's status is asynchronous once the runner is its own service (issue 13)
const python = async () =>
  (await ctx.interviews.languages()).languages.find((l) => l.id === "python")?.available === true;

const TOP_K_PYTHON = [
  "class Solution:",
  "    def topKFrequent(self, nums: List[int], k: int) -> List[int]:",
  "        count = {}",
  "        for n in nums:",
  "            count[n] = count.get(n, 0) + 1",
  "        return sorted(count, key=lambda n: -count[n])[:k]",
].join("\n");

describe("questions with examples and constraints", () => {
  it("shows examples built from the visible tests, the constraints, and no reference solution", async () => {
    const { status, body } = await call(undefined, "GET", "/api/interviews/questions/top-k-frequent-elements");
    expect(status).toBe(200);
    expect(body.content.examples[0]).toEqual({ input: "nums = [1,1,1,2,2,3], k = 2", output: "[1,2]" });
    expect(body.content.constraints).toContain("1 <= nums.length <= 10^5");
    expect(body.content.referenceSolutions).toBeUndefined();
    const twoSum = await call(undefined, "GET", "/api/interviews/questions/two-sum");
    expect(twoSum.body.content.examples[0].explanation).toMatch(/sum of 2 and 7 is 9/);
  });

  it("puts them in the interview room and keeps the reference back until the end", async () => {
    const s = await start(alice, { mode: "coding", question: "lru-cache" });
    expect(s.question.content.examples.length).toBeGreaterThan(0);
    expect(s.question.content.constraints).toContain("1 <= capacity <= 3000");
    expect(s.reference).toBeNull();
  });
});

describe("drafts on the server", () => {
  let id: number;
  it("keeps the code per language and the answer, saved at the same time, for a reload", async () => {
    id = (await start(alice, { mode: "coding", question: "top-k-frequent-elements" })).id;
    const [code, answer] = await Promise.all([
      call(alice, "PUT", `/api/interviews/sessions/${id}/draft`, { language: "python", code: TOP_K_PYTHON }),
      call(alice, "PUT", `/api/interviews/sessions/${id}/draft`, { answer: "Count, then sort by count." }),
    ]);
    expect([code.status, answer.status]).toEqual([200, 200]);
    await call(alice, "PUT", `/api/interviews/sessions/${id}/draft`, { language: "js", code: "var topKFrequent;" });
    const reloaded = await call(alice, "GET", `/api/interviews/sessions/${id}`);
    expect(reloaded.body.draft).toMatchObject({
      language: "javascript",
      code: { python: TOP_K_PYTHON, javascript: "var topKFrequent;" },
      answer: "Count, then sort by count.",
      savedAt: "2026-05-04T10:00:00.000Z",
    });
  });

  it("says what is wrong with a bad draft and keeps it from another user", async () => {
    const noLanguage = await call(alice, "PUT", `/api/interviews/sessions/${id}/draft`, { code: "x" });
    expect(noLanguage.status).toBe(400);
    expect(noLanguage.body.error.message).toMatch(/language/);
    const cobol = await call(alice, "PUT", `/api/interviews/sessions/${id}/draft`, { language: "cobol", code: "x" });
    expect(cobol.status).toBe(400);
    expect(cobol.body.error.message).toMatch(/Unknown language "cobol"/);
    const empty = await call(alice, "PUT", `/api/interviews/sessions/${id}/draft`, {});
    expect(empty.status).toBe(400);
    const other = await call(bob, "PUT", `/api/interviews/sessions/${id}/draft`, { answer: "mine now" });
    expect(other.status).toBe(404);
    expect((await call(bob, "GET", `/api/interviews/sessions/${id}`)).status).toBe(404);
    expect((await call(alice, "GET", `/api/interviews/sessions/${id}`)).body.draft.answer).toBe(
      "Count, then sort by count.",
    );
  });

  it("stops changing once the session is over, and the report shows the code that was never run", async () => {
    const done = await call(alice, "POST", `/api/interviews/sessions/${id}/finish`);
    expect(done.body.report.code).toEqual({
      language: "javascript",
      source: "var topKFrequent;",
      verdict: null,
      submitted: false,
    });
    const late = await call(alice, "PUT", `/api/interviews/sessions/${id}/draft`, { answer: "after the end" });
    expect(late.status).toBe(409);
  });
});

describe("the report", () => {
  it("shows the submitted code and, once finished, the reference solution (the bank's language when the candidate's has none)", async () => {
    if (!(await python())) return;
    const s = await start(alice, { mode: "coding", question: "top-k-frequent-elements" });
    const graded = await call(alice, "POST", `/api/interviews/sessions/${s.id}/submissions`, {
      language: "python",
      code: TOP_K_PYTHON,
    });
    expect(graded.body.verdict).toBe("accepted");
    const done = await call(alice, "POST", `/api/interviews/sessions/${s.id}/finish`);
    expect(done.body.report.code).toEqual({ language: "python", source: TOP_K_PYTHON, verdict: "accepted" });
    expect(done.body.reference.language).toBe("javascript");
    expect(done.body.reference.code).toMatch(/function topKFrequent\(nums, k\)/);
    expect((await call(alice, "GET", `/api/interviews/sessions/${s.id}`)).body.reference).toEqual(done.body.reference);
  });
});

describe("which sessions count as practice attempts", () => {
  const indentationError = "class Solution:\n    def twoSum(self, nums, target):\n    return [0, 1]\n";
  const attemptsOf = async (user: TestUser) =>
    (await ctx.db.select().from(t.attempts).where(eq(t.attempts.userId, user.id))).map((a) => a.outcome);

  it("does not log a failed attempt when only an IndentationError was submitted and time ran out", async () => {
    if (!(await python())) return;
    const carol = await signUp(app);
    const s = await start(carol, { mode: "coding", question: "two-sum", durationMinutes: 10 });
    const run = await call(carol, "POST", `/api/interviews/sessions/${s.id}/submissions`, {
      language: "python",
      code: indentationError,
    });
    expect(run.body.verdict).toBe("compile_error");
    clock.advance(13 * 60_000);
    const view = await call(carol, "GET", `/api/interviews/sessions/${s.id}`);
    expect(view.body.status).toBe("expired");
    expect(view.body.report.attempt).toMatchObject({ counted: false });
    expect(await attemptsOf(carol)).toEqual([]);
  });

  it("logs it as failed when the candidate finishes by hand", async () => {
    if (!(await python())) return;
    const dave = await signUp(app);
    const s = await start(dave, { mode: "coding", question: "two-sum" });
    await call(dave, "POST", `/api/interviews/sessions/${s.id}/submissions`, {
      language: "python",
      code: indentationError,
    });
    const done = await call(dave, "POST", `/api/interviews/sessions/${s.id}/finish`);
    expect(done.body.report.attempt).toMatchObject({ counted: true, outcome: "failed" });
    expect(await attemptsOf(dave)).toEqual(["failed"]);
  });
});

describe("written answers on their own rubric", () => {
  it("reads labelled STAR parts and first-person actions, and uses the behavioural dimensions", async () => {
    const s = await start(alice, { mode: "behavioral", question: "technical-challenge" });
    await call(alice, "POST", `/api/interviews/sessions/${s.id}/answers`, {
      text: "Situation: our checkout service started failing under load. Task: as the on-call engineer I had to stop it before the sale. Action: I profiled the service, found a leak, wrote a fix and added an alert. Result: errors dropped to 0.02 % and I learned to watch connection counts.",
    });
    const { report } = (await call(alice, "POST", `/api/interviews/sessions/${s.id}/finish`)).body;
    expect(report.star.covered).toEqual(["situation", "task", "action", "result"]);
    expect(report.star.missing).toEqual([]);
    expect(report.rubric.dimensions.map((d: Json) => d.label)).toEqual([
      "Structure (STAR)",
      "Ownership and action",
      "Impact and result",
      "Answers the question",
      "Communication",
    ]);
    const ownership = report.rubric.dimensions.find((d: Json) => d.id === "ownership");
    expect(ownership.reasons[0]).toMatch(/profiled, found, wrote, added/);
    expect(report.rubric.band).toMatch(/hire/);
    expect(report.rubric.band).not.toMatch(/no_hire/);
  });

  it("does not reward a good story that answers another question", async () => {
    const s = await start(alice, { mode: "behavioral", question: "conflict-resolution" });
    await call(alice, "POST", `/api/interviews/sessions/${s.id}/answers`, {
      text: "Situation: our app was slow to start. Task: I had to make it faster. Action: I profiled start-up, moved three SDKs off the main thread and lazy-loaded settings. Result: cold start went from 3.1 s to 1.4 s.",
    });
    const { report } = (await call(alice, "POST", `/api/interviews/sessions/${s.id}/finish`)).body;
    expect(report.star.missing).toEqual(["relevance"]);
    expect(report.rubric.band).toBe("no_hire");
    expect(report.rubric.cappedBy).toMatch(/does not answer the question/);
  });
});

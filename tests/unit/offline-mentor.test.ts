import { describe, expect, it } from "vitest";
import {
  classifyQuestion,
  composeOfflineAnswer,
  offlineNotice,
  TOPIC_PATTERNS,
} from "../../src/agent/offline-mentor.js";
import type { LearnerSnapshot } from "../../src/agent/snapshot.js";
import { TOPIC_IDS } from "../../src/config/constants.js";

const snapshot: LearnerSnapshot = {
  today: "2026-01-15",
  stats: { totalAttempts: 5, solved: 3 },
  weaknesses: [
    {
      topicId: "dp_1d",
      name: "1-D Dynamic Programming",
      score: 72,
      severity: "high",
      reason: "2 of 3 attempts failed",
    },
  ],
  dueReviews: [
    { problemSlug: "two-sum", title: "Two Sum", difficulty: "easy", due: "2026-01-14", retrievability: 0.61 },
  ],
  nextProblems: [{ problemSlug: "climbing-stairs", title: "Climbing Stairs", difficulty: "easy", topicName: "1-D DP" }],
};

describe("the offline mentor's question kinds", () => {
  it("recognises today, recall and hint questions", () => {
    expect(classifyQuestion("What should I do today?")).toEqual({ kind: "today" });
    expect(classifyQuestion("plan my day")).toEqual({ kind: "today" });
    expect(classifyQuestion("What did I say about dynamic programming?")).toEqual({
      kind: "recall",
      subject: "dynamic programming",
    });
    expect(classifyQuestion("hint for two-sum")).toEqual({ kind: "hint", problem: "two-sum" });
    expect(classifyQuestion("Can I get a hint on `climbing-stairs`?")).toEqual({
      kind: "hint",
      problem: "climbing-stairs",
    });
    expect(classifyQuestion("How do heaps work?")).toEqual({ kind: "general" });
  });

  it("has a pattern for every roadmap topic", () => {
    for (const topic of TOPIC_IDS) expect(TOPIC_PATTERNS[topic], topic).toBeTruthy();
  });
});

describe("offline answers", () => {
  it("leaves the 'no model is configured' notice to the page instead of repeating it in every reply", () => {
    const answer = composeOfflineAnswer({ question: "x", intent: { kind: "today" }, snapshot, memories: [] });
    expect(answer).not.toMatch(/No language model is configured/);
    expect(answer).toMatch(/^Plan for /);
    expect(offlineNotice()).toMatch(/No language model is configured.*LLM_BASE_URL.*LLM_API_KEY.*LLM_MODEL/s);
  });

  it("puts the open items of this week's plan in 'what should I do today' when there is a plan", () => {
    const answer = composeOfflineAnswer({
      question: "what should I do today",
      intent: { kind: "today" },
      snapshot: {
        ...snapshot,
        plan: {
          week: 1,
          weeks: 4,
          openItems: [
            {
              week: 1,
              kind: "new",
              problemSlug: "valid-anagram",
              title: "Valid Anagram",
              difficulty: "easy",
              minutes: 20,
              note: null,
            },
          ],
        },
      },
      memories: [],
    });
    expect(answer).toMatch(/Your plan, week 1 of 4: 1 open item/);
    expect(answer).toMatch(/Valid Anagram \(`valid-anagram`, easy\)/);
    expect(answer).not.toMatch(/No new roadmap problem is lined up/);
  });

  it("names the model's error instead when the model failed", () => {
    const answer = composeOfflineAnswer({
      question: "x",
      intent: { kind: "today" },
      snapshot,
      memories: [],
      llmError: "HTTP 500",
    });
    expect(answer).toMatch(/could not answer \(HTTP 500\)/);
  });

  it("quotes memories with their dates and ids for a recall question", () => {
    const answer = composeOfflineAnswer({
      question: "what did I say about DP",
      intent: { kind: "recall", subject: "DP" },
      snapshot,
      memories: [
        { id: 42, kind: "message", text: "I always forget the base case in DP", createdAt: "2026-01-03T10:00:00Z" },
      ],
    });
    expect(answer).toContain('On 2026-01-03 (memory #42, message): "I always forget the base case in DP"');
  });

  it("says plainly when nothing was said about the subject", () => {
    const answer = composeOfflineAnswer({
      question: "q",
      intent: { kind: "recall", subject: "tries" },
      snapshot,
      memories: [],
    });
    expect(answer).toContain('I found nothing you said or noted about "tries"');
  });
});

describe("diagnosing a failing test without a model", () => {
  it("names the kind of mismatch", async () => {
    const { diagnoseFailure } = await import("../../src/agent/offline-mentor.js");
    expect(diagnoseFailure({ expected: 3, actual: 2 })[0]).toMatch(/off by one/);
    expect(diagnoseFailure({ expected: [1, 2], actual: [2, 1] })[0]).toMatch(/different order/);
    expect(diagnoseFailure({ expected: [1, 2], actual: [1] })[0]).toMatch(
      /returned 1 element\(s\) where 2 are expected/,
    );
    expect(diagnoseFailure({ expected: 5, actual: undefined })[0]).toMatch(/returned nothing/);
    expect(diagnoseFailure({ expected: 5, actual: "5" })[0]).toBe("It returned a string where a number is expected.");
    expect(diagnoseFailure({ expected: 1, error: "TypeError: x is undefined at line 4" })).toEqual([
      "Your code stopped with an error: TypeError: x is undefined at line 4",
      "Look at line 4 first.",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { assemblePrompt, estimateTokens, truncateToTokens } from "../../src/agent/prompts.js";

const words = (n: number, word = "tree") => Array.from({ length: n }, () => word).join(" ");

describe("prompt assembly within a token budget", () => {
  it("keeps the instructions and the question, and sections in priority order", () => {
    const prompt = assemblePrompt({
      instructions: "You are the mentor.",
      sections: [
        { title: "Memories", text: "[memory #7, 2026-01-10] I keep failing DP", priority: 2 },
        { title: "Your numbers", text: "12 attempts, 9 solved", priority: 1 },
      ],
      history: [],
      question: "what next?",
      budgetTokens: 500,
    });
    const system = prompt.messages[0].content as string;
    expect(system.startsWith("You are the mentor.")).toBe(true);
    expect(system.indexOf("## Your numbers")).toBeLessThan(system.indexOf("## Memories"));
    expect(system).toContain("[memory #7, 2026-01-10]");
    expect(prompt.messages.at(-1)).toEqual({ role: "user", content: "what next?" });
    expect(prompt.included).toEqual(["Your numbers", "Memories"]);
    expect(prompt.trimmed).toEqual([]);
  });

  it("cuts the lowest-priority section to fit, drops whole-only sections, and stays within the budget", () => {
    const prompt = assemblePrompt({
      instructions: "Mentor.",
      sections: [
        { title: "Numbers", text: words(40, "n"), priority: 1 },
        { title: "Table", text: words(400, "t"), priority: 2, whole: true },
        { title: "Memories", text: words(400, "m"), priority: 3 },
      ],
      history: [],
      question: "q",
      budgetTokens: 200,
    });
    expect(prompt.tokens).toBeLessThanOrEqual(200);
    expect(prompt.included).toEqual(["Numbers", "Memories"]);
    expect(prompt.trimmed).toEqual(["Table", "Memories"]);
    expect(prompt.messages[0].content).toContain("…");
  });

  it("keeps the newest history that fits and drops older turns", () => {
    const history = [
      { role: "user" as const, content: `old ${words(100)}` },
      { role: "assistant" as const, content: "recent answer" },
      { role: "user" as const, content: "recent question" },
    ];
    const prompt = assemblePrompt({ instructions: "M.", sections: [], history, question: "now?", budgetTokens: 60 });
    expect(prompt.historyMessages).toBe(2);
    expect(prompt.messages.map((m) => m.content)).toEqual(["M.", "recent answer", "recent question", "now?"]);
  });

  it("estimates tokens at about four characters each and truncates on a word boundary", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcd".repeat(25))).toBe(25);
    const cut = truncateToTokens(words(100, "graph"), 20);
    expect(estimateTokens(cut)).toBeLessThanOrEqual(20);
    expect(cut.endsWith("graph …")).toBe(true);
  });
});

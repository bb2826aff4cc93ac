import { describe, expect, it } from "vitest";
import { assembleContext, reciprocalRankFusion, rerankFactor } from "../../src/memory/ranking.js";
import { chunkText, estimateTokens } from "../../src/memory/text-chunks.js";

describe("reciprocal rank fusion", () => {
  it("scores 1/(60+rank) per list and sums across lists", () => {
    const fused = reciprocalRankFusion([
      [10, 20, 30],
      [30, 40],
    ]);
    expect(fused.get(10)).toBeCloseTo(1 / 61, 10);
    expect(fused.get(20)).toBeCloseTo(1 / 62, 10);
    expect(fused.get(30)).toBeCloseTo(1 / 63 + 1 / 61, 10);
    expect(fused.get(40)).toBeCloseTo(1 / 62, 10);
    expect(fused.has(50)).toBe(false);
  });

  it("ranks an item found by both lists above items first in only one", () => {
    const fused = reciprocalRankFusion([
      ["a", "both"],
      ["b", "both"],
    ]);
    const order = [...fused.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id);
    expect(order[0]).toBe("both");
  });

  it("honours another k", () => {
    expect(reciprocalRankFusion([[1]], 0).get(1)).toBe(1);
  });
});

describe("recency and importance rerank", () => {
  const now = new Date("2026-11-24T00:00:00Z");
  it("prefers newer and more important memories, by at most ±10 % each", () => {
    const fresh = rerankFactor(now, 0.5, now);
    const old = rerankFactor(new Date("2025-11-24T00:00:00Z"), 0.5, now);
    expect(fresh).toBeCloseTo(1.1, 5);
    expect(old).toBeGreaterThan(1);
    expect(old).toBeLessThan(fresh);
    expect(rerankFactor(now, 1, now) - rerankFactor(now, 0, now)).toBeCloseTo(0.1, 5);
  });

  it("halves the recency bonus after about 138 days", () => {
    const days138 = new Date(now.getTime() - 138 * 86_400_000);
    expect(rerankFactor(days138, 0.5, now) - 1).toBeCloseTo(0.05, 2);
  });
});

describe("context assembly within a token budget", () => {
  const day = new Date("2026-11-20T22:30:00Z");
  const memories = [
    { id: 7, text: "I keep mixing up BFS and DFS   on grid problems.", createdAt: day },
    { id: 3, text: "x".repeat(400), createdAt: day },
    { id: 9, text: "never reached", createdAt: day },
  ];

  it("cites each memory with its id and its date in the user's timezone", () => {
    const context = assembleContext(memories.slice(0, 1), 1500, "Asia/Tokyo");
    expect(context.text).toBe("[m7 2026-11-21] I keep mixing up BFS and DFS on grid problems.");
    expect(assembleContext(memories.slice(0, 1), 1500, "UTC").text).toContain("[m7 2026-11-20]");
    expect(context.used.map((m) => m.id)).toEqual([7]);
  });

  it("keeps the order, stays within the budget, and reports what it used", () => {
    const context = assembleContext(memories, 1500, "UTC");
    expect(context.used.map((m) => m.id)).toEqual([7, 3, 9]);
    const small = assembleContext(memories, 60, "UTC");
    expect(small.tokens).toBeLessThanOrEqual(60);
    expect(estimateTokens(small.text)).toBeLessThanOrEqual(60);
    expect(small.used.map((m) => m.id)).toEqual([7, 3]);
    expect(small.text.split("\n")[1]).toMatch(/^\[m3 2026-11-20\] x+…$/);
  });

  it("includes nothing when even the first memory's citation does not fit", () => {
    const context = assembleContext(memories, 5, "UTC");
    expect(context).toEqual({ text: "", used: [], tokens: 0 });
  });
});

describe("chunking", () => {
  it("keeps short text as one chunk", () => {
    expect(chunkText("  one short note  ")).toEqual(["one short note"]);
    expect(chunkText("   ")).toEqual([]);
  });

  it("splits long text at sentence ends into chunks of at most the size, overlapping by the last sentence", () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} talks about topic ${i}.`);
    const chunks = chunkText(sentences.join(" "), { maxTokens: 100, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(estimateTokens(chunk)).toBeLessThanOrEqual(100);
    for (let i = 1; i < chunks.length; i++) {
      // the next chunk starts with sentences the previous one ended with, at most ~20 tokens of them
      const lastOfPrevious = chunks[i - 1].split(/(?<=\.)\s/).pop()!;
      const firstOfNext = chunks[i].split(/(?<=\.)\s/)[0];
      expect(chunks[i - 1].endsWith(lastOfPrevious)).toBe(true);
      expect(chunks[i]).toContain(lastOfPrevious);
      expect(chunks[i - 1]).toContain(firstOfNext);
      expect(chunks[i].indexOf(lastOfPrevious) + lastOfPrevious.length).toBeLessThanOrEqual(20 * 4);
    }
    // every sentence survives somewhere
    for (const s of sentences) expect(chunks.some((c) => c.includes(s))).toBe(true);
  });

  it("hard-splits a single huge sentence at word boundaries", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
    const chunks = chunkText(words, { maxTokens: 500, overlapTokens: 50 });
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const chunk of chunks) expect(estimateTokens(chunk)).toBeLessThanOrEqual(500);
    expect(chunks.join(" ")).toContain("w2999");
  });
});

import { describe, expect, it } from "vitest";
import { analyse, OFFLINE_MODEL_ID, OfflineEmbedder, stem } from "../../src/memory/offline-embedder.js";

const embedder = new OfflineEmbedder();
function cosine(a: string, b: string): number {
  const x = embedder.embedOne(a);
  const y = embedder.embedOne(b);
  return x.reduce((sum, v, i) => sum + v * y[i], 0);
}

describe("the offline embedder", () => {
  it("is deterministic, 384-dimensional and L2-normalised", async () => {
    const [a, b] = await embedder.embed(["Two pointers on a sorted array", "Two pointers on a sorted array"]);
    expect(a).toHaveLength(384);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    expect(embedder.model).toBe(OFFLINE_MODEL_ID);
  });

  it("gives a unit vector even for stopwords only or empty text", () => {
    for (const text of ["what did I", ""]) expect(Math.hypot(...embedder.embedOne(text))).toBeCloseTo(1, 5);
  });

  it("puts an abbreviation next to its expansion", () => {
    const pairs: [string, string][] = [
      ["DP", "dynamic programming"],
      ["BFS", "breadth-first search"],
      ["LL", "linked list"],
      ["BST", "binary search tree"],
      ["SD", "system design"],
      ["2 pointers", "two pointers"],
      ["DSU", "union find"],
      ["topo sort", "topological sort"],
      ["PQ", "priority queue"],
      ["MST", "minimum spanning tree"],
      ["LRU", "least recently used cache"],
    ];
    for (const [short, long] of pairs) expect(cosine(short, long), `${short} ~ ${long}`).toBeGreaterThan(0.6);
  });

  it("ranks similar texts above unrelated ones", () => {
    const query = "I struggle with DP problems like knapsack";
    const similar = "dynamic programming questions such as 0/1 knapsack are hard for me";
    const unrelated = "My Amazon onsite is scheduled for the second week of December";
    expect(cosine(query, similar)).toBeGreaterThan(cosine(query, unrelated) + 0.3);
    expect(cosine("reverse a linked list iteratively", "LL reversal with three pointers")).toBeGreaterThan(
      cosine("reverse a linked list iteratively", "design a rate limiter with a token bucket"),
    );
  });

  it("keeps unrelated texts below the similarity floor", () => {
    const unrelated: [string, string][] = [
      ["Kubernetes pod autoscaling", "I solved two sum with a hash map"],
      ["my favourite food is sushi", "union find with path compression"],
      ["what is the capital of France", "graph coloring with BFS"],
    ];
    for (const [a, b] of unrelated) expect(cosine(a, b), `${a} vs ${b}`).toBeLessThan(embedder.similarityFloor);
  });

  it("stems plurals and verb forms so word variants meet", () => {
    expect(stem("pointers")).toBe(stem("pointer"));
    expect(stem("struggled")).toBe(stem("struggling"));
    expect(stem("queries")).toBe(stem("query"));
    expect(analyse("I'll practise 2-pointers").map((u) => (u.kind === "concept" ? u.id : u.text))).toEqual([
      "practis",
      "two_pointers",
    ]);
  });
});

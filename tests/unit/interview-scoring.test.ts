// Pure parts of interview scoring: the static complexity estimate, structural comparison, bands, STAR.
import { describe, expect, it } from "vitest";
import { valuesMatch } from "../../src/services/code-runner/compare.js";
import { complexityRank, estimateComplexity } from "../../src/services/code-runner/complexity.js";
import { scoreBehavioral } from "../../src/services/interviews/behavioral-scoring.js";
import { bandFor, dimension, scoreCoding } from "../../src/services/interviews/rubric.js";

describe("complexity estimate", () => {
  it("reads two nested loops as quadratic", () => {
    const code =
      "var twoSum = function(nums, t) {\n  for (let i = 0; i < nums.length; i++)\n    for (let j = i + 1; j < nums.length; j++)\n      if (nums[i] + nums[j] === t) return [i, j];\n};";
    expect(estimateComplexity(code, "javascript", "twoSum").time).toBe("O(n^2)");
  });
  it("reads a single Python loop as linear and a halving loop as logarithmic", () => {
    expect(
      estimateComplexity("def f(nums):\n    s = 0\n    for x in nums:\n        s += x\n    return s\n", "python", "f")
        .time,
    ).toBe("O(n)");
    const bs =
      "int search(vector<int>& a, int t) {\n  int lo = 0, hi = a.size() - 1;\n  while (lo <= hi) {\n    int mid = (lo + hi) / 2;\n    if (a[mid] == t) return mid;\n    if (a[mid] < t) lo = mid + 1; else hi = mid - 1;\n  }\n  return -1;\n}";
    expect(estimateComplexity(bs, "cpp", "search").time).toBe("O(log n)");
  });
  it("flags sorting and branching recursion without memo", () => {
    expect(estimateComplexity("function f(a) { a.sort((x, y) => x - y); return a[0]; }", "javascript", "f").time).toBe(
      "O(n log n)",
    );
    const fib =
      "class Solution {\n  public int climbStairs(int n) {\n    if (n <= 1) return 1;\n    return climbStairs(n - 1) + climbStairs(n - 2);\n  }\n}";
    const estimate = estimateComplexity(fib, "java", "climbStairs");
    expect(estimate.time).toBe("O(2^n)");
    expect(estimate.branchingRecursion).toBe(true);
  });
  it("reads a heap kept at size k as O(n log k), not O(n log n)", () => {
    const py =
      "class Solution:\n    def topKFrequent(self, nums, k):\n        count = {}\n        for n in nums:\n            count[n] = count.get(n, 0) + 1\n        heap = []\n        for n, c in count.items():\n            heapq.heappush(heap, (c, n))\n            if len(heap) > k:\n                heapq.heappop(heap)\n        return [n for c, n in heap]\n";
    expect(estimateComplexity(py, "python", "topKFrequent").time).toBe("O(n log k)");
    const java =
      "class Solution {\n  public int findKthLargest(int[] nums, int k) {\n    PriorityQueue<Integer> q = new PriorityQueue<>();\n    for (int n : nums) { q.offer(n); if (q.size() > k) q.poll(); }\n    return q.peek();\n  }\n}";
    expect(estimateComplexity(java, "java", "findKthLargest").time).toBe("O(n log k)");
    expect(estimateComplexity("def f(nums, k):\n    return heapq.nlargest(k, nums)\n", "python", "f").time).toBe(
      "O(n log k)",
    );
    // a heap that holds everything is still n log n
    const all = "function f(a) { const h = new PriorityQueue(); for (const x of a) h.push(x); return h; }";
    expect(estimateComplexity(all, "javascript", "f").time).not.toBe("O(n log k)");
  });
  it("orders complexity classes", () => {
    expect(complexityRank("O(log n)")).toBeLessThan(complexityRank("O(n)"));
    expect(complexityRank("O(n)")).toBeLessThan(complexityRank("O(n log n)"));
    expect(complexityRank("O(n log n)")).toBeLessThan(complexityRank("O(n^2)"));
    expect(complexityRank("O(n^2)")).toBeLessThan(complexityRank("O(2^n)"));
  });
});

describe("structural comparison", () => {
  it("ignores order only where the question says so", () => {
    expect(valuesMatch([1, 0], [0, 1], "exact")).toBe(false);
    expect(valuesMatch([1, 0], [0, 1], "unordered")).toBe(true);
    expect(valuesMatch([["b", "a"], ["c"]], [["c"], ["a", "b"]], "unordered_deep")).toBe(true);
    expect(valuesMatch(2.0000001, 2, "float")).toBe(true);
    expect(valuesMatch(2.1, 2, "float")).toBe(false);
    expect(valuesMatch(undefined, null)).toBe(true);
  });
});

describe("rubric", () => {
  it("maps the mean of the four scores to a band", () => {
    expect([3.75, 3.0, 2.5, 2.0, 1.5, 1.0].map(bandFor)).toEqual([
      "strong_hire",
      "hire",
      "lean_hire",
      "lean_no_hire",
      "no_hire",
      "strong_no_hire",
    ]);
  });
  it("scores an unexplained, untested, failing attempt low with reasons", () => {
    const rubric = scoreCoding({
      submissions: 6,
      customRuns: 0,
      best: { verdict: "wrong_answer", passed: 1, total: 6, code: "x" },
      verdicts: ["compile_error", "compile_error", "runtime_error", "wrong_answer", "wrong_answer", "wrong_answer"],
      hintsUsed: 3,
      hintsAvailable: 3,
      minutesUsed: 50,
      minutesAllowed: 45,
      explanation: "",
    });
    expect(rubric.band).toBe("strong_no_hire");
    expect(dimension(rubric, "testing")?.reasons).toContain("6 submissions without an accepted one: trial and error");
    expect(dimension(rubric, "problem_solving")?.reasons).toContain("ran over the 45-minute limit");
    expect(rubric.dimensions.map((d) => d.label)).toEqual([
      "Communication",
      "Problem solving",
      "Technical competency",
      "Testing",
    ]);
  });
  it("finds the missing STAR parts of a behavioural answer", () => {
    const scored = scoreBehavioral("We worked hard on the project and it went fine.", {
      title: "Failure",
      prompt: "Tell me about a time you failed",
      category: "growth",
    });
    expect(scored.star.missing).toEqual(["situation", "task", "action", "result", "relevance"]);
    expect(dimension(scored, "ownership")?.reasons).toContain("no first-person action: say what YOU did, step by step");
  });
});

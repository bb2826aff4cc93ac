// The statement a problem page shows: the bank's own examples, or its visible tests when it has none.
import { describe, expect, it } from "vitest";
import { statementOf } from "../../src/services/catalog/problem-page.js";

describe("a problem's statement", () => {
  it("turns visible tests into examples with parameter names, and never shows a hidden test", () => {
    const statement = statementOf({
      slug: "two-sum",
      prompt: "Find two numbers.",
      content: {
        signature: { params: [{ name: "nums" }, { name: "target" }] },
        tests: [
          { args: [[2, 7], 9], expected: [0, 1] },
          { args: [[5, 5], 10], expected: [0, 1], hidden: true },
        ],
      },
    });
    expect(statement.examples).toEqual([{ input: "nums = [2,7], target = 9", output: "[0,1]" }]);
    expect(statement.constraints).toEqual([]);
  });

  it("prefers the bank's written examples and constraints", () => {
    const statement = statementOf({
      slug: "x",
      prompt: "p",
      content: {
        examples: [{ input: "n = 3", output: "3", explanation: "three ways" }],
        constraints: ["1 <= n <= 45"],
        tests: [{ args: [1], expected: 1 }],
      },
    });
    expect(statement.examples).toEqual([{ input: "n = 3", output: "3", explanation: "three ways" }]);
    expect(statement.constraints).toEqual(["1 <= n <= 45"]);
  });
});

// The interview editor as a LeetCode user types in it: Python typed line by line keeps valid indentation
// and is Accepted, the code survives a reload, the report shows it with a reference solution, and the
// dark theme's syntax colours are readable (contrast measured from the rendered styles).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, screenshot, startHarness } from "./harness.js";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  const signup = await page.request.post("/api/auth/signup", {
    data: { email: `editor-${Date.now()}@example.com`, password: "correct horse battery", name: "Grace" },
  });
  expect(signup.status()).toBe(201);
});

afterAll(async () => {
  await h?.close();
});

const lines = () => page.locator(".cm-content .cm-line");
const lineText = async (index: number) => (await lines().nth(index).textContent()) ?? "";
const leading = (text: string) => text.length - text.trimStart().length;

/** WCAG contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function startTopK(): Promise<void> {
  await page.goto("/interview");
  await page.getByRole("heading", { level: 1, name: "Interview" }).waitFor();
  await page.getByLabel("Difficulty").selectOption("medium");
  await page.getByLabel("Question").selectOption({ label: "Top K Frequent Elements" });
  await page.getByRole("button", { name: "Start interview" }).click();
  await page.getByRole("heading", { level: 1, name: "Top K Frequent Elements" }).waitFor();
  await page.getByLabel("Language").selectOption("python");
  await expect.poll(() => lineText(0)).toBe("class Solution:");
}

describe("the interview editor", () => {
  it("keeps Python indentation valid when typed line by line, and the code is Accepted", async () => {
    await startTopK();
    expect(await page.getByLabel("Language").locator("option:checked").textContent()).toBe("Python 3");
    await page.getByTestId("example").first().waitFor();
    // the end of the indented third line of the starter code, as in the bug report
    await lines().nth(2).click();
    await page.keyboard.press("End");
    await page.keyboard.type("count = {}");
    await page.keyboard.press("Enter");
    expect(await lineText(3)).toBe(" ".repeat(8));
    await page.keyboard.type("for n in nums:");
    await page.keyboard.press("Enter");
    expect(leading(await lineText(4))).toBe(12);
    await page.keyboard.type("count[n] = 1 + count.get(n, 0)");
    await page.keyboard.press("Enter");
    expect(leading(await lineText(5))).toBe(12);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.type("return sorted(count, key=lambda n: -count[n])[:k]");
    const code = (await lines().allTextContents()).join("\n");
    expect(code).toBe(
      [
        "class Solution:",
        "    def topKFrequent(self, nums: List[int], k: int) -> List[int]:",
        "        count = {}",
        "        for n in nums:",
        "            count[n] = 1 + count.get(n, 0)",
        "        return sorted(count, key=lambda n: -count[n])[:k]",
      ].join("\n"),
    );
    await page.getByRole("button", { name: "Run tests" }).click();
    await expect
      .poll(() => page.getByTestId("tests-passed").textContent(), { timeout: 30_000 })
      .toMatch(/^(\d+) of \1 tests passed$/);

    // the draft is on the server: a reload brings the typed code back
    await expect.poll(() => page.getByTestId("draft-status").textContent()).toMatch(/^Draft saved/);
    await page.reload();
    await expect.poll(async () => (await lines().allTextContents()).join("\n")).toBe(code);

    await page.getByRole("button", { name: "Finish interview" }).click();
    await page.getByRole("button", { name: "Yes, finish" }).click();
    await page.getByRole("heading", { level: 1, name: "Interview report" }).waitFor();
    expect(await page.getByTestId("submitted-code").textContent()).toBe(code);
    await page.getByText(/^Reference solution \(javascript/).click();
    expect(await page.getByTestId("reference-code").textContent()).toMatch(/function topKFrequent/);
    await screenshot(page, "18-interview-report-code");
  });

  it("colours Python tokens readably in dark mode (contrast at least 4.5:1)", async () => {
    await page.evaluate(() => localStorage.setItem("maang.theme", "dark"));
    await startTopK();
    await page.locator(".cm-content .cm-line span").first().waitFor();
    const { background, tokens } = await page.evaluate(() => {
      const editor = document.querySelector(".cm-editor") as HTMLElement;
      const spans = Array.from(document.querySelectorAll<HTMLElement>(".cm-content .cm-line span"));
      return {
        background: getComputedStyle(editor).backgroundColor,
        tokens: spans.map((s) => ({ text: s.textContent ?? "", color: getComputedStyle(s).color })),
      };
    });
    await screenshot(page, "18-interview-editor-dark");
    expect(contrast(background, "rgb(255, 255, 255)")).toBeGreaterThan(10); // really the dark background
    const keyword = tokens.find((t) => t.text === "class");
    expect(keyword).toBeDefined();
    const colours = new Set(tokens.map((t) => t.color));
    expect(colours.size).toBeGreaterThanOrEqual(3);
    for (const t of tokens) expect(contrast(t.color, background), `${t.text} ${t.color}`).toBeGreaterThanOrEqual(4.5);
  });
});

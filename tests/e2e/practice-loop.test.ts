// The daily practice loop in Chromium: a new user's start-here card and no weak topics; one click on a
// Today item logs it and ticks the plan (and Undo takes both back); a review rated with the keyboard,
// nothing focused, and undone with `u`.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, screenshot, startHarness } from "./harness.js";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  const signup = await page.request.post("/api/auth/signup", {
    data: { email: `loop-${Date.now()}@example.com`, password: "correct horse battery", name: "Loop", timezone: "UTC" },
  });
  expect(signup.status()).toBe(201);
});

afterAll(async () => {
  await h?.close();
});

async function json<T>(path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

describe("the practice loop in the browser", () => {
  it("shows a new user the start-here steps and no weakest topics", async () => {
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    const start = page.getByRole("region", { name: "Start here" });
    await start.waitFor();
    for (const step of [
      "Log your first problem",
      "Set your interview date",
      "Link your LeetCode account",
      "Import your old data",
    ])
      await start.getByText(step).waitFor();
    const weak = page.getByRole("region", { name: "Weakest topics" });
    await weak.getByText("Log a few attempts and your weak topics will show here.").waitFor();
    expect(await weak.locator("li").count()).toBe(0);
    await screenshot(page, "20-new-user-overview");
  });

  it("logs a planned Today item with one click, ticks its plan item, and undoes both", async () => {
    expect((await page.request.post("/api/plan", { data: { weeks: 2 } })).status()).toBe(201);
    await page.goto("/today");
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
    const item = page.locator(".today-item").filter({ hasText: "planned" }).first();
    await item.waitFor();
    const title = ((await item.locator("strong").first().textContent()) ?? "").trim();
    await item.getByRole("button", { name: /^Good:/ }).click();
    const status = page.getByRole("status").filter({ hasText: `Logged ${title}: Good, plan item ticked.` });
    await status.waitFor();
    await expect.poll(async () => (await json<{ total: number }>("/api/attempts")).total).toBe(1);
    const plan = await json<{ items: { items: { title: string | null; done: boolean }[] } }>("/api/plan");
    expect(plan.items.items.find((i) => i.title === title)?.done).toBe(true);
    await screenshot(page, "21-today-logged");

    await status.getByRole("button", { name: /^Undo/ }).click();
    await page.getByRole("status").filter({ hasText: "Undone:" }).waitFor();
    await expect.poll(async () => (await json<{ total: number }>("/api/attempts")).total).toBe(0);
    const reopened = await json<{ items: { items: { title: string | null; done: boolean }[] } }>("/api/plan");
    expect(reopened.items.items.find((i) => i.title === title)?.done).toBe(false);

    // `/` focuses the search, `?` opens the keys
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("/");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("search");
    await page.keyboard.press("Escape");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("?");
    await page.getByRole("dialog", { name: "Keyboard" }).waitFor();
    await page.keyboard.press("Escape");
  });

  it("rates a due review with key 3 without focusing anything, shows the link and notes, and undoes it with u", async () => {
    const logged = await page.request.post("/api/attempts", {
      data: {
        problem: "contains-duplicate",
        outcome: "solved",
        attemptedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
        notes: "A set; stop at the first repeat.",
      },
    });
    expect(logged.status()).toBe(201);
    await page.goto("/reviews");
    await page.getByRole("heading", { level: 1, name: "Reviews" }).waitFor();
    await expect.poll(() => page.getByTestId("queue-count").textContent()).toBe("1 card due now");
    const card = page.getByRole("article");
    await card.getByRole("link", { name: /Open on LeetCode \(#217\)/ }).waitFor();
    await card.getByTestId("review-attempt-note").getByText("A set; stop at the first repeat.").waitFor();
    await screenshot(page, "22-review-card");

    await page.keyboard.press("3");
    await page.getByRole("status").filter({ hasText: "Good: next review on" }).waitFor();
    await expect.poll(() => page.getByTestId("queue-count").textContent()).toBe("0 cards due now");
    const rated = await json<{ log: unknown[] }>("/api/reviews/contains-duplicate");
    expect(rated.log).toHaveLength(2);

    await page.keyboard.press("u");
    await expect.poll(() => page.getByTestId("queue-count").textContent()).toBe("1 card due now");
    const undone = await json<{ log: unknown[] }>("/api/reviews/contains-duplicate");
    expect(undone.log).toHaveLength(1);
    // the attempt logged before the review stays: only the rating was taken back
    expect((await json<{ total: number }>("/api/attempts")).total).toBe(1);
  });
});

// The user's journey through the dashboard in a real Chromium against a real server (embedded defaults):
// sign up → log three attempts → Overview changes → review a due card → mock interview → mentor →
// export. Screenshots of every page land in artifacts/screenshots/.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, screenshot, startHarness } from "./harness.js";

let h: Harness;
let page: Page;
const email = `e2e-${Date.now()}@example.com`;
const password = "correct horse battery";

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});

afterAll(async () => {
  await h?.close();
});

async function open(path: string, heading: string): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

function statValue(label: string) {
  return page.getByRole("region", { name: label }).locator(".stat-value");
}

describe("the dashboard, end to end", () => {
  it("signs a new user up and lands on an empty Overview", async () => {
    await page.goto("/");
    await page.getByRole("heading", { name: "Log in" }).waitFor();
    await screenshot(page, "00-login");
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await expect.poll(() => statValue("Attempts").textContent()).toBe("0");
    await expect
      .poll(() => page.getByTestId("heatmap-summary").textContent())
      .toBe("0 attempts on 0 days in the last year");
  });

  it("logs three attempts from the catalogue, one of them three weeks ago", async () => {
    await open("/problems", "Problems");
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    const titles: string[] = [];
    const plan = [
      { outcome: "solved", minutes: "18", notes: "Hash map of complements; one pass.", when: null },
      { outcome: "failed", minutes: "45", notes: "Forgot the sliding window shrink condition.", when: null },
      { outcome: "solved", minutes: "25", notes: "Solved it weeks ago.", when: daysAgo(21) },
    ];
    for (const [i, attempt] of plan.entries()) {
      const row = rows.nth(i);
      titles.push((await row.locator("td").first().innerText()).trim());
      await row.getByRole("button", { name: /^Log attempt/ }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(/^Outcome/).selectOption(attempt.outcome);
      await dialog.getByLabel("Minutes").fill(attempt.minutes);
      if (attempt.when) await dialog.getByLabel("When").fill(attempt.when);
      await dialog.getByLabel("Notes").fill(attempt.notes);
      if (i === 0) await screenshot(page, "02-log-attempt");
      await dialog.getByRole("button", { name: "Save attempt" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `on ${titles[i]}` })
        .waitFor();
    }
    const recent = page.getByRole("region", { name: "Recent attempts" });
    for (const title of titles) await expect.poll(() => recent.textContent()).toContain(title);
    await expect.poll(() => rows.first().getByText("solved").count()).toBe(1);
    await screenshot(page, "03-problems");
  });

  it("shows the attempts on the Overview: the numbers, the streak and the heatmap", async () => {
    await open("/", "Overview");
    await expect.poll(() => statValue("Attempts").textContent()).toBe("3");
    await expect.poll(() => statValue("Problems solved").textContent()).toBe("2");
    await expect.poll(() => statValue("Current streak").textContent()).toBe("1 day");
    await expect
      .poll(() => page.getByTestId("heatmap-summary").textContent())
      .toBe("3 attempts on 2 days in the last year");
    expect(await page.locator("rect[data-count='2']").count()).toBe(1);
    expect(await page.locator("rect[data-count='1']").count()).toBe(1);
    await page.getByRole("heading", { name: "Weakest topics" }).waitFor();
    await screenshot(page, "01-overview");
  });

  it("puts the back-dated problem in the review queue, and rating it moves it out with its next due date", async () => {
    await open("/reviews", "Reviews");
    await expect.poll(() => page.getByTestId("queue-count").textContent()).toBe("1 card due now");
    const card = page.getByRole("article");
    await card.getByRole("heading", { level: 2 }).waitFor();
    await screenshot(page, "04-reviews");
    await card.getByRole("button", { name: /^Good/ }).click();
    const notice = page.getByRole("status").filter({ hasText: "next review on" });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Rated .+ Good: next review on .+ \(in \d+ days?\)/);
    await expect.poll(() => page.getByTestId("queue-count").textContent()).toBe("0 cards due now");
  });

  it("shows the roadmap graph and the weekly plan", async () => {
    await open("/roadmap", "Roadmap");
    const nodes = page.locator(".node");
    await nodes.first().waitFor();
    expect(await nodes.count()).toBe(18);
    await nodes.first().click();
    await page.getByRole("button", { name: "Make this my focus topic" }).click();
    await page.getByRole("button", { name: "Clear focus" }).waitFor();
    await screenshot(page, "05-roadmap");
    await open("/plan", "Plan");
    await page.getByRole("button", { name: /Build my plan|Rebuild the plan/ }).click();
    await page.getByRole("heading", { name: /^Week 1/ }).waitFor();
    await screenshot(page, "06-plan");
  });

  it("gets an answer from the mentor", async () => {
    await open("/mentor", "Mentor");
    await page.getByLabel("Message to the mentor").fill("What should I do today?");
    await page.getByRole("button", { name: "Send" }).click();
    const answer = page.getByRole("article", { name: "Mentor" });
    await expect.poll(async () => ((await answer.textContent()) ?? "").length, { timeout: 30_000 }).toBeGreaterThan(40);
    await page.getByRole("button", { name: "Send" }).waitFor();
    await screenshot(page, "08-mentor");
  });

  it("exports the account's data as a file", async () => {
    await open("/settings", "Settings");
    await screenshot(page, "10-settings");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export JSON" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^maang-export-\d{4}-\d{2}-\d{2}\.json$/);
    const body = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(JSON.stringify(body)).toContain(email);
    expect(body.data.attempts).toHaveLength(3);
    await page.getByRole("status").filter({ hasText: "Downloaded maang-export-" }).waitFor();
  });

  it("creates an API token shown once, and revokes it", async () => {
    await open("/settings", "Settings");
    await page.getByLabel("Token name").fill("e2e script");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = page.getByLabel("New API token");
    await expect.poll(() => token.inputValue()).toMatch(/^mt_/);
    const me = await fetch(`${h.base}/api/me`, { headers: { authorization: `Bearer ${await token.inputValue()}` } });
    expect(me.status).toBe(200);
    await page.getByRole("button", { name: "Done" }).click();
    expect(await page.getByLabel("New API token").count()).toBe(0);
    await page.getByRole("button", { name: "Revoke e2e script" }).click();
    await page.getByText("No tokens yet.").waitFor();
  });

  it("returns to login when the session expires, and keeps what was typed", async () => {
    await open("/mentor", "Mentor");
    const draft = "A question I typed before my session ended";
    await page.getByLabel("Message to the mentor").fill(draft);
    await h.context.clearCookies();
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("heading", { name: "Log in" }).waitFor();
    await page.getByText("Your session has ended").waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { level: 1, name: "Mentor" }).waitFor();
    expect(await page.getByLabel("Message to the mentor").inputValue()).toBe(draft);
  });

  it("works at phone width with a collapsible menu", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open("/", "Overview");
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await screenshot(page, "12-phone-menu");
    await page.getByRole("link", { name: "Reviews" }).click();
    await page.getByRole("heading", { level: 1, name: "Reviews" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});

/** A value for <input type="datetime-local"> some days back (the browser runs in UTC). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 16);
}

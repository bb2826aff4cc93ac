// The user's journey through the dashboard in a real Chromium against a real server (embedded defaults):
// sign up → log three attempts → Overview changes → review a due card → mock interview → mentor →
// export. Screenshots of every page land in artifacts/screenshots/.
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, screenshot, startHarness } from "./harness.js";

let h: Harness;
const exportFile = join(tmpdir(), `maang-e2e-export-${process.pid}.json`);
let page: Page;
const email = `e2e-${Date.now()}@example.com`;
const password = "correct horse battery";
/** attempts logged by marking a planned problem done (it asks the outcome and logs it) */
let loggedFromPlan = 0;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});

afterAll(async () => {
  await h?.close();
  rmSync(exportFile, { force: true });
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
    // a first visit opens on the signup form (the login form is one link away)
    await page.goto("/");
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    await screenshot(page, "00-signup");
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
      titles.push(((await row.locator("td").first().textContent()) ?? "").trim());
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
    await rows
      .first()
      .getByRole("button", { name: /^Notes/ })
      .click();
    const notes = page.getByRole("dialog");
    await notes.getByLabel("Notes on this problem").fill("Watch out for duplicates: check before inserting.");
    await notes.getByLabel("Flag to revisit").check();
    await notes.getByRole("button", { name: "Save notes" }).click();
    await rows
      .first()
      .getByRole("button", { name: /^Notes/ })
      .click();
    await expect
      .poll(() => notes.getByLabel("Notes on this problem").inputValue())
      .toBe("Watch out for duplicates: check before inserting.");
    expect(await notes.getByLabel("Flag to revisit").isChecked()).toBe(true);
    await notes.getByRole("button", { name: "Cancel" }).click();
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
    await page.getByRole("heading", { name: "Weakest topics" }).locator("xpath=..").locator("li").first().waitFor();
    await page.getByRole("list", { name: "Mastery per topic" }).waitFor();
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

  it("runs a coding interview: per-case test results, a hint, then finish with a rubric report", async () => {
    await open("/interview", "Interview");
    await page.getByLabel("Difficulty").selectOption("easy");
    await page.getByLabel("Question").selectOption({ label: "Two Sum" });
    await page.getByRole("button", { name: "Start interview" }).click();
    await page.getByRole("heading", { level: 1, name: "Two Sum" }).waitFor();
    await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^\d{2}:\d{2}$/);
    await page.getByLabel("Language").selectOption("javascript");
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(TWO_SUM_JS);
    await page.getByRole("button", { name: "Run tests" }).click();
    const passed = page.getByTestId("tests-passed");
    await expect.poll(() => passed.textContent(), { timeout: 30_000 }).toMatch(/^(\d+) of \1 tests passed$/);
    expect(await page.getByText("Accepted", { exact: true }).count()).toBe(1);
    expect(await page.locator("td.case-passed").count()).toBeGreaterThan(2);
    await page.getByRole("button", { name: /^Get a hint/ }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: "Hints" }).locator("xpath=..").locator("li").count())
      .toBe(1);
    await page.getByLabel("Your approach").fill("One pass with a hash map from value to index: O(n) time, O(n) space.");
    await page.getByRole("button", { name: "Save answer" }).click();
    await page.getByText("Answer saved.").waitFor();
    await screenshot(page, "07-interview");
    await page.getByText("Run on my own input").click();
    await page.getByLabel("Custom input").fill("[[1, 5, 9], 14]");
    await page.getByRole("button", { name: "Run on my input" }).click();
    await expect.poll(() => page.getByTestId("custom-run").textContent(), { timeout: 30_000 }).toMatch(/^Ran 1 input/);
    expect(await page.locator("tbody tr").first().textContent()).toContain("[1,2]");
    await page.getByRole("button", { name: "Finish interview" }).click();
    await page.getByRole("button", { name: "Yes, finish" }).click();
    await page.getByRole("heading", { level: 1, name: "Interview report" }).waitFor();
    const summary = await page.getByTestId("report-summary").textContent();
    expect(summary).toMatch(/Overall [\d.]+ \/ 4/);
    expect(summary).toMatch(/1 of \d+ hints/);
    expect(summary).toMatch(/(\d+) of \1 tests passed/);
    for (const dimension of ["Communication", "Problem solving", "Technical competency", "Testing"])
      await page.getByRole("region", { name: dimension }).waitFor();
    await screenshot(page, "07-interview-report");
  });

  it("runs a behavioural interview: a written STAR answer is scored in the report", async () => {
    await open("/interview", "Interview");
    await page.getByLabel("Behavioural").check();
    await page.getByRole("button", { name: "Start interview" }).click();
    await page.getByRole("timer").waitFor();
    await page
      .getByLabel("Your answer")
      .fill(
        "Situation: our checkout service timed out during a sale. Task: I owned the fix before the next sale. " +
          "Action: I profiled the calls, added a cache and a queue, and wrote a runbook with the team. " +
          "Result: p95 latency fell from 2 s to 300 ms and we had zero timeouts the next sale; I learned to load-test first.",
      );
    await page.getByRole("button", { name: "Save answer" }).click();
    await page.getByText("Answer saved.").waitFor();
    await page.getByRole("button", { name: "Finish interview" }).click();
    await page.getByRole("button", { name: "Yes, finish" }).click();
    await page.getByRole("heading", { level: 1, name: "Interview report" }).waitFor();
    expect(await page.getByTestId("report-summary").textContent()).toMatch(/Overall [\d.]+ \/ 4/);
    expect(await page.getByText(/^Covered: /).textContent()).toMatch(/Situation|Task|Action|Result/);
  });

  it("schedules an interview, counts down to it on the Overview, reschedules and cancels it", async () => {
    await open("/schedule", "Schedule");
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Scheduled for" }).waitFor();
    const item = page.getByRole("listitem", { name: /^Coding interview on / });
    await item.waitFor();
    await screenshot(page, "11-schedule");
    await open("/", "Overview");
    await expect
      .poll(() => page.getByRole("timer", { name: "Time until the next interview" }).textContent())
      .toMatch(/^\d+ d \d+ h \d+ min$/);
    await open("/schedule", "Schedule");
    await item.getByRole("button", { name: "Reschedule" }).click();
    const later = new Date(Date.now() + 12 * 86_400_000);
    later.setUTCHours(9, 30, 0, 0);
    await item.getByLabel("New time").fill(later.toISOString().slice(0, 16));
    await item.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => item.textContent()).toMatch(/in 1[12] days/);
    await item.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.getByText("Nothing scheduled.").waitFor();
  });

  it("remembers a note and finds it by searching memory", async () => {
    await open("/memory", "Memory");
    await page
      .getByLabel("Note", { exact: true })
      .fill("Heaps: keep a min-heap of size k to get the k-th largest element in O(n log k).");
    await page.getByRole("button", { name: "Remember this" }).click();
    await page.getByRole("status").filter({ hasText: "Remembered" }).waitFor();
    await page.getByLabel("Search memories").fill("min-heap k-th largest");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const results = page.getByRole("region", { name: /^Results for/ });
    await expect.poll(() => results.textContent()).toContain("keep a min-heap of size k");
    await screenshot(page, "09-memory");
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
    const before = await page.getByRole("button", { name: /^Mark done/ }).count();
    await page
      .getByRole("button", { name: /^Mark done/ })
      .first()
      .click();
    // a planned problem is done by logging it: the dialog asks how it went, and the attempt ticks the item
    const dialog = page.getByRole("dialog");
    const ticked = page.getByText("done", { exact: true }).first();
    await dialog.or(ticked).first().waitFor();
    if (await dialog.isVisible()) {
      await dialog.getByLabel(/^Outcome/).selectOption("solved");
      await dialog.getByRole("button", { name: "Save attempt" }).click();
      await page.getByRole("status").filter({ hasText: "Plan item ticked" }).waitFor();
      loggedFromPlan = 1;
    }
    await ticked.waitFor();
    expect(await page.getByRole("button", { name: /^Mark done/ }).count()).toBe(before - 1);
    await screenshot(page, "06-plan");
  });

  it("gets an answer from the mentor", async () => {
    await open("/mentor", "Mentor");
    await page.getByLabel("Message to the mentor").fill("What should I do today?");
    await page.getByRole("button", { name: "Send" }).click();
    const answer = page.getByRole("article", { name: "Mentor" });
    await expect.poll(async () => ((await answer.textContent()) ?? "").length, { timeout: 30_000 }).toBeGreaterThan(40);
    await page.getByRole("button", { name: "Send" }).waitFor();
    await page.getByLabel("Message to the mentor").fill("What did I say about heaps?");
    await page.getByRole("button", { name: "Send" }).click();
    const second = page.getByRole("article", { name: "Mentor" }).nth(1);
    await expect.poll(() => second.textContent(), { timeout: 30_000 }).toContain("min-heap");
    await expect.poll(() => second.locator(".citations").textContent()).toContain("keep a min-heap of size k");
    await screenshot(page, "08-mentor");
  });

  it("forgets a memory that is deleted", async () => {
    await open("/memory", "Memory");
    const note = page
      .getByRole("button", { name: /^Open memory #/ })
      .filter({ hasText: /^note.*keep a min-heap of size k/ });
    await expect.poll(() => note.count()).toBe(1);
    await note.click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete this memory" }).click();
    await expect.poll(() => note.count()).toBe(0);
    await page
      .getByRole("region", { name: "All memories" })
      .getByText(/^\d+ memor(y|ies)$/)
      .waitFor();
  });

  it("exports the account's data as a file", async () => {
    await open("/settings", "Settings");
    await screenshot(page, "10-settings");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export JSON" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^maang-export-\d{4}-\d{2}-\d{2}\.json$/);
    await download.saveAs(exportFile);
    const body = JSON.parse(readFileSync(exportFile, "utf8"));
    expect(JSON.stringify(body)).toContain(email);
    // the three logged by hand, the one the finished coding interview logged, and the planned one marked done
    expect(body.data.attempts).toHaveLength(4 + loggedFromPlan);
    expect(body.data.attempts.filter((a: { source: string }) => a.source === "interview")).toHaveLength(1);
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

  it("restores the export into a new account, which then shows the same numbers", async () => {
    await page.getByRole("button", { name: "Log out everywhere" }).click();
    await page.getByRole("heading", { name: "Log in" }).waitFor();
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Email").fill(`restored-${email}`);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await open("/settings", "Settings");
    await page.getByLabel("JSON export to import").setInputFiles(exportFile);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Imported" }).textContent())
      .toContain(`${4 + loggedFromPlan} attempts`);
    await open("/", "Overview");
    await expect.poll(() => statValue("Attempts").textContent()).toBe(String(4 + loggedFromPlan));
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

  it("switches to the dark theme and keeps it after a reload", async () => {
    await open("/settings", "Settings");
    await page.getByLabel("Dark").check();
    await open("/", "Overview");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    await screenshot(page, "13-overview-dark");
    await open("/settings", "Settings");
    await page.getByLabel("Follow the system").check();
    expect(await page.locator("html").getAttribute("data-theme")).toBeNull();
  });

  it("works at phone width with a collapsible menu", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open("/", "Overview");
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    await page.getByRole("heading", { name: "Weakest topics" }).locator("xpath=..").locator("li").first().waitFor();
    await page.getByRole("list", { name: "Mastery per topic" }).waitFor();
    await screenshot(page, "12-phone-overview");
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await screenshot(page, "12-phone-menu");
    await page.getByRole("link", { name: "Reviews" }).click();
    await page.getByRole("heading", { level: 1, name: "Reviews" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});

const TWO_SUM_JS = `var twoSum = function(nums, target) {
  const seen = new Map();
  for (let i = 0; i < nums.length; i++) {
    const j = seen.get(target - nums[i]);
    if (j !== undefined) return [j, i];
    seen.set(nums[i], i);
  }
  return [];
};`;

/** A value for <input type="datetime-local"> some days back (the browser runs in UTC). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 16);
}

// Issue 17, items 7 and 11 in a real Chromium: the dashboard loads under the Content-Security-Policy,
// a first visit shows the signup form and no "session has ended" notice, a returning visitor gets the
// login form, and only a session that really ends while signed in says so.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, screenshot, startHarness } from "./harness.js";

const NOTICE = "Your session has ended";
let h: Harness;
let page: Page;
const cspViolations: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
});
afterAll(async () => {
  await h?.close();
});

describe("a first visit", () => {
  it("shows the signup form with no session notice, and the page runs under the CSP", async () => {
    const response = await page.goto("/");
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    await screenshot(page, "first-visit");
    expect(await page.getByText(NOTICE).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Sign up" }).count()).toBe(1);
    expect(cspViolations).toEqual([]);
  });

  it("signs up, and a return visit after the cookie is gone offers the login form without the notice", async () => {
    await page.getByLabel("Email").fill(`first-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await h.context.clearCookies();
    await page.goto("/");
    await page.getByRole("heading", { name: "Log in" }).waitFor();
    expect(await page.getByText(NOTICE).count()).toBe(0);
    expect(cspViolations).toEqual([]);
  });

  it("says the session has ended only when it ends while signed in", async () => {
    await page.goto("/signup");
    await page.getByLabel("Email").fill(`ended-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await h.context.clearCookies();
    await page.getByRole("link", { name: "Problems" }).first().click();
    await page.getByText(NOTICE).waitFor();
  });
});

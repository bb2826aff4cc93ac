// A real `maang serve` on the embedded defaults (temp DATA_DIR, no DATABASE_URL/REDIS_URL) and a
// headless Debian Chromium driven by playwright-core. Screenshots go to artifacts/screenshots/.
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { preparedDataDir } from "../helpers/data-dir-template.js";
import { freePort, type Started, startMaang, waitForHttp } from "../helpers/process.js";

export const SCREENSHOT_DIR = resolve("artifacts/screenshots");

export interface Harness {
  base: string;
  server: Started;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dataDir = preparedDataDir("maang-e2e-");
  const port = await freePort();
  const server = startMaang(["serve", "--port", String(port)], {
    DATA_DIR: dataDir,
    WEB_DIST_DIR: resolve("web/dist"),
    LOG_FORMAT: "json",
    LOG_LEVEL: "warn",
    EMBEDDING_PROVIDER: "offline",
    COOKIE_SECURE: "false",
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/readyz`, server, 150_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
    timezoneId: "UTC",
    locale: "en-US",
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    base,
    server,
    browser,
    context,
    page,
    close: async () => {
      await browser.close().catch(() => {});
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createTestContext } from "../helpers/context.js";

let ctx: AppContext;
const dist = mkdtempSync(join(tmpdir(), "maang-web-"));
const apps: App[] = [];

function withWebDist(dir: string): AppContext {
  const settings = { ...ctx.settings, server: { ...ctx.settings.server, webDistDir: dir } };
  return Object.assign(Object.create(Object.getPrototypeOf(ctx)), ctx, { settings }) as AppContext;
}

async function appFor(dir: string): Promise<App> {
  const app = await buildApp(withWebDist(dir));
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  ctx = await createTestContext();
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><div id=root></div>");
  writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log('app')");
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await ctx?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe("serving the dashboard", () => {
  it("serves index.html for the SPA's own paths, never cached, and hashed assets cached for a year", async () => {
    const app = await appFor(dist);
    for (const url of ["/", "/reviews", "/settings?tab=tokens", "/interview/42"]) {
      const page = await app.inject({ method: "GET", url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers["content-type"]).toMatch(/text\/html/);
      expect(page.body).toContain("<div id=root>");
      expect(page.headers["cache-control"]).toBe("no-cache");
    }
    const asset = await app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe("console.log('app')");
    expect(asset.headers["cache-control"]).toContain("immutable");
  });

  it("keeps the API's JSON 404 for unknown /api, /mcp and /metrics paths instead of the page", async () => {
    const app = await appFor(dist);
    for (const url of ["/api/nothing-here", "/mcp/unknown", "/metrics/x"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe("not_found");
    }
    const post = await app.inject({ method: "POST", url: "/reviews" });
    expect(post.statusCode).toBe(404);
  });

  it("still serves the API when the dashboard is not built, and `/` says how to build it", async () => {
    const app = await appFor(join(dist, "missing"));
    const root = await app.inject({ method: "GET", url: "/" });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain("npm run build");
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/reviews" })).statusCode).toBe(404);
  });
});

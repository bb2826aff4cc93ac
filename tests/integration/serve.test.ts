import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, type Started, startMaang, waitForHttp } from "../helpers/process.js";

const dataDir = mkdtempSync(join(tmpdir(), "maang-serve-"));
const repo = fileURLToPath(new URL("../..", import.meta.url));

/** Whether bin/maang.js will run dist/maang.cjs: its own check (bin/server-build.mjs), in a child process. */
function bundleIsFresh(): boolean {
  const script = `import("./bin/server-build.mjs").then((m) => console.log(Boolean(m.freshBuild().bundleHash)))`;
  return (
    execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repo, encoding: "utf8" }).trim() ===
    "true"
  );
}
let server: Started | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("maang serve", () => {
  it("answers /healthz and /readyz with 200, and bad routes with the error shape", async () => {
    const port = await freePort();
    server = startMaang(["serve", "--port", String(port)], {
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      LOG_FORMAT: "json",
      EMBEDDING_PROVIDER: "offline",
      // a cache folder of its own, so the first start of this bundle is seen writing it
      MAANG_CODE_CACHE_DIR: join(dataDir, "code-cache"),
      MAANG_CODE_CACHE_DEBUG: "1",
      // no timed write: only "the server is up" (or its exit) may write the cache
      MAANG_CODE_CACHE_WRITE_AFTER_MS: "3600000",
    });
    const base = `http://127.0.0.1:${port}`;
    const health = await waitForHttp(`${base}/healthz`, server);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", ok: true, vector: true });
    const missing = await fetch(`${base}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "No route GET /api/nothing-here." } });
    const docs = await fetch(`${base}/docs/json`);
    expect(docs.status).toBe(200);
    expect((await docs.json()).openapi).toMatch(/^3\./);
    // the Swagger UI's own files, found from the bundle dist/maang.cjs (bin/maang.js runs it) in node_modules
    const css = await fetch(`${base}/docs/static/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect((await css.text()).length).toBeGreaterThan(10_000);
    const yaml = await fetch(`${base}/docs/yaml`);
    expect(yaml.status).toBe(200);
    expect(await yaml.text()).toMatch(/^openapi: /m);
    // V8's code cache of the bundle is written once the server is up, not at a fixed time into a slow first
    // start (this one migrates a new database). bin/maang.js runs the bundle whenever dist/ matches src/ (the
    // suite may run on edited sources, which then run through tsx, with no cache to check); asked the same
    // way bin/maang.js asks, so a fresh dist/ that did not run the bundle fails here.
    if (bundleIsFresh()) {
      expect(server.output()).toMatch(/code cache: none at .*-serve-pg(lite)?(-redis)?\.bin/);
      await expect
        .poll(() => server?.output(), { timeout: 5_000 })
        .toMatch(/code cache: written .*-serve-pg(lite)?(-redis)?\.bin/);
      expect(server.child.exitCode).toBeNull(); // written while it serves, not at its exit
    } else {
      expect(server.output()).not.toMatch(/code cache:/);
    }
  }, 150_000); // a cold start (migrations, seed of 2,800 problems) on a loaded 2-core machine
});

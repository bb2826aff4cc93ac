// Issue 17, items 12 and 14: a fresh clone installs with plain `npm ci` (CI has no fallback), and the
// production images run a maintained Node LTS that `engines` and the README name.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const DOCKERFILES = ["docker/Dockerfile.app", "docker/Dockerfile.mcp", "docker/Dockerfile.dashboard"];

describe("installing and running", () => {
  it("CI installs with npm ci and nothing else", () => {
    const ci = read(".ci/run");
    const installs = ci.split("\n").filter((l) => /^\s*[^#]*\bnpm (ci|install|i)\b/.test(l));
    expect(installs.length).toBe(1);
    expect(installs[0]).toMatch(/\bnpm ci\b/);
    expect(installs[0]).not.toMatch(/npm install/);
  });

  it("locks every platform's optional binaries, so npm ci accepts the lock anywhere", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, unknown> };
    for (const name of [
      "node_modules/@biomejs/cli-darwin-arm64",
      "node_modules/@biomejs/cli-win32-x64",
      "node_modules/@msgpackr-extract/msgpackr-extract-darwin-arm64",
    ])
      expect(lock.packages, name).toHaveProperty([name]);
  });

  it.each(DOCKERFILES)("%s installs with npm ci on Node 22 or 24 LTS", (file) => {
    const text = read(file);
    expect(text).toMatch(/npm ci/);
    expect(text).not.toMatch(/npm install/);
    const image = /^ARG NODE_IMAGE=node:(\d+)/m.exec(text);
    expect(image, "ARG NODE_IMAGE=node:<major>…").not.toBeNull();
    expect(["22", "24"]).toContain(image?.[1]);
  });

  it("names the supported Node versions in engines and the README", () => {
    const pkg = JSON.parse(read("package.json")) as { engines: { node: string } };
    expect(pkg.engines.node).toMatch(/^>=2[24]\./);
    expect(read("README.md")).toMatch(/Node\.js 22 or 24/);
  });
});

// The dashboard's API types are generated from the routes' schemas (npm run gen:api) and committed; this
// fails the suite (and so CI) when a route's contract changed and the committed file was not regenerated.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { API_TYPES_FILE, generateApiTypes } from "../../scripts/gen-api.js";

// the suite's migrated and seeded embedded database, when the global setup made one
const fromTemplate = { pgliteTemplate: process.env.MAANG_TEST_PGLITE_TEMPLATE };

describe("generated API types", () => {
  it("match what the routes declare today (run `npm run gen:api` when this fails)", async () => {
    const committed = await readFile(API_TYPES_FILE, "utf8");
    const generated = await generateApiTypes(fromTemplate);
    expect(committed === generated, "web/src/api-types.generated.ts is stale: run `npm run gen:api`").toBe(true);
  });

  it("carry the declared response of every tracking route, dates as strings", async () => {
    const committed = await readFile(API_TYPES_FILE, "utf8");
    for (const path of ['"/api/attempts"', '"/api/attempts/{id}"', '"/api/problems/{slug}/notes"'])
      expect(committed).toContain(path);
    expect(committed).toMatch(/attemptedAt: string;/);
    expect(committed).toMatch(/updatedAt: string;/);
  });

  it("declare a 2xx response for every operation of the contracted features (accounts, catalogue, tracking, training, progress, roadmap, export, adaptive)", async () => {
    const { openApiDocument } = await import("../../scripts/gen-api.js");
    const doc = (await openApiDocument(fromTemplate)) as {
      paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, { content?: unknown }> }>>;
    };
    const contracted = new Set([
      "auth",
      "account",
      "tokens",
      "notifications",
      "problems",
      "attempts",
      "stats",
      "reviews",
      "roadmap",
      "today",
      "export",
      "adaptive",
    ]);
    const undeclared: string[] = [];
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.tags?.some((tag) => contracted.has(tag))) continue;
        checked++;
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        const declared = success.some(([status, response]) => status === "204" || response.content !== undefined);
        if (!declared) undeclared.push(`${method.toUpperCase()} ${path}`);
        if (!operation.responses?.["4XX"] && !operation.responses?.["4xx"])
          undeclared.push(`${method.toUpperCase()} ${path} (no 4xx)`);
      }
    expect(checked).toBeGreaterThan(40);
    expect(undeclared).toEqual([]);
  });

  it("declare a 2xx response for every operation in /docs/json (issue 14's done-when)", async () => {
    const { openApiDocument } = await import("../../scripts/gen-api.js");
    const doc = (await openApiDocument(fromTemplate)) as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    const undeclared: string[] = [];
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        checked++;
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        if (!success.some(([status, response]) => status === "204" || response.content !== undefined))
          undeclared.push(`${method.toUpperCase()} ${path}`);
      }
    expect(checked).toBeGreaterThan(80);
    expect(undeclared).toEqual([]);
  });
});

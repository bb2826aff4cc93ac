// The dashboard's API types are generated from the routes' schemas (npm run gen:api) and committed; this
// fails the suite (and so CI) when a route's contract changed and the committed file was not regenerated.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { API_TYPES_FILE, generateApiTypes } from "../../scripts/gen-api.js";

describe("generated API types", () => {
  it("match what the routes declare today (run `npm run gen:api` when this fails)", async () => {
    const committed = await readFile(API_TYPES_FILE, "utf8");
    const generated = await generateApiTypes();
    expect(committed === generated, "web/src/api-types.generated.ts is stale: run `npm run gen:api`").toBe(true);
  });

  it("carry the declared response of every tracking route, dates as strings", async () => {
    const committed = await readFile(API_TYPES_FILE, "utf8");
    for (const path of ['"/api/attempts"', '"/api/attempts/{id}"', '"/api/problems/{slug}/notes"'])
      expect(committed).toContain(path);
    expect(committed).toMatch(/attemptedAt: string;/);
    expect(committed).toMatch(/updatedAt: string;/);
  });
});

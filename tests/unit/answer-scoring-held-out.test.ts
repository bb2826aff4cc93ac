// The held-out third of the labeled answers (tests/fixtures/interview/scoring/held-out.json), written before
// the scorer was changed and never used to tune it. Its numbers are the honest estimate of the offline
// scorer's accuracy (docs/decisions/0009); the thresholds are floors, not targets.
import { describe, expect, it } from "vitest";
import { readLabeled, scoreLabeled } from "../helpers/labeled-answers.js";

describe("agreement with the held-out labeled answers", () => {
  const result = scoreLabeled(readLabeled("held-out"));
  it("holds a third of the labeled set", () => {
    const dev = readLabeled("dev").length;
    expect(result.scored.length + dev).toBeGreaterThanOrEqual(30);
    expect(result.scored.length / (result.scored.length + dev)).toBeCloseTo(1 / 3, 1);
  });
  it("lands within one band of the label for most answers", () => {
    expect(result.withinOne).toBeGreaterThanOrEqual(0.75);
  });
  it("never calls an off-topic or empty answer a hire", () => {
    for (const s of result.scored.filter((x) => x.band.includes("no_hire")))
      expect(s.got.band, s.id).toMatch(/no_hire/);
  });
});

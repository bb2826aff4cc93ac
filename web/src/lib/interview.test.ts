import { describe, expect, it } from "vitest";
import { DEFAULT_EDITOR_PREFS, indentFor } from "./editor-prefs";
import { modeLabel, STAR_ORDER } from "./interview";

describe("interview words", () => {
  it("spells every mode one way", () => {
    expect(["coding", "system_design", "behavioral"].map(modeLabel)).toEqual([
      "Coding",
      "System design",
      "Behavioural",
    ]);
  });
  it("lists STAR in the guide's order", () => {
    expect(STAR_ORDER).toEqual(["situation", "task", "action", "result"]);
  });
  it("indents Python with 4 spaces whatever the preference, other languages with the preference", () => {
    expect(indentFor("python", { ...DEFAULT_EDITOR_PREFS, indentSize: 2 })).toBe(4);
    expect(indentFor("java", { ...DEFAULT_EDITOR_PREFS, indentSize: 2 })).toBe(2);
    expect(indentFor("cpp", DEFAULT_EDITOR_PREFS)).toBe(4);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GLOSSES, glossesFor, withGlosses } from "../../src/memory/glossary.js";

const glossOf = (name: string): string => {
  const entry = GLOSSES.find((g) => g.names.includes(name));
  if (!entry) throw new Error(`no glossary entry names "${name}"`);
  return entry.gloss;
};

const catalogue = JSON.parse(
  readFileSync(new URL("../../src/database/seed-data/roadmap-neetcode.json", import.meta.url), "utf8"),
) as { problems: { title: string }[] };
const titles = [...new Set(catalogue.problems.map((p) => p.title))];

describe("glossesFor matching", () => {
  it("finds a title whatever its case, hyphens, punctuation or spacing", () => {
    const koko = glossOf("Koko Eating Bananas");
    for (const text of [
      "Koko Eating Bananas: binary search on the answer",
      "redid koko-eating-bananas today",
      "KOKO  EATING\nBANANAS!!",
      "https://leetcode.com/problems/koko-eating-bananas/",
      "KokoEatingBananas.java",
    ]) {
      expect(glossesFor(text), text).toContain(koko);
    }
  });

  it("treats singular and plural, and Roman and Arabic numerals, alike", () => {
    expect(glossesFor("merge interval again")).toEqual([glossOf("Merge Intervals")]);
    expect(glossesFor("two heaps for the median")).toEqual([glossOf("heap")]);
    expect(glossesFor("Jump Game 2")).toEqual([glossOf("Jump Game II")]);
    expect(glossesFor("coin change ii")).toEqual([glossOf("Coin Change 2")]);
    expect(glossesFor("Kadane’s algorithm")).toEqual([glossOf("Maximum Subarray")]);
    expect(glossesFor("3 sum and 3sum")).toEqual([glossOf("3Sum")]);
  });

  it("never matches a name inside a longer word", () => {
    expect(glossesFor("cheap offering, offered metadata about a pineapple, heaped triennial stripey dpi")).toEqual([]);
    expect(glossesFor("Stripe")).toEqual([glossOf("Stripe")]);
    expect(glossesFor("offer")).toEqual([glossOf("offer")]);
  });

  it("prefers the longest name at a position", () => {
    expect(glossesFor("LRU cache")).toEqual([glossOf("LRU Cache")]);
    expect(glossesFor("LRU eviction")).toEqual([glossOf("LRU")]);
    expect(glossesFor("a binary search tree")).toEqual([glossOf("BST")]);
    expect(glossesFor("Two Sum II is two pointers, Two Sum is a hash map")).toEqual([
      glossOf("Two Sum II"),
      glossOf("two pointers"),
      glossOf("Two Sum"),
      glossOf("hash map"),
    ]);
  });

  it("lists each gloss once, in the order its name is first mentioned", () => {
    expect(glossesFor("DFS first, then BFS, then DFS again and depth-first search once more")).toEqual([
      glossOf("DFS"),
      glossOf("BFS"),
    ]);
  });

  it("returns nothing for ordinary prose", () => {
    expect(glossesFor("I walked the dog by the river, cooked dinner and read a novel before bed.")).toEqual([]);
    expect(glossesFor("")).toEqual([]);
  });
});

describe("withGlosses", () => {
  const text = "Amazon onsite: Merge Intervals, Daily Temperatures, Gas Station, then LRU Cache";

  it("appends up to four glosses after the text, joined by a dash", () => {
    expect(withGlosses(text)).toBe(
      [text, glossOf("Amazon"), glossOf("onsite"), glossOf("Merge Intervals"), glossOf("Daily Temperatures")].join(
        " — ",
      ),
    );
  });

  it("honours another max, and leaves text without names untouched", () => {
    expect(withGlosses(text, 1)).toBe(`${text} — ${glossOf("Amazon")}`);
    expect(withGlosses(text, 0)).toBe(text);
    expect(withGlosses("nothing to explain here")).toBe("nothing to explain here");
  });
});

describe("glossary data", () => {
  it("has an entry for every title of the catalogue, found by the title alone", () => {
    expect(titles.length).toBe(258);
    const missing = titles.filter((title) => glossesFor(title)[0] !== GLOSSES.find((g) => g.names[0] === title)?.gloss);
    expect(missing).toEqual([]);
  });

  it("gives each catalogue problem a one-sentence gloss of 12 to 25 words", () => {
    const bad = GLOSSES.filter((g) => titles.includes(g.names[0]))
      .map((g) => ({ name: g.names[0], words: g.gloss.split(/\s+/).length, gloss: g.gloss }))
      .filter(({ words, gloss }) => words < 12 || words > 25 || /\.\s/.test(gloss));
    expect(bad).toEqual([]);
  });

  it("has no empty gloss or name, and short glosses for companies and terms", () => {
    for (const g of GLOSSES) {
      expect(g.names.length, g.gloss).toBeGreaterThan(0);
      expect(g.gloss.trim().split(/\s+/).length, g.names[0]).toBeGreaterThanOrEqual(4);
      expect(g.gloss.split(/\s+/).length, g.names[0]).toBeLessThanOrEqual(25);
      for (const name of g.names) expect(name.trim(), g.gloss).not.toBe("");
    }
  });

  it("gives no name to two entries, and every name finds its own entry", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const g of GLOSSES) {
      for (const name of g.names) {
        const key = name.toLowerCase().replace(/[^a-z0-9]/g, "");
        const previous = owner.get(key);
        if (previous !== undefined && previous !== g.names[0]) clashes.push(`${name} (${previous} / ${g.names[0]})`);
        owner.set(key, g.names[0]);
        if (glossesFor(name).join("|") !== g.gloss) clashes.push(`${name} does not find its own gloss`);
      }
    }
    expect(clashes).toEqual([]);
  });
});

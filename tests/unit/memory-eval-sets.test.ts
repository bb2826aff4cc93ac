// The labeled memory sets (tests/fixtures/memory-eval*.json) stay well-formed: every memory and question has the
// shape the harness reads, every label names a memory of the set, a tuning file and its holdout hold the same
// memories and no common question, paraphrase questions share no content word with their memories, and a time
// question's labels fall in the period it names, read in the set's timezone with weeks Monday-Sunday. This reads
// the holdout files only to check their format and labels: no question is searched here, no recall is measured.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MEMORY_KINDS } from "../../src/config/constants.js";
import { type EvalSet, loadEvalSets, paraphraseOverlaps } from "../helpers/memory-eval.js";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => /^memory-eval.*\.json$/.test(f))
  .sort();
const load = (file: string): EvalSet => loadEvalSets([`${dir}${file}`]);
const TYPES = new Set(["lexical", "abbreviation", "paraphrase", "time", "multi", "no-answer", "keyword", "negative"]);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

// ---- reading a time question's period (the forms the sets use), independently of the product's own reading
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
type Day = string; // YYYY-MM-DD on the set's calendar

function localDay(instant: Date, timezone: string): Day {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(instant)
    .slice(0, 10);
}
function day(year: number, month: number, date: number): Day {
  return new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);
}
function addDays(d: Day, n: number): Day {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
/** Monday (0) .. Sunday (6) */
function weekday(d: Day): number {
  return (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
}
const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());

/** The days [first, last] a time question names, or undefined for a form this reader does not know. */
function periodOf(query: string, set: EvalSet): [Day, Day] | undefined {
  const q = query.toLowerCase();
  const today = localDay(new Date(set.now), set.timezone);
  const year = Number(today.slice(0, 4));
  let m = q.match(new RegExp(`week of ${MONTH} (\\d{1,2})\\b`));
  if (m) {
    const d = day(year, monthIndex(m[1]), Number(m[2]));
    const monday = addDays(d, -weekday(d));
    return [monday, addDays(monday, 6)];
  }
  m = q.match(new RegExp(`between ${MONTH} (\\d{1,2}) and ${MONTH} (\\d{1,2})\\b`));
  if (m) return [day(year, monthIndex(m[1]), Number(m[2])), day(year, monthIndex(m[3]), Number(m[4]))];
  m = q.match(new RegExp(`\\b${MONTH} (\\d{1,2}) ?[-–] ?(\\d{1,2})\\b`));
  if (m) return [day(year, monthIndex(m[1]), Number(m[2])), day(year, monthIndex(m[1]), Number(m[3]))];
  m = q.match(new RegExp(`since the (?:start|beginning) of ${MONTH}\\b`));
  if (m) return [day(year, monthIndex(m[1]), 1), today];
  if (/\bthis month\b/.test(q)) return [`${today.slice(0, 7)}-01`, today];
  if (/\blast weekend\b/.test(q)) {
    const saturday = addDays(today, -weekday(today) - 2);
    return [saturday, addDays(saturday, 1)];
  }
  m = q.match(new RegExp(`\\bin ${MONTH}\\b`));
  if (m) {
    const i = monthIndex(m[1]);
    return [day(year, i, 1), addDays(day(year, i + 1, 1), -1)];
  }
  m = q.match(/before my ([a-z ]+?)\??$/);
  if (m) {
    // the day the learner's own memory gives the event, e.g. "phone screen is booked for Thursday, Oct 1"
    const event = m[1].trim();
    const dated = set.memories
      .map((mem) => mem.text.toLowerCase().match(new RegExp(`${event}\\b.*?\\b${MONTH} (\\d{1,2})\\b`)))
      .filter((x): x is RegExpMatchArray => x !== null);
    if (dated.length !== 1) return undefined;
    return ["0000-01-01", addDays(day(year, monthIndex(dated[0][1]), Number(dated[0][2])), -1)];
  }
  return undefined;
}

describe.each(files)("labeled memory set %s", (file) => {
  const set = load(file);
  const keys = new Set(set.memories.map((m) => m.key));

  it("has a description, a fixed now and a real timezone", () => {
    expect(typeof set.description).toBe("string");
    expect(set.now).toMatch(ISO);
    expect(() => new Intl.DateTimeFormat("en-US", { timeZone: set.timezone })).not.toThrow();
  });

  it("holds memories with unique keys and texts, a known kind, and a date before now", () => {
    expect(set.memories.length).toBeGreaterThan(0);
    expect(keys.size).toBe(set.memories.length);
    expect(new Set(set.memories.map((m) => m.text)).size).toBe(set.memories.length);
    for (const m of set.memories) {
      expect(m.key, JSON.stringify(m)).toMatch(/^\S+$/);
      expect(MEMORY_KINDS, m.key).toContain(m.kind);
      expect(m.createdAt, m.key).toMatch(ISO);
      expect(Date.parse(m.createdAt), m.key).toBeLessThan(Date.parse(set.now));
      expect(m.text.trim().length, m.key).toBeGreaterThan(0);
    }
  });

  it("asks questions of known kinds whose labels are memories of the set, empty only for no-answer", () => {
    expect(set.queries.length).toBeGreaterThan(0);
    for (const q of set.queries) {
      expect(TYPES, q.query).toContain(q.type);
      expect(q.query.trim().length).toBeGreaterThan(0);
      expect(new Set(q.relevant).size, q.query).toBe(q.relevant.length);
      for (const k of q.relevant) expect(keys, `${q.query} → ${k}`).toContain(k);
      const noAnswer = q.type === "no-answer" || q.type === "negative";
      expect(q.relevant.length === 0, q.query).toBe(noAnswer);
    }
    expect(new Set(set.queries.map((q) => q.query)).size).toBe(set.queries.length);
  });

  it("labels a time question only with memories of the period it names, on the set's calendar", () => {
    const unread: string[] = [];
    for (const q of set.queries.filter((x) => x.type === "time")) {
      const period = periodOf(q.query, set);
      if (!period) {
        unread.push(q.query);
        continue;
      }
      for (const k of q.relevant) {
        const m = set.memories.find((x) => x.key === k)!;
        const d = localDay(new Date(m.createdAt), set.timezone);
        expect(d >= period[0] && d <= period[1], `${q.query}: ${k} is on ${d}, outside ${period.join("..")}`).toBe(
          true,
        );
      }
    }
    // the second set uses only forms this reader knows, so every one of its labels is checked
    if (file.startsWith("memory-eval-2-")) expect(unread).toEqual([]);
  });

  it("words paraphrase questions with no content word of the memories they should find", () => {
    if (!file.startsWith("memory-eval-2-")) return; // the first sets predate this rule for some questions
    expect(paraphraseOverlaps(set).sharing).toEqual([]);
  });
});

describe("tuning and holdout files", () => {
  const pairs = files
    .filter((f) => f.endsWith("-tuning.json"))
    .map((t) => [t, t.replace(/-tuning\.json$/, "-holdout.json")] as const)
    .filter(([, h]) => files.includes(h));

  it("come in pairs", () => {
    expect(pairs.map(([t]) => t)).toEqual(
      expect.arrayContaining(["memory-eval-tuning.json", "memory-eval-2-tuning.json"]),
    );
  });

  it.each(pairs)("%s and %s hold the same memories, clock and timezone, and share no question", (tuning, holdout) => {
    expect(() => loadEvalSets([`${dir}${tuning}`, `${dir}${holdout}`])).not.toThrow();
    const asked = new Set(load(tuning).queries.map((q) => q.query.toLowerCase()));
    for (const q of load(holdout).queries) expect(asked.has(q.query.toLowerCase()), q.query).toBe(false);
  });
});

describe("the period reader these checks use", () => {
  const set = { now: "2026-11-24T17:00:00Z", timezone: "America/Chicago", memories: [], queries: [] } as EvalSet;
  it("reads weeks Monday-Sunday, ranges, months and periods relative to now", () => {
    expect(periodOf("what did I do the week of Sep 16?", set)).toEqual(["2026-09-14", "2026-09-20"]);
    expect(periodOf("during the week of Oct 19", set)).toEqual(["2026-10-19", "2026-10-25"]);
    expect(periodOf("over the long weekend (Sep 5-7)", set)).toEqual(["2026-09-05", "2026-09-07"]);
    expect(periodOf("trees between Nov 3 and Nov 9", set)).toEqual(["2026-11-03", "2026-11-09"]);
    expect(periodOf("heaps in October", set)).toEqual(["2026-10-01", "2026-10-31"]);
    expect(periodOf("DP since the start of November", set)).toEqual(["2026-11-01", "2026-11-24"]);
    expect(periodOf("mocks this month", set)).toEqual(["2026-11-01", "2026-11-24"]);
    expect(periodOf("what did I do last weekend?", set)).toEqual(["2026-11-21", "2026-11-22"]);
    expect(periodOf("what is a heap?", set)).toBeUndefined();
  });
  it("bounds 'before my …' by the one memory that dates the event", () => {
    const dated = {
      ...set,
      memories: [{ key: "a", kind: "message", createdAt: "2026-09-15T17:30:00Z", text: "Phone screen is on Oct 1." }],
    } as EvalSet;
    expect(periodOf("graphs before my phone screen?", dated)).toEqual(["0000-01-01", "2026-09-30"]);
    expect(periodOf("graphs before my onsite?", dated)).toBeUndefined();
  });
});

// Scores a file of labeled interview answers with the offline scorer and measures agreement with the
// labels: band exact, band within one step, and the missing parts exactly right.
import { readFileSync } from "node:fs";
import { readQuestionBank } from "../../src/database/seed.js";
import { scoreBehavioral } from "../../src/services/interviews/behavioral-scoring.js";
import { scoreDesign } from "../../src/services/interviews/design-scoring.js";
import { BANDS, type Band } from "../../src/services/interviews/rubric.js";

export interface LabeledAnswer {
  id: string;
  mode: "behavioral" | "system_design";
  question: string;
  band: Band;
  missing: string[];
  answer: string;
}

export interface Scored extends LabeledAnswer {
  got: { band: Band; missing: string[]; overall: number };
}

export function readLabeled(name: "dev" | "held-out"): LabeledAnswer[] {
  const url = new URL(`../fixtures/interview/scoring/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { answers: LabeledAnswer[] }).answers;
}

export function scoreLabeled(answers: LabeledAnswer[]): {
  scored: Scored[];
  exact: number;
  withinOne: number;
  missingExact: number;
} {
  const bank = new Map(readQuestionBank().map((q) => [q.slug, q]));
  const scored = answers.map((a) => {
    const q = bank.get(a.question);
    if (!q) throw new Error(`${a.id}: no question ${a.question}`);
    const content = q.content as { category?: string; keyConcepts?: string[] };
    if (a.mode === "behavioral") {
      const r = scoreBehavioral(a.answer, { title: q.title, prompt: q.prompt, category: content.category });
      return { ...a, got: { band: r.band, missing: r.star.missing, overall: r.overall } };
    }
    const r = scoreDesign(a.answer, { title: q.title, prompt: q.prompt, keyConcepts: content.keyConcepts });
    return { ...a, got: { band: r.band, missing: r.coverage.missing, overall: r.overall } };
  });
  const share = (f: (s: Scored) => boolean) => scored.filter(f).length / scored.length;
  const same = (x: string[], y: string[]) => [...x].sort().join() === [...y].sort().join();
  return {
    scored,
    exact: share((s) => s.got.band === s.band),
    withinOne: share((s) => Math.abs(BANDS.indexOf(s.got.band) - BANDS.indexOf(s.band)) <= 1),
    missingExact: share((s) => same(s.got.missing, s.missing)),
  };
}

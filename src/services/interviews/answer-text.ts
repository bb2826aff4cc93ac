// Reading a written interview answer: its sentences, the parts a candidate labelled ("Situation:", "S -",
// "API:"), numbers with units, and word overlap with the question. Shared by the behavioural and the
// system-design scorers; pure functions.

export interface LabelledPart {
  part: string;
  /** the text after the label, up to the next label */
  text: string;
}

/** Splits on sentence ends and line breaks; keeps decimals ("0.02 %") and abbreviations like "e.g." whole. */
export function sentences(text: string): string[] {
  return text
    .replace(/\b(e\.g|i\.e|etc|vs)\./gi, (m) => m.replace(/\./g, "\u2024"))
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])|\n+/)
    .map((s) => s.replace(/\u2024/g, ".").trim())
    .filter((s) => /\w/.test(s));
}

/**
 * Finds explicit labels at the start of a line or sentence: a word or phrase from `labels` (or its single
 * capital letter when `letters` maps it) followed by ":", "-", "–" or "—". Returns the labelled parts in
 * the order written; text before the first label is not part of any.
 */
export function labelledParts(
  text: string,
  labels: Record<string, string>,
  letters: Record<string, string> = {},
): LabelledPart[] {
  const words = Object.keys(labels)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"))
    .join("|");
  const letterAlternatives = Object.keys(letters).join("");
  const pattern = new RegExp(
    `(?:^|\\n|[.!?;]\\s+)\\s*(?:[-*•]\\s*|#+\\s*|\\d+[.)]\\s*)?\\**(?:(${words})\\**\\s*(?::|\\s[-–—]\\s?|[–—])${letterAlternatives ? `|([${letterAlternatives}])\\s*(?::|\\s?[-–—]\\s)` : ""})`,
    "gi",
  );
  const hits: { part: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(pattern)) {
    const part = m[1] ? labels[m[1].toLowerCase().replace(/\s+/g, " ")] : m[2] ? letters[m[2]] : undefined;
    // single letters only count in capitals ("S:"), never a stray "a -"
    if (!part || (m[2] && m[2] !== m[2].toUpperCase())) continue;
    hits.push({ part, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return hits.map((h, i) => ({
    part: h.part,
    text: text.slice(h.end, hits[i + 1]?.start ?? text.length).trim(),
  }));
}

/** Figures a reader can check: 40%, 0.02 %, 180 ms, 3x, $2k, 2.4 s, 15 migrations, 2,300 signups. */
const METRIC =
  /(?:[$€£]\s?\d[\d,.]*\s?[kmb]?\b|\b\d[\d,.]*\s?(?:%|percent\b|ms\b|s\b|sec(?:onds?)?\b|min(?:utes?)?\b|hours?\b|h\b|days?\b|weeks?\b|months?\b|years?\b|x\b|×|times\b|k\b|m\b|gb\b|tb\b|mb\b|qps\b|rps\b|\/s\b|per\s+(?:second|day|month)|users?\b|customers?\b|requests?\b|tickets?\b|signups?\b|errors?\b|bugs?\b|incidents?\b|[a-z]+s\b))/gi;

export function metrics(text: string): string[] {
  return [...text.matchAll(METRIC)].map((m) => m[0].trim());
}

const STOP = new Set(
  "a an the and or but of to in on at for with about from by as is are was were be been being it its this that these those you your yours i me my we our us they them their he she his her tell describe time had have has do did done what when where which who how why would could should will can any some one more most very really just also than then there here so not no yes".split(
    " ",
  ),
);

/** A crude stem: lower case, first six letters, so "conflicts"/"conflicting" and "requirement(s)" meet. */
export function stem(word: string): string {
  return word
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 6);
}

export function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? []) {
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(stem(w));
  }
  return out;
}

/** The sentence of `text` around a match, trimmed for a report line. */
export function quoteAround(text: string, index: number, max = 160): string {
  const before = text.lastIndexOf("\n", index);
  const startSentence = Math.max(before, ...[". ", "! ", "? "].map((p) => text.lastIndexOf(p, index)));
  const start = startSentence < 0 ? 0 : startSentence + 1;
  const ends = ["\n", ". ", "! ", "? "].map((p) => text.indexOf(p, index)).filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) + 1 : text.length;
  const quote = text.slice(start, end).replace(/\s+/g, " ").trim();
  return quote.length > max ? `${quote.slice(0, max - 1)}…` : quote;
}

/** True when `quote` appears in `text`, ignoring case, spacing and a trailing ellipsis. */
export function quotedFrom(text: string, quote: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[\s"'“”‘’]+/g, " ")
      .trim();
  const q = norm(quote.replace(/…$|\.\.\.$/, ""));
  return q.length >= 8 && norm(text).includes(q);
}

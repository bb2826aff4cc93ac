// The built-in embedder: deterministic, no download, no network. A text becomes weighted features —
// domain concepts (every spelling of "dynamic programming" is one feature), stemmed words, word bigrams
// and character n-grams — hashed with a sign bit into 384 dimensions (the "hashing trick") and
// L2-normalised. Unrelated texts land near cosine 0 (σ ≈ 1/√384 ≈ 0.05); shared words and concepts pull
// texts together. It understands the field's abbreviations but not paraphrase; a real model does better.
import { CONCEPTS } from "./domain-vocabulary.js";

export const OFFLINE_MODEL_ID = "offline-hash-v1";

const WEIGHT_CONCEPT = 2;
const WEIGHT_RELATED = 1;
const WEIGHT_WORD = 1;
const WEIGHT_BIGRAM = 0.5;
const HASHES = 3;
/** total weight of one word's character n-grams (spread over them) */
const WEIGHT_CHARS = 0.6;

export const STOPWORDS = new Set(
  (
    "a an the and or but if then else of to in on at by for with from into onto about above below over under " +
    "again further once here there when where why how all any both each few more most other some such no nor " +
    "not only own same so than too very can will just should now i me my myself we our ours you your yours he " +
    "him his she her it its they them their what which who whom this that these those am is are was were be " +
    "been being have has had having do does did doing would could ought im ive id youre dont didnt doesnt isnt " +
    "wasnt cant wont shouldnt also as up down out off get got getting go going went gone let lets like really " +
    "thing things stuff tell told say said anything something everything ever u ur pls please thanks thank"
  ).split(" "),
);

/** Lower-case, accents removed, contractions and symbol-words (c++, c#) rewritten, so variants agree. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/c\+\+/g, " cpp ")
    .replace(/c#/g, " csharp ")
    .replace(/[’`]/g, "'")
    .replace(/n't\b/g, " not")
    .replace(/'(ll|re|ve|d|m|s)\b/g, "")
    .replace(/'/g, "");
}

/** A light stemmer: plurals, -ing, -ed, -ly, -ness, so "pointers"/"pointer" and "struggled"/"struggle" meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /^\d/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("es") && /(x|ch|sh|ss|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ed") && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith("ness") && w.length > 6) w = w.slice(0, -4);
  // "memoize"/"memoized" and "solve"/"solved" agree once a trailing e is gone
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/** Words of a text, normalised and stemmed, stopwords kept (concept phrases such as "union by rank" need them). */
export function tokenize(text: string): string[] {
  return (normaliseText(text).match(/[a-z0-9]+/g) ?? []).map(stem);
}

interface CompiledVariant {
  tokens: string[];
  concept: number;
}

/** first token → variants starting with it, longest first */
function compileConcepts(): Map<string, CompiledVariant[]> {
  const index = new Map<string, CompiledVariant[]>();
  CONCEPTS.forEach((concept, conceptIndex) => {
    for (const variant of concept.variants) {
      const tokens = tokenize(variant);
      if (tokens.length === 0) continue;
      const list = index.get(tokens[0]) ?? [];
      list.push({ tokens, concept: conceptIndex });
      index.set(tokens[0], list);
    }
  });
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
}

const CONCEPT_INDEX = compileConcepts();
const CONCEPT_IDS = new Map(CONCEPTS.map((c) => [c.id, c]));

export type Unit = { kind: "concept"; id: string } | { kind: "word"; text: string };

/** The text as a sequence of concepts (longest phrase match first) and remaining content words. */
export function analyse(text: string): Unit[] {
  const tokens = tokenize(text);
  const units: Unit[] = [];
  for (let i = 0; i < tokens.length; ) {
    const match = CONCEPT_INDEX.get(tokens[i])?.find((v) => v.tokens.every((t, j) => tokens[i + j] === t));
    if (match) {
      units.push({ kind: "concept", id: CONCEPTS[match.concept].id });
      i += match.tokens.length;
      continue;
    }
    if (!STOPWORDS.has(tokens[i]) && (tokens[i].length > 1 || /\d/.test(tokens[i]))) {
      units.push({ kind: "word", text: tokens[i] });
    }
    i++;
  }
  return units;
}

/** 32-bit FNV-1a. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A second, independent bit for the sign (murmur3's finaliser on the first hash). */
function signOf(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x & 1 ? 1 : -1;
}

/** Weighted features of a text; repeated features grow sub-linearly (1 + ln count). */
export function features(text: string): Map<string, number> {
  const units = analyse(text);
  const counts = new Map<string, { weight: number; count: number }>();
  const add = (key: string, weight: number) => {
    const entry = counts.get(key);
    if (entry) {
      entry.count++;
      entry.weight = Math.max(entry.weight, weight);
    } else counts.set(key, { weight, count: 1 });
  };
  const unitKey = (u: Unit) => (u.kind === "concept" ? `c:${u.id}` : `w:${u.text}`);
  units.forEach((unit, i) => {
    if (unit.kind === "concept") {
      add(`c:${unit.id}`, WEIGHT_CONCEPT);
      for (const related of CONCEPT_IDS.get(unit.id)?.related ?? []) add(`c:${related}`, WEIGHT_RELATED);
    } else {
      add(`w:${unit.text}`, WEIGHT_WORD);
      const padded = `<${unit.text}>`;
      if (unit.text.length >= 4) {
        const grams: string[] = [];
        for (const n of [3, 4]) for (let j = 0; j + n <= padded.length; j++) grams.push(`g:${padded.slice(j, j + n)}`);
        const each = WEIGHT_CHARS / Math.sqrt(grams.length);
        for (const g of grams) add(g, each);
      }
    }
    if (i > 0) add(`b:${unitKey(units[i - 1])}|${unitKey(unit)}`, WEIGHT_BIGRAM);
  });
  const result = new Map<string, number>();
  for (const [key, { weight, count }] of counts) result.set(key, weight * (1 + Math.log(count)));
  return result;
}

export class OfflineEmbedder {
  readonly provider = "offline" as const;
  readonly model = OFFLINE_MODEL_ID;
  /** cosine similarity below which a vector hit is noise (calibrated on tests/fixtures/memory-eval.json) */
  readonly similarityFloor = 0.2;

  constructor(readonly dimensions = 384) {}

  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    let feats = features(text);
    if (feats.size === 0) {
      // only stopwords (or nothing): embed the raw words so the vector is not all zeros
      feats = new Map((normaliseText(text).match(/[a-z0-9]+/g) ?? ["<empty>"]).map((w) => [`w:${w}`, 1]));
    }
    // each feature lands in HASHES signed slots with weight/√HASHES: a chance collision with an unrelated
    // feature then moves the similarity a third as much, which matters most for one-word questions
    for (const [key, weight] of feats) {
      for (let k = 0; k < HASHES; k++) {
        const h = fnv1a(k === 0 ? key : `${k}#${key}`);
        vector[h % this.dimensions] += (signOf(h) * weight) / Math.sqrt(HASHES);
      }
    }
    let norm = 0;
    for (const x of vector) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm === 0) vector[0] = 1;
    else for (let i = 0; i < vector.length; i++) vector[i] /= norm;
    return vector;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }
}

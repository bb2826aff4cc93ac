import { PROBLEM_GLOSSES } from "./glossary-problems.js";
import { COMPANY_GLOSSES, TERM_GLOSSES } from "./glossary-terms.js";

// A plain-English gloss of a name that a general sentence encoder (trained on everyday English in 2018)
// does not know: a LeetCode title, an employer, an interview or study term. A memory is embedded with the
// glosses of the names it mentions appended, so a later question in everyday words can find it.
export interface Gloss {
  names: string[];
  gloss: string;
}

/** Part of the model id of vectors embedded with glosses: a new glossary is a new model (reindex). */
export const GLOSSARY_VERSION = "gloss1";

export const GLOSSES: Gloss[] = [...PROBLEM_GLOSSES, ...COMPANY_GLOSSES, ...TERM_GLOSSES];

// Roman numerals as written in titles ("Jump Game II") and the digits people write instead ("Jump Game 2").
// A lone "i" becomes "1" too ("Next Greater Element I" = "... 1"), so the pronoun can only meet names holding a 1.
const ROMAN = new Map([
  ["i", "1"],
  ["ii", "2"],
  ["iii", "3"],
  ["iv", "4"],
  ["vii", "7"],
]);

// Plural and singular meet ("Merge Interval" finds "Merge Intervals"); both sides are reduced the same way, so
// the reduction only has to be consistent, not linguistically right. "tries" → "try" keeps the verb off "trie".
function stem(token: string): string {
  if (token.length <= 3) return token;
  if (token.endsWith("ies")) return `${token.slice(0, -3)}y`;
  if (token.endsWith("s") && !token.endsWith("ss") && !token.endsWith("us") && !token.endsWith("is")) {
    return token.slice(0, -1);
  }
  return token;
}

// Letters and digits only, split where letters meet digits ("3Sum" = "3 sum", "L5" = "l 5"); apostrophes
// vanish ("Kadane's" = "kadanes") and accents are dropped.
function rawTokens(text: string): string[] {
  const lower = text.toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range test is the point
  const folded = /[^\x00-\x7f]/.test(lower) ? lower.normalize("NFKD").replace(/[\u0300-\u036f’]/g, "") : lower;
  return folded.replace(/'/g, "").match(/[a-z]+|[0-9]+/g) ?? [];
}

function normalToken(raw: string): string {
  return ROMAN.get(raw) ?? stem(raw);
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entry: number;
}

const newNode = (): TrieNode => ({ next: new Map(), entry: -1 });

// Every name is indexed by its token sequence, and a multi-word name also by its letters run together, so
// "KokoEatingBananas" and "onsite" meet "Koko Eating Bananas" and "on site". Two entries claiming one key is
// a data error in the tables above, reported at load rather than resolved by order.
function buildIndex(glosses: Gloss[]): TrieNode {
  const root = newNode();
  const insert = (tokens: string[], entry: number, name: string) => {
    let node = root;
    for (const token of tokens) {
      let child = node.next.get(token);
      if (!child) {
        child = newNode();
        node.next.set(token, child);
      }
      node = child;
    }
    if (node.entry !== -1 && node.entry !== entry) {
      throw new Error(`glossary name "${name}" is also a name of "${glosses[node.entry].names[0]}"`);
    }
    node.entry = entry;
  };
  glosses.forEach((gloss, entry) => {
    for (const name of gloss.names) {
      const raw = rawTokens(name);
      if (raw.length === 0) throw new Error(`glossary name "${name}" has no letters or digits`);
      insert(raw.map(normalToken), entry, name);
      const joined = raw.join("");
      if (raw.length > 1 && joined.length >= 6 && /^[a-z]+$/.test(joined)) insert([stem(joined)], entry, name);
    }
  });
  return root;
}

const INDEX = buildIndex(GLOSSES);

// Indexes into GLOSSES of the names mentioned in text, in order of first mention; at each position the
// longest name wins, so "LRU cache" is the problem and not the eviction rule.
// With `nested`, also the shorter names a longer one starts with ("LRU" in "LRU Cache").
function mentionedEntries(text: string, nested = false): number[] {
  const tokens = rawTokens(text).map(normalToken);
  const found: number[] = [];
  let i = 0;
  while (i < tokens.length) {
    let node: TrieNode | undefined = INDEX;
    let entry = -1;
    let end = i;
    for (let j = i; j < tokens.length; j++) {
      node = node.next.get(tokens[j]);
      if (!node) break;
      if (node.entry !== -1) {
        if (nested && entry !== -1 && !found.includes(entry)) found.push(entry);
        entry = node.entry;
        end = j;
      }
    }
    if (entry === -1) {
      i++;
    } else {
      if (!found.includes(entry)) found.push(entry);
      i = end + 1;
    }
  }
  return found;
}

/**
 * Which glossary entries (problem titles, employers, interview and study terms) text names, as indexes into
 * GLOSSES; two spellings of one name ("MST", "minimum spanning tree") are one entry, and a name inside a
 * longer one counts ("LRU Cache" names the problem and the eviction rule "LRU").
 */
export function namedEntries(text: string): number[] {
  return mentionedEntries(text, true);
}

/** The glosses of the names mentioned in text, each once, in the order first mentioned. */
export function glossesFor(text: string): string[] {
  return mentionedEntries(text).map((entry) => GLOSSES[entry].gloss);
}

/** text followed by the glosses of up to max of the names it mentions, joined with " — ". */
export function withGlosses(text: string, max = 4): string {
  const glosses = glossesFor(text).slice(0, Math.max(0, max));
  return glosses.length === 0 ? text : [text, ...glosses].join(" — ");
}

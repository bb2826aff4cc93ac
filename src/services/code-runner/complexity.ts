// A static complexity estimate from the source text: loop nesting, recursion, sorting, halving loops.
// Heuristic by design (no parsing): it reads code the way an interviewer skims it and says why.
import type { Language } from "./types.js";

export interface ComplexityEstimate {
  time: string;
  loopDepth: number;
  recursion: boolean;
  /** recursion with two or more self-calls per frame and no memo */
  branchingRecursion: boolean;
  memoized: boolean;
  sorting: boolean;
  halving: boolean;
  reasons: string[];
}

function stripCommentsAndStrings(code: string, language: Language): string {
  let text = code;
  if (language === "python") {
    text = text.replace(/("""|''')[\s\S]*?\1/g, '""').replace(/#.*$/gm, "");
  } else {
    text = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  }
  return text.replace(/"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g, '""');
}

function braceLoopDepth(text: string): number {
  // Each open block records how many loops it opens (a `for` header followed directly by another loop and a
  // single-statement body counts both).
  const stack: number[] = [];
  let pending = 0;
  let parens = 0;
  let max = 0;
  const tokens = text.match(/\bfor\b|\bwhile\b|\.forEach\b|\.map\b|\.reduce\b|\.filter\b|[{}();]/g) ?? [];
  const depth = () => stack.reduce((a, b) => a + b, 0);
  for (const token of tokens) {
    if (token === "for" || token === "while" || token.startsWith(".")) {
      pending++;
      parens = 0;
    } else if (token === "(") parens++;
    else if (token === ")") parens--;
    else if (token === "{") {
      // parens 1: a callback's body inside `.map((x) => {`
      if (pending > 0 && parens <= 1) {
        stack.push(pending);
        pending = 0;
      } else stack.push(0);
      max = Math.max(max, depth());
    } else if (token === "}") stack.pop();
    else if (token === ";" && pending > 0 && parens <= 0) {
      max = Math.max(max, depth() + pending);
      pending = 0;
    }
  }
  return max;
}

function pythonLoopDepth(text: string): number {
  const stack: { indent: number; loop: boolean }[] = [];
  let max = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    const trimmed = line.trim();
    const isLoop = /^(for|while)\b.*:\s*$/.test(trimmed) || /^(async\s+)?for\b/.test(trimmed);
    const comprehension = (trimmed.match(/[[({][^\])}]*\bfor\b/g) ?? []).length;
    const depth = stack.filter((s) => s.loop).length;
    max = Math.max(max, depth + (isLoop ? 1 : 0) + comprehension);
    if (trimmed.endsWith(":")) stack.push({ indent, loop: isLoop });
  }
  return max;
}

export function estimateComplexity(code: string, language: Language, functionName?: string): ComplexityEstimate {
  const text = stripCommentsAndStrings(code, language);
  const loopDepth = language === "python" ? pythonLoopDepth(text) : braceLoopDepth(text);
  const reasons: string[] = [];
  const sorting = /\.sort\(|\bsorted\(|Arrays\.sort|Collections\.sort|\bsort\(|heapq|PriorityQueue|priority_queue/.test(
    text,
  );
  // a heap trimmed back to k elements (push then pop when it grows past k, or nlargest/nsmallest(k, …))
  const boundedHeap =
    /\b(heappushpop|heapreplace|nlargest|nsmallest)\s*\(\s*k\b/.test(text) ||
    /(heap|pq|queue|\bq|\bh|minHeap|maxHeap)\w*\s*(\.size\(\)|\.length|\.size\b)\s*>=?\s*k\b|len\(\s*\w+\s*\)\s*>=?\s*k\b/i.test(
      text,
    );
  const halving = /\bwhile\b/.test(text) && /(>>\s*1|\/\s*2|\/\/\s*2|\bmid\b)/.test(text);
  const memoized = /\bmemo\b|lru_cache|@cache|\bdp\b|\bcache\b|new Map\(|HashMap|unordered_map|\bseen\b/.test(text);

  let recursion = false;
  let branchingRecursion = false;
  const names = new Set<string>();
  if (functionName) names.add(functionName);
  for (const m of text.matchAll(
    /(?:function\s+|def\s+|const\s+|let\s+|var\s+)(\w+)\s*(?:=\s*(?:function|\([^)]*\)\s*=>)|\()/g,
  ))
    names.add(m[1]);
  for (const m of text.matchAll(
    /\b(?:int|long|bool|boolean|void|double|auto|string|String|vector<[^>]*>)\s+(\w+)\s*\(/g,
  ))
    names.add(m[1]);
  for (const name of names) {
    const calls = text.match(new RegExp(`\\b${name}\\s*\\(`, "g"))?.length ?? 0;
    const definitions =
      text.match(new RegExp(`(?:function\\s+|def\\s+|\\s)${name}\\s*\\([^)]*\\)\\s*(?::|\\{|->|:[^=]*\\{)`, "g"))
        ?.length ?? 0;
    if (calls - definitions >= 1 && definitions >= 1) {
      recursion = true;
      const perLine = text.split("\n").some((l) => (l.match(new RegExp(`\\b${name}\\s*\\(`, "g"))?.length ?? 0) >= 2);
      if (calls - definitions >= 2 || perLine) branchingRecursion = true;
    }
  }

  let time: string;
  if (branchingRecursion && !memoized) {
    time = "O(2^n)";
    reasons.push("recursion with more than one self-call per frame and no memoisation: exponential");
  } else if (loopDepth >= 3) {
    time = `O(n^${loopDepth})`;
    reasons.push(`${loopDepth} nested loops`);
  } else if (loopDepth === 2) {
    time = "O(n^2)";
    reasons.push("two nested loops");
  } else if (sorting && boundedHeap) {
    time = "O(n log k)";
    reasons.push("a heap kept at size k: each of the n pushes costs log k");
  } else if (sorting) {
    time = "O(n log n)";
    reasons.push("sorting (or a heap) dominates");
  } else if (loopDepth === 1 && halving) {
    time = "O(log n)";
    reasons.push("one loop that halves its range");
  } else if (loopDepth === 1 || recursion) {
    time = "O(n)";
    reasons.push(recursion ? "recursion visiting each element once (with memo or one self-call)" : "a single loop");
  } else {
    time = "O(1)";
    reasons.push("no loops or recursion");
  }
  if (memoized && recursion) reasons.push("memoisation detected");
  return { time, loopDepth, recursion, branchingRecursion, memoized, sorting, halving, reasons };
}

/** Orders complexity classes so an estimate can be compared with the question's optimum. */
export function complexityRank(bigO: string): number {
  const s = bigO.replace(/\s+/g, "").toLowerCase();
  if (/2\^n|n!/.test(s)) return 7;
  const power = /n\^(\d)/.exec(s);
  if (power) return 3 + Number(power[1]);
  if (/n²|n\*n|n·n|m·n|m\*n|n·m/.test(s)) return 5;
  if (/^o\(log/.test(s)) return 2;
  if (/log/.test(s)) return 4;
  if (/^o\(1/.test(s)) return 1;
  return 3;
}

// The mentor without a language model: deterministic answers from the user's own data for the questions
// that matter most — what to do today, what they said about something, a hint for a problem — and a plain
// statement that no model is configured and how to add one.
import { LLM_SETUP_HINT } from "./llm.js";
import {
  formatDueReviews,
  formatNextProblems,
  formatPlanItems,
  formatStats,
  type LearnerSnapshot,
} from "./snapshot.js";

/** The pattern to reach for, per roadmap topic (ids of src/config/constants.ts TOPIC_IDS). */
export const TOPIC_PATTERNS: Record<string, string> = {
  arrays:
    "Hashing: trade memory for time — a hash map/set of what you have seen (value → index, or counts) turns the O(n²) pair search into one O(n) pass; sort or bucket when order or frequency matters.",
  two_pointers:
    "Two pointers: on a sorted array (or a string read from both ends) move a left and a right pointer towards each other, deciding which to move by comparing with the target; O(n), O(1) space.",
  stack:
    "Stack: push what is still open or unresolved and pop when the current item settles it (matching brackets, a monotonic stack for the next greater/smaller element, evaluating expressions).",
  binary_search:
    "Binary search: on a sorted array — or on the answer itself when a predicate is monotonic (min capacity, min speed) — keep an invariant lo/hi window and halve it; O(log n).",
  sliding_window:
    "Sliding window: grow the right edge, and shrink the left edge while the window breaks the constraint, keeping counts in a map; each index enters and leaves once, O(n).",
  linked_list:
    "Linked list: a dummy head avoids edge cases; slow/fast pointers find the middle or a cycle; reverse in place with prev/curr/next.",
  trees:
    "Trees: recursive DFS returning a value from each subtree (height, sum, validity with bounds), or BFS with a queue level by level; think about what each call must return to its parent.",
  tries:
    "Trie: a tree of characters with an end-of-word flag; insert and search are O(word length); combine with DFS for word search on a board.",
  backtracking:
    "Backtracking: choose, recurse, un-choose — build candidates incrementally (subsets, permutations, combinations) and prune branches that cannot lead to a valid answer.",
  heap: "Heap / priority queue: keep the k best items in a heap of size k (top-k, k-th largest), or two heaps for a running median; O(n log k).",
  graphs:
    "Graphs: BFS for shortest paths in unweighted graphs and grids, DFS (or union-find) for connected components and cycles, topological sort (Kahn's in-degrees) for dependencies.",
  dp_1d:
    "1-D dynamic programming: define dp[i] as the answer for the first i items, write the recurrence from the last choice (take/skip, climb 1 or 2), then keep only the last few values.",
  intervals:
    "Intervals: sort by start, then sweep — merge when the next start ≤ the current end; a min-heap of end times counts overlapping meetings.",
  greedy:
    "Greedy: make the locally best choice that can be proven never to hurt (furthest reach in jump game, the running sum reset in Kadane's algorithm); prove it with an exchange argument.",
  adv_graphs:
    "Advanced graphs: Dijkstra with a min-heap for weighted shortest paths, Prim/Kruskal (union-find) for minimum spanning trees, Bellman-Ford when edges can be negative or stops are limited.",
  dp_2d:
    "2-D dynamic programming: dp[i][j] over two sequences or a grid (LCS, edit distance, unique paths); fill in dependency order and often compress to one row.",
  bit_manip:
    "Bit manipulation: XOR cancels pairs (single number), n & (n − 1) clears the lowest set bit, shifts and masks count or build bits.",
  math: "Math & geometry: look for the invariant or closed form (modular arithmetic, fast power by squaring), and simulate matrix rotations layer by layer.",
};

export type OfflineIntent =
  | { kind: "today" }
  | { kind: "recall"; subject: string }
  | { kind: "hint"; problem: string }
  | { kind: "general" };

/** What the question asks for, from its wording. */
export function classifyQuestion(question: string): OfflineIntent {
  const text = question.trim();
  const hint = /\bhints?\b\s*(?:for|on|about|with|:)?\s*["'`]?([^"'`?]+?)["'`]?\s*\??$/i.exec(text);
  if (hint?.[1]) return { kind: "hint", problem: hint[1].trim() };
  const recall =
    /\bwhat\s+(?:did|have)\s+i\s+(?:say|said|write|written|note|noted|tell|told|mention|mentioned)(?:\s+you)?\s+(?:about|on|regarding)\s+(.+?)\s*\??$/i.exec(
      text,
    ) ?? /\b(?:do you remember|did i (?:ever )?mention|remind me what i said about)\s+(.+?)\s*\??$/i.exec(text);
  if (recall?.[1]) return { kind: "recall", subject: recall[1].trim() };
  if (
    /\b(today|tonight|this morning|right now)\b/i.test(text) ||
    /\bwhat\s+(?:should|shall|do)\s+i\s+(?:do|practi[cs]e|work on|study|solve)\b/i.test(text) ||
    /\b(plan my day|what next|what's next|where do i start)\b/i.test(text)
  )
    return { kind: "today" };
  return { kind: "general" };
}

export interface CitedMemory {
  id: number;
  text: string;
  kind: string;
  /** ISO date-time */
  createdAt: string;
}

export interface HintProblem {
  slug: string;
  title: string;
  difficulty: string;
  topics: { id: string; name: string }[];
}

export interface OfflineInputs {
  question: string;
  intent: OfflineIntent;
  snapshot: LearnerSnapshot;
  memories: CitedMemory[];
  /** the problem a hint is for, when it was found */
  problem?: HintProblem;
  /** why the model is not answering: not configured (undefined) or the error it gave */
  llmError?: string;
}

const day = (iso: string) => iso.slice(0, 10);
const quote = (text: string, max = 280) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function offlineNotice(llmError?: string): string {
  return llmError
    ? `The language model could not answer (${llmError}), so this is the offline mentor's answer from your data.`
    : `No language model is configured, so this is the offline mentor's answer from your data. To get full answers, ${LLM_SETUP_HINT.charAt(0).toLowerCase()}${LLM_SETUP_HINT.slice(1)}`;
}

function todayAnswer(snapshot: LearnerSnapshot): string {
  const parts: string[] = [`Plan for ${snapshot.today}:`];
  parts.push(
    snapshot.dueReviews.length > 0
      ? `1. Reviews due (${snapshot.dueReviews.length}), most likely forgotten first:\n${formatDueReviews(snapshot.dueReviews)}`
      : "1. No review is due today.",
  );
  const weakest = snapshot.weaknesses[0];
  parts.push(
    weakest
      ? `2. Weakest topic: ${weakest.name} (score ${Math.round(weakest.score)}/100, ${weakest.severity}). Why: ${weakest.reason}\n   Pattern to practise: ${TOPIC_PATTERNS[weakest.topicId] ?? "review the topic's core pattern."}`
      : "2. No weak topic stands out yet: log a few more attempts so the numbers can show one.",
  );
  // With a study plan, its open items are today's work; the roadmap's picks are for users without one.
  if (snapshot.plan && snapshot.plan.openItems.length > 0)
    parts.push(
      `3. Your plan, week ${snapshot.plan.week} of ${snapshot.plan.weeks}: ${snapshot.plan.openItems.length} open item${snapshot.plan.openItems.length === 1 ? "" : "s"}:\n${formatPlanItems(snapshot.plan.openItems)}`,
    );
  else
    parts.push(
      snapshot.nextProblems.length > 0
        ? `3. Next problems at your level:\n${formatNextProblems(snapshot.nextProblems)}`
        : snapshot.plan
          ? "3. Every item of your plan up to this week is done: start next week's, or a new roadmap problem."
          : "3. No new roadmap problem is lined up for today.",
    );
  return parts.join("\n\n");
}

function recallAnswer(subject: string, memories: CitedMemory[]): string {
  if (memories.length === 0)
    return `I found nothing you said or noted about "${subject}". Tell me now and I will remember it.`;
  const lines = memories
    .slice(0, 5)
    .map((m) => `- On ${day(m.createdAt)} (memory #${m.id}, ${m.kind}): "${quote(m.text)}"`);
  return `Here is what you said about "${subject}":\n${lines.join("\n")}`;
}

function hintAnswer(asked: string, problem: HintProblem | undefined): string {
  if (!problem)
    return `I don't know a problem called "${asked}". Use its slug as in the catalogue (e.g. "hint for two-sum"), or search the catalogue on the Problems page.`;
  const lines = [`Hint for ${problem.title} (\`${problem.slug}\`, ${problem.difficulty}):`];
  if (problem.topics.length === 0) lines.push("It has no topic in the catalogue, so I have no pattern to point to.");
  for (const topic of problem.topics)
    lines.push(`- Topic: ${topic.name}. ${TOPIC_PATTERNS[topic.id] ?? "Review the topic's core pattern."}`);
  lines.push("Try it for 20 minutes with that pattern before looking at a solution.");
  return lines.join("\n");
}

function generalAnswer(question: string, snapshot: LearnerSnapshot, memories: CitedMemory[]): string {
  const parts = [
    'Offline, I can answer three kinds of questions: "what should I do today", "what did I say about <subject>" and "hint for <problem-slug>".',
  ];
  if (memories.length > 0) {
    parts.push(
      `What you told me before that relates to "${quote(question, 80)}":\n${memories
        .slice(0, 3)
        .map((m) => `- On ${day(m.createdAt)} (memory #${m.id}): "${quote(m.text)}"`)
        .join("\n")}`,
    );
  }
  parts.push(`Where you stand:\n${formatStats(snapshot.stats)}`);
  const weakest = snapshot.weaknesses[0];
  if (weakest) parts.push(`Your weakest topic is ${weakest.name}: ${weakest.reason}`);
  return parts.join("\n\n");
}

/** The whole offline answer to the question's intent (after the model's error, when it failed). */
export function composeOfflineAnswer(inputs: OfflineInputs): string {
  const { intent, snapshot, memories } = inputs;
  const body =
    intent.kind === "today"
      ? todayAnswer(snapshot)
      : intent.kind === "recall"
        ? recallAnswer(intent.subject, memories)
        : intent.kind === "hint"
          ? hintAnswer(intent.problem, inputs.problem)
          : generalAnswer(inputs.question, snapshot, memories);
  // "No model is configured" is said once, by the page (the done event carries offline: true), not in
  // every reply; a model that failed is news each time, so that notice stays in the answer.
  return inputs.llmError ? `${offlineNotice(inputs.llmError)}\n\n${body}` : body;
}

/** A failing test case of a submission, as the runner reports it. */
export interface TestFailure {
  problem?: string;
  input?: unknown;
  expected?: unknown;
  actual?: unknown;
  /** a runtime or compile error message, when the code crashed */
  error?: string;
}

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 299)}…` : text;
};
const typeName = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** What a deterministic comparison of expected and actual can tell (no model needed). */
export function diagnoseFailure(failure: TestFailure): string[] {
  const { expected, actual, error } = failure;
  const notes: string[] = [];
  if (error) {
    notes.push(`Your code stopped with an error: ${error.split("\n")[0]}`);
    const line = /line (\d+)/i.exec(error)?.[1];
    if (line) notes.push(`Look at line ${line} first.`);
    return notes;
  }
  if (actual === undefined || actual === null) {
    notes.push("Your function returned nothing: check that every path ends with a return of the result.");
  } else if (typeName(actual) !== typeName(expected)) {
    notes.push(`It returned a ${typeName(actual)} where a ${typeName(expected)} is expected.`);
  } else if (Array.isArray(actual) && Array.isArray(expected)) {
    const sorted = (a: unknown[]) => a.map((x) => JSON.stringify(x)).sort();
    if (actual.length !== expected.length)
      notes.push(
        `It returned ${actual.length} element(s) where ${expected.length} are expected: check the loop bounds and what you skip or add twice.`,
      );
    else if (JSON.stringify(sorted(actual)) === JSON.stringify(sorted(expected)))
      notes.push("It has the right elements in a different order: check the order the problem asks for.");
    else notes.push("Same length, different elements: trace the input by hand and compare step by step.");
  } else if (typeof actual === "number" && typeof expected === "number") {
    const diff = actual - expected;
    notes.push(
      Math.abs(diff) === 1
        ? "It is off by one: check the loop bounds (< or <=) and the base case."
        : `It is off by ${diff}: trace the input by hand to see where the count or sum goes wrong.`,
    );
  } else if (typeof actual === "boolean") {
    notes.push("It returned the opposite answer: check the condition that decides it, and the empty/edge input.");
  }
  return notes;
}

export function explainFailureOffline(
  failure: TestFailure,
  problem: HintProblem | undefined,
  llmError?: string,
): string {
  const lines = [
    offlineNotice(llmError),
    "",
    `Failing test: input ${show(failure.input)}`,
    `- expected: ${show(failure.expected)}`,
    `- your code: ${failure.error ? "an error" : show(failure.actual)}`,
    ...diagnoseFailure(failure).map((note) => `- ${note}`),
  ];
  if (problem?.topics.length)
    lines.push(
      "",
      `The usual approach for ${problem.title}: ${TOPIC_PATTERNS[problem.topics[0].id] ?? problem.topics[0].name}`,
    );
  return lines.join("\n");
}

// What a run is asked to do and what it reports. Shared by the runner, its language adapters, the interview
// service and every transport.
export const LANGUAGES = ["javascript", "typescript", "python", "java", "cpp"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Short names users type (`--language js`). */
export const LANGUAGE_ALIASES: Record<string, Language> = {
  js: "javascript",
  javascript: "javascript",
  node: "javascript",
  ts: "typescript",
  typescript: "typescript",
  py: "python",
  python: "python",
  python3: "python",
  java: "java",
  cpp: "cpp",
  "c++": "cpp",
  cxx: "cpp",
};

/**
 * Language-neutral parameter and return types of the bank's problems. `list<…>` is a Java `List`
 * (a `vector` in C++, an array elsewhere); `T[]` is a Java array. ListNode and TreeNode use LeetCode's
 * array forms: `[1,2,3]` and the level order with nulls.
 */
export const VALUE_TYPES = [
  "int",
  "long",
  "double",
  "bool",
  "string",
  "int[]",
  "int[][]",
  "string[]",
  "string[][]",
  "char[][]",
  "list<int>",
  "list<string>",
  "list<list<int>>",
  "list<list<string>>",
  "ListNode",
  "TreeNode",
  "void",
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export interface Param {
  name: string;
  type: ValueType;
}

/** A function to call: `twoSum(nums, target)`, as a free function or a method of `class Solution`. */
export interface FunctionSignature {
  kind: "function";
  name: string;
  params: Param[];
  returns: ValueType;
}

/**
 * A class to drive with LeetCode's operations form: args = [["LRUCache","put","get"], [[2],[1,1],[1]]],
 * output = [null, null, 1] (null for the constructor and void methods).
 */
export interface DesignSignature {
  kind: "design";
  className: string;
  constructorParams: Param[];
  methods: { name: string; params: Param[]; returns: ValueType }[];
}

export type Signature = FunctionSignature | DesignSignature;

/**
 * exact: deep equality; unordered: the top-level array in any order; unordered_deep: every array level in
 * any order (subsets, anagram groups); float: numbers within 1e-5.
 */
export const COMPARE_MODES = ["exact", "unordered", "unordered_deep", "float"] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

export interface TestCase {
  /** argument values in signature order (JSON) */
  args: unknown[];
  /** absent for custom-input runs */
  expected?: unknown;
  /** shown to the user when false; hidden cases report pass/fail only */
  hidden?: boolean;
}

export const VERDICTS = [
  "accepted",
  "wrong_answer",
  "timeout",
  "runtime_error",
  "compile_error",
  "memory_limit",
  "output_limit",
] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface CaseResult {
  index: number;
  status: "passed" | "failed" | "error" | "not_run" | "ran";
  args?: unknown[];
  expected?: unknown;
  actual?: unknown;
  /** what the solution printed during this case (truncated) */
  stdout?: string;
  error?: string;
  timeMs?: number;
}

export interface RunReport {
  verdict: Verdict;
  language: Language;
  passed: number;
  total: number;
  cases: CaseResult[];
  /** compile errors, runtime errors, limits: one line a user can act on */
  error?: { kind: Verdict; message: string; line?: number };
  /** whole run wall-clock, including process start and compilation */
  durationMs: number;
  compileMs?: number;
  /** stderr tail, for diagnosis */
  stderr?: string;
}

export interface RunRequest {
  language: Language;
  code: string;
  signature: Signature;
  cases: TestCase[];
  compare?: CompareMode;
  /** custom input: report what the code returns without judging */
  custom?: boolean;
}

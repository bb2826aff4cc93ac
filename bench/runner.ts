// Runner throughput and the sandbox's cost: a trivial solution against 10 test cases per language, with 1 and
// 4 concurrent sessions, in a bubblewrap sandbox and unsandboxed (RUNNER_SANDBOX=off) in the same run, and the
// C++ compile time with and without the precompiled bits/stdc++.h.
import { loadSettings } from "../src/config/settings.js";
import { CodeRunner } from "../src/services/code-runner/runner.js";
import type { Language, Signature } from "../src/services/code-runner/types.js";
import { printTable, summarize } from "./lib.js";

const signature: Signature = {
  kind: "function",
  name: "add",
  params: [
    { name: "a", type: "int" },
    { name: "b", type: "int" },
  ],
  returns: "int",
};
const cases = Array.from({ length: 10 }, (_, i) => ({ args: [i, i + 1], expected: 2 * i + 1 }));
const SOLUTIONS: Record<Language, string> = {
  javascript: "var add = function(a, b) { return a + b; };",
  typescript: "function add(a: number, b: number): number { return a + b; }",
  python: "class Solution:\n    def add(self, a, b):\n        return a + b",
  java: "class Solution { public int add(int a, int b) { return a + b; } }",
  cpp: "class Solution { public: int add(int a, int b) { return a + b; } };",
};
/** runs per session: compiled languages take seconds a run */
const RUNS: Record<Language, [number, number]> = {
  javascript: [20, 6],
  typescript: [20, 6],
  python: [20, 6],
  java: [5, 2],
  cpp: [5, 2],
};
const SESSIONS = 4;

export async function run(): Promise<void> {
  const settings = loadSettings();
  const options = { ...settings.runner, concurrency: SESSIONS, unsandboxedAllowed: true };
  const sandboxed = new CodeRunner({ ...options, sandbox: "required" });
  const unsandboxed = new CodeRunner({ ...options, sandbox: "off" });
  const withoutHeader = new CodeRunner({ ...options, sandbox: "required" });
  if (sandboxed.capabilities().isolation !== "bwrap") {
    console.log(`no bubblewrap sandbox here: ${sandboxed.capabilities().refusal}`);
    return;
  }
  const headerStart = performance.now();
  await Promise.all([sandboxed.precompileCppHeader(), unsandboxed.precompileCppHeader()]);
  console.log(`precompiled bits/stdc++.h (twice, in parallel) in ${Math.round(performance.now() - headerStart)} ms`);
  const languages = sandboxed
    .languages()
    .filter((l) => l.available)
    .map((l) => l.id);

  const measure = async (runner: CodeRunner, language: Language, sessions: number) => {
    const once = async () => {
      const report = await runner.run({ language, code: SOLUTIONS[language], signature, cases });
      if (report.verdict !== "accepted") throw new Error(`${language}: unexpected verdict ${report.verdict}`);
      return report;
    };
    await once();
    const perSession = RUNS[language][sessions === 1 ? 0 : 1];
    const samples: number[] = [];
    const compiles: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: sessions }, async () => {
        for (let i = 0; i < perSession; i++) {
          const t = performance.now();
          const report = await once();
          samples.push(performance.now() - t);
          if (report.compileMs !== undefined) compiles.push(report.compileMs);
        }
      }),
    );
    return {
      rate: samples.length / ((performance.now() - started) / 1000),
      ...summarize(samples),
      compile: compiles.length ? summarize(compiles).p50 : undefined,
    };
  };

  const rows: Record<string, unknown>[] = [];
  for (const language of languages) {
    for (const sessions of [1, SESSIONS]) {
      // Interleaved in one process, so both modes see the same machine load.
      const off = await measure(unsandboxed, language, sessions);
      const on = await measure(sandboxed, language, sessions);
      rows.push({
        language,
        sessions,
        runs: on.n,
        "bwrap runs/s": on.rate,
        "bwrap p50 ms": on.p50,
        "bwrap p95 ms": on.p95,
        "off runs/s": off.rate,
        "off p50 ms": off.p50,
        "off p95 ms": off.p95,
        "p50 ratio": on.p50 / off.p50,
      });
    }
  }
  printTable(`runner: trivial solution, 10 test cases per run, runner concurrency ${SESSIONS}`, rows);

  if (languages.includes("cpp")) {
    const compile = async (runner: CodeRunner) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const report = await runner.run({ language: "cpp", code: SOLUTIONS.cpp, signature, cases });
        samples.push(report.compileMs ?? Number.NaN);
      }
      return summarize(samples);
    };
    const pch = await compile(sandboxed);
    const plain = await compile(withoutHeader);
    printTable("C++ compile (g++ -std=c++17 -O2, in bwrap), 5 compiles each", [
      { header: "precompiled bits/stdc++.h", "p50 ms": pch.p50, "p95 ms": pch.p95 },
      { header: "none", "p50 ms": plain.p50, "p95 ms": plain.p95 },
    ]);
  }
  for (const runner of [sandboxed, unsandboxed, withoutHeader]) runner.dispose();
}

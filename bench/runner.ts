// Runner throughput: a trivial JavaScript solution against 10 test cases, one at a time and with 4
// concurrent sessions (the runner's concurrency limit applies, as in the server).
import { loadSettings } from "../src/config/settings.js";
import { CodeRunner } from "../src/services/code-runner/runner.js";
import type { Signature } from "../src/services/code-runner/types.js";
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
const code = "var add = function(a, b) { return a + b; };";

export async function run(): Promise<void> {
  const settings = loadSettings();
  const runner = new CodeRunner({ ...settings.runner, unsandboxedAllowed: true });
  const once = async () => {
    const report = await runner.run({ language: "javascript", code, signature, cases });
    if (report.verdict !== "accepted") throw new Error(`unexpected verdict ${report.verdict}`);
  };
  for (let i = 0; i < 3; i++) await once();
  const rows: Record<string, unknown>[] = [];
  for (const sessions of [1, 4]) {
    const perSession = sessions === 1 ? 30 : 10;
    const samples: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: sessions }, async () => {
        for (let i = 0; i < perSession; i++) {
          const t = performance.now();
          await once();
          samples.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const s = summarize(samples);
    rows.push({
      sessions,
      runs: s.n,
      "runs/s": samples.length / seconds,
      "p50 ms": s.p50,
      "p95 ms": s.p95,
      concurrency: settings.runner.concurrency,
      sandbox: runner.capabilities().isolation,
    });
  }
  printTable("runner: trivial JS solution, 10 test cases per run", rows);
}

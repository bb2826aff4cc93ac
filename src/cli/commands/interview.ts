// maang interview run | languages | questions
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { RunReport } from "../../services/code-runner/types.js";
import { problemRunInput, questionsInput } from "../../services/interviews/contract.js";
import { MAX_PAGE_SIZE } from "../../services/shared/pagination.js";
import { action, CliError, globalOptions, output, parseFlags, withContext } from "../runtime.js";

const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? "undefined" : s.length > 120 ? `${s.slice(0, 117)}...` : s;
};

export function formatRunReport(report: RunReport): string {
  const lines = [
    `${report.verdict.toUpperCase().replace("_", " ")}: ${report.passed}/${report.total} tests passed (${report.language}, ${Math.round(report.durationMs)} ms)`,
  ];
  if (report.error) lines.push(`  ${report.error.message}${report.error.line ? ` (line ${report.error.line})` : ""}`);
  for (const c of report.cases) {
    const mark = { passed: "✓", failed: "✗", error: "!", not_run: "-", ran: "·" }[c.status];
    let line = `${mark} test ${c.index + 1}: ${c.status}${c.timeMs !== undefined ? ` ${c.timeMs.toFixed(2)} ms` : ""}`;
    if (c.args) line += `\n    input:    ${show(c.args)}`;
    if (c.status === "failed" || c.status === "ran") {
      if ("expected" in c) line += `\n    expected: ${show(c.expected)}`;
      line += `\n    actual:   ${show(c.actual)}`;
    }
    if (c.error) line += `\n    error:    ${c.error}`;
    if (c.stdout) line += `\n    stdout:   ${show(c.stdout.trimEnd())}`;
    lines.push(line);
  }
  return lines.join("\n");
}

export function registerInterviewCommands(program: Command): void {
  const interview = program.command("interview").description("mock interviews: run code against the question bank");
  interview
    .command("run")
    .description(
      "run a solution file against a problem's tests and print the per-test report (exit 0 when the run happened, whatever the verdict; 1 on usage errors)",
    )
    .requiredOption("--problem <slug>", "coding question slug, e.g. two-sum (see `maang interview questions`)")
    .requiredOption("--language <language>", "js, ts, python, java or cpp")
    .requiredOption("--file <path>", "the solution file")
    .option("--input <json>", "custom input: a JSON array of argument arrays, e.g. '[[[2,7,11,15],9]]'")
    .action(
      action(async (opts: { problem: string; language: string; file: string; input?: string }, command: Command) => {
        let code: string;
        try {
          code = readFileSync(opts.file, "utf8");
        } catch (error) {
          throw new CliError(`cannot read ${opts.file}: ${(error as Error).message}`);
        }
        let inputs: unknown[][] | undefined;
        if (opts.input) {
          try {
            inputs = JSON.parse(opts.input) as unknown[][];
          } catch {
            throw new CliError("--input must be JSON: an array of argument arrays");
          }
        }
        // the same schema as POST /api/interviews/run
        const run = parseFlags(
          problemRunInput,
          { problem: opts.problem, language: opts.language, code, inputs },
          { code: `--file ${opts.file}:`, inputs: "--input" },
        );
        await withContext({ migrate: true, seed: true }, async (ctx) => {
          const report = await ctx.interviews.runProblem({ ...run, revealHidden: true });
          if (globalOptions(command).json) {
            output(
              command,
              {
                verdict: report.verdict,
                passed: report.passed,
                total: report.total,
                language: report.language,
                error: report.error,
                cases: report.cases,
              },
              () => "",
            );
          } else output(command, report, () => formatRunReport(report));
        });
      }),
    );
  interview
    .command("languages")
    .description("languages this machine can run, and the sandbox in use")
    .action(
      action(async (_opts: unknown, command: Command) => {
        await withContext({}, async (ctx) => {
          const info = await ctx.interviews.languages();
          output(command, info, () =>
            [
              ...info.languages.map(
                (l) => `${l.available ? "✓" : "✗"} ${l.id.padEnd(11)} ${l.available ? l.version : "not installed"}`,
              ),
              `sandbox: ${info.sandbox.isolation}${info.sandbox.notes.length ? ` (${info.sandbox.notes.join("; ")})` : ""}`,
              ...(info.sandbox.warning ? [`warning: ${info.sandbox.warning}`] : []),
              ...(info.sandbox.refusal ? [`refused: ${info.sandbox.refusal}`] : []),
            ].join("\n"),
          );
        });
      }),
    );
  interview
    .command("questions")
    .description("list the question bank")
    .option("--mode <mode>", "coding, system_design or behavioral")
    .option("--topic <topic>", "e.g. graphs")
    .option("--difficulty <difficulty>", "easy, medium or hard")
    .option("--company <company>", "e.g. google")
    .action(
      action(
        async (opts: { mode?: string; topic?: string; difficulty?: string; company?: string }, command: Command) => {
          const filter = parseFlags(questionsInput, { ...opts, limit: MAX_PAGE_SIZE });
          await withContext({ migrate: true, seed: true }, async (ctx) => {
            const page = await ctx.interviews.listQuestions(filter);
            output(command, page, () =>
              page.items
                .map(
                  (q) =>
                    `${q.slug.padEnd(40)} ${q.mode.padEnd(14)} ${(q.difficulty ?? "").padEnd(7)} ${q.topics.join(",")}`,
                )
                .join("\n"),
            );
          });
        },
      ),
    );
}

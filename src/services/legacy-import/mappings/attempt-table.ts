// The three legacy tables of solved/attempted problems (training_sessions, user_problem_status,
// problem_mastery) become attempts with review cards: one prefetch of the batch's problems, one insert
// of its attempts, one upsert of its cards.
import { defineTable, skip } from "../pipeline.js";
import type { ProblemRef } from "../run.js";
import type { LegacyRow } from "../sqlite-source.js";
import type { MapContext, TableMapping } from "../types.js";
import { type LegacyAttempt, writeAttempts } from "../writers.js";

export interface AttemptTableSpec {
  table: string;
  /** the legacy column holding the user key */
  userColumn?: string;
  precheck?: (row: LegacyRow) => string | null;
  /** the problem the row is about, or null (then the row is skipped with `noProblem`) */
  problem: (row: LegacyRow, m: MapContext) => ProblemRef | null;
  noProblem: string;
  attempt: (row: LegacyRow, m: MapContext) => Omit<LegacyAttempt, "key" | "userId" | "problemId">;
}

export function attemptTable(spec: AttemptTableSpec): TableMapping {
  return defineTable<undefined, LegacyAttempt>({
    table: spec.table,
    target: "attempts + review cards",
    owner: { column: spec.userColumn ?? "user_id" },
    precheck: spec.precheck,
    async prefetch(rows, m) {
      const refs = [];
      for (const { row, userId } of rows) {
        const ref = spec.problem(row, m);
        if (ref) refs.push({ userId, ref });
      }
      await m.run.prefetchProblems(m.tx, refs);
    },
    async map({ key, userId, row }, m) {
      const ref = spec.problem(row, m);
      const problemId = ref && userId !== null ? await m.run.problemFor(m.tx, userId, ref) : null;
      if (!problemId || userId === null) return skip(spec.noProblem);
      return { key, userId, problemId, ...spec.attempt(row, m) };
    },
    write: (items, m) =>
      writeAttempts(
        m,
        spec.table,
        items.map((i) => i.item),
      ),
  });
}

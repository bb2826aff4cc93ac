// One problem as its page shows it: the catalogue entry, the statement and examples when the interview
// bank has the problem, the user's attempts, note and revisit flag, review card and open plan item.
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "../../config/database.js";
import { NotFoundError } from "../../errors.js";
import type { TestCase } from "../code-runner/types.js";
import type { AttemptView, NoteView, TrackingService } from "../tracking/tracking-service.js";
import type { CardView, TrainingService } from "../training/training-service.js";
import type { CatalogService, ProblemDetail } from "./catalog-service.js";
import { PAGE_ATTEMPTS } from "./contract.js";

export { PAGE_ATTEMPTS };

export interface ProblemStatement {
  /** the interview bank's question, to start a mock on this problem */
  questionSlug: string;
  prompt: string;
  examples: { input: string; output: string; explanation?: string }[];
  constraints: string[];
}

export interface ProblemPage {
  problem: ProblemDetail;
  statement: ProblemStatement | null;
  attempts: AttemptView[];
  attemptsTotal: number;
  note: NoteView | null;
  card: CardView | null;
  openPlanItem: { id: number; week: number } | null;
}

function asNotFound<T>(promise: Promise<T>): Promise<T | null> {
  return promise.catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
}

const show = (value: unknown) => JSON.stringify(value);

/**
 * The statement from a bank question. The bank may carry explicit examples and constraints; when it
 * does not, its visible tests are the examples (they are what a candidate is shown in a mock).
 */
export function statementOf(question: { slug: string; prompt: string; content: unknown }): ProblemStatement {
  const content = (question.content ?? {}) as {
    examples?: { input?: unknown; output?: unknown; explanation?: unknown }[];
    constraints?: unknown;
    tests?: TestCase[];
    signature?: { params?: { name: string }[] };
  };
  const params = content.signature?.params?.map((p) => p.name) ?? [];
  const examples = Array.isArray(content.examples)
    ? content.examples.map((e) => ({
        input: typeof e.input === "string" ? e.input : show(e.input),
        output: typeof e.output === "string" ? e.output : show(e.output),
        ...(typeof e.explanation === "string" ? { explanation: e.explanation } : {}),
      }))
    : (content.tests ?? [])
        .filter((t) => !t.hidden)
        .slice(0, 3)
        .map((t) => ({
          input: (t.args ?? []).map((arg, i) => `${params[i] ?? `arg${i + 1}`} = ${show(arg)}`).join(", "),
          output: show(t.expected),
        }));
  const constraints = Array.isArray(content.constraints) ? content.constraints.map(String) : [];
  return { questionSlug: question.slug, prompt: question.prompt, examples, constraints };
}

export class ProblemPageService {
  constructor(
    private readonly deps: {
      db: Database;
      catalog: CatalogService;
      tracking: TrackingService;
      training: TrainingService;
    },
  ) {}

  async problemPage(userId: number, slug: string): Promise<ProblemPage> {
    const problem = await this.deps.catalog.get(userId, slug);
    const [questions, attempts, note, card, planItems] = await Promise.all([
      queryRows<{ slug: string; prompt: string; content: unknown }>(
        this.deps.db,
        sql`select slug, prompt, content from interview_questions
             where mode = 'coding' and (slug = ${problem.slug} or content->>'leetcodeSlug' = ${problem.slug})
             order by slug = ${problem.slug} desc limit 1`,
      ),
      this.deps.tracking.listAttempts(userId, { problem: problem.slug, limit: PAGE_ATTEMPTS }),
      asNotFound(this.deps.tracking.getNote(userId, problem.slug)),
      asNotFound(this.deps.training.card(userId, problem.slug)),
      queryRows<{ id: number; week: number }>(
        this.deps.db,
        sql`select i.id, i.week from plan_items i
             where i.user_id = ${userId} and i.problem_id = ${problem.id} and i.done_at is null
               and i.plan_id = (select id from study_plans where user_id = ${userId}
                                 order by created_at desc, id desc limit 1)
             order by i.week, i.id limit 1`,
      ),
    ]);
    const question = questions[0];
    return {
      problem,
      statement: question ? statementOf(question) : null,
      attempts: attempts.items,
      attemptsTotal: attempts.total,
      note,
      card,
      openPlanItem: planItems[0] ?? null,
    };
  }
}

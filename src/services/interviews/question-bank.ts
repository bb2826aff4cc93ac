// The interview question bank: search by mode, topic, difficulty and company; one question as a candidate
// sees it (hidden tests masked, no expected outputs for them).
import { and, arrayContains, asc, count, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { InterviewMode } from "../../config/constants.js";
import type { Queryable } from "../../config/database.js";
import { isRecordIdText } from "../../config/input-limits.js";
import { type InterviewQuestion, interviewQuestions } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";
import type { CompareMode, Signature, TestCase } from "../code-runner/types.js";
import { likePattern, type Page, type PageRequest, pageBounds } from "../shared/page.js";

export interface CodingContent {
  function: string;
  signature: Signature;
  compare: CompareMode;
  starterCode: Record<string, string>;
  tests: TestCase[];
  hints: string[];
  optimalComplexity?: { time: string; space: string };
  timeLimitMinutes?: number;
  leetcodeSlug?: string;
  /** LeetCode's examples where the bank has them; otherwise the first visible tests are shown as examples */
  examples?: QuestionExample[];
  constraints?: string[];
  /** a verified solution per language (the bank's tests were built from it); shown only after the interview */
  referenceSolutions?: Record<string, string>;
}

export interface QuestionExample {
  input: string;
  output: string;
  explanation?: string;
}

/** How many visible tests become examples when the bank has no written ones. */
const EXAMPLES_FROM_TESTS = 3;

export interface QuestionFilter extends PageRequest {
  mode?: InterviewMode;
  topic?: string;
  difficulty?: string;
  company?: string;
  q?: string;
}

export interface QuestionSummary {
  id: number;
  slug: string;
  mode: string;
  title: string;
  difficulty: string | null;
  topics: string[];
  companies: string[];
}

export function summarize(q: InterviewQuestion): QuestionSummary {
  return {
    id: q.id,
    slug: q.slug,
    mode: q.mode,
    title: q.title,
    difficulty: q.difficulty,
    topics: q.topics,
    companies: q.companies,
  };
}

/** A value as LeetCode prints it: `[1,2]`, `"abc"`, `true`. */
const literal = (value: unknown) => JSON.stringify(value ?? null);

/** Examples written from the bank's visible tests: `nums = [1,1,1,2,2,3], k = 2` → `[1,2]`. */
export function examplesFromTests(
  signature: Signature,
  tests: TestCase[],
  count = EXAMPLES_FROM_TESTS,
): QuestionExample[] {
  return tests
    .filter((t) => !t.hidden)
    .slice(0, count)
    .map((t) => {
      if (signature.kind === "function")
        return {
          input: signature.params.map((p, i) => `${p.name} = ${literal(t.args[i])}`).join(", "),
          output: literal(t.expected),
        };
      // a design question's test is [operations, arguments]: show the calls as LeetCode does
      const [operations, args] = t.args as [string[], unknown[][]];
      return { input: `${literal(operations)}\n${literal(args)}`, output: literal(t.expected) };
    });
}

/** The reference solution in the candidate's language, or the one the bank has (with its language). */
export function referenceSolution(
  q: InterviewQuestion,
  language?: string | null,
): { language: string; code: string } | undefined {
  const solutions = (q.content as CodingContent).referenceSolutions;
  if (!solutions) return undefined;
  const chosen = language && solutions[language] ? language : Object.keys(solutions)[0];
  return chosen ? { language: chosen, code: solutions[chosen] } : undefined;
}

/** The question as a candidate sees it: examples, constraints and visible tests; hints withheld (asked for
 * one by one) and the reference solution kept back until the interview is over. */
export function publicQuestion(
  q: InterviewQuestion,
): QuestionSummary & { prompt: string; content: Record<string, unknown> } {
  const content = { ...(q.content as Record<string, unknown>) };
  const hintCount = Array.isArray(content.hints) ? content.hints.length : 0;
  delete content.hints;
  delete content.strongAnswer;
  delete content.keyConcepts;
  delete content.referenceSolutions;
  if (q.mode === "coding" && !Array.isArray(content.examples) && Array.isArray(content.tests))
    content.examples = examplesFromTests(content.signature as Signature, content.tests as TestCase[]);
  if (q.mode === "coding" && !Array.isArray(content.constraints)) content.constraints = [];
  if (Array.isArray(content.tests)) {
    const tests = content.tests as TestCase[];
    content.tests = tests.filter((t) => !t.hidden);
    content.hiddenTests = tests.filter((t) => t.hidden).length;
  }
  return { ...summarize(q), prompt: q.prompt, content: { ...content, hintCount } };
}

export function hintsOf(q: InterviewQuestion): string[] {
  const hints = (q.content as { hints?: unknown }).hints;
  return Array.isArray(hints) ? hints.map(String) : [];
}

export async function listQuestions(db: Queryable, filter: QuestionFilter): Promise<Page<QuestionSummary>> {
  const { limit, offset } = pageBounds(filter);
  const where: SQL[] = [];
  if (filter.mode) where.push(eq(interviewQuestions.mode, filter.mode));
  if (filter.difficulty) where.push(eq(interviewQuestions.difficulty, filter.difficulty));
  if (filter.topic) where.push(arrayContains(interviewQuestions.topics, [filter.topic]));
  if (filter.company)
    where.push(
      sql`exists (select 1 from unnest(${interviewQuestions.companies}) c where lower(c) = lower(${filter.company}))`,
    );
  if (filter.q) {
    const pattern = likePattern(filter.q);
    const match = or(ilike(interviewQuestions.title, pattern), ilike(interviewQuestions.slug, pattern));
    if (match) where.push(match);
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(interviewQuestions)
      .where(condition)
      .orderBy(
        asc(interviewQuestions.mode),
        sql`case ${interviewQuestions.difficulty} when 'easy' then 1 when 'medium' then 2 when 'hard' then 3 else 4 end`,
        asc(interviewQuestions.slug),
      )
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(interviewQuestions).where(condition),
  ]);
  return { items: rows.map(summarize), total, limit, offset };
}

export async function findQuestion(db: Queryable, slugOrId: string | number): Promise<InterviewQuestion> {
  // digits name an id only when they fit int4; longer ones are looked up (and not found) as a slug
  const byId = typeof slugOrId === "number" || isRecordIdText(slugOrId);
  const [row] = await db
    .select()
    .from(interviewQuestions)
    .where(byId ? eq(interviewQuestions.id, Number(slugOrId)) : eq(interviewQuestions.slug, String(slugOrId)))
    .limit(1);
  if (!row)
    throw new NotFoundError(`No interview question "${slugOrId}". List them with GET /api/interviews/questions.`);
  return row;
}

/** A random question matching the filters (used when a session starts without a given question). */
export async function pickQuestion(
  db: Queryable,
  filter: { mode: InterviewMode; difficulty?: string; company?: string; topic?: string },
  random: () => number = Math.random,
): Promise<InterviewQuestion> {
  const attempts: (typeof filter)[] = [
    filter,
    { ...filter, company: undefined },
    { ...filter, company: undefined, topic: undefined },
    { mode: filter.mode },
  ];
  for (const f of attempts) {
    const page = await listQuestions(db, { ...f, limit: 200 });
    if (page.items.length) return findQuestion(db, page.items[Math.floor(random() * page.items.length)].id);
  }
  throw new NotFoundError(`The question bank has no ${filter.mode} questions.`);
}

// The problem catalogue: the shared problems plus each user's custom ones (visible to their owner only),
// searchable by text, topic, difficulty and the user's own status on each problem.
import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Difficulty } from "../../config/constants.js";
import type { Database, Queryable } from "../../config/database.js";
import { queryRows } from "../../config/database.js";
import { type Problem, problems, problemTopics, topics } from "../../database/schema.js";
import { type SeedReport, seedCatalogue } from "../../database/seed.js";
import { BadRequestError, ConflictError, NotFoundError } from "../../errors.js";
import { hideUnattempted, isBlind } from "../adaptive/blind-mode.js";
import { likePattern, type Page, type PageRequest, pageBounds } from "../shared/page.js";
import { MAX_CUSTOM_SLUG_LENGTH } from "./contract.js";

export type ProblemStatus = "solved" | "attempted" | "new";

export interface ProblemSummary {
  slug: string;
  title: string;
  /** null while blind mode hides it (`hidden`) */
  difficulty: string | null;
  /** difficulty rating on the contest scale (services/adaptive); null while hidden or not yet rated */
  rating: number | null;
  /** true when blind mode hides difficulty, rating and topics until an attempt is logged */
  hidden: boolean;
  url: string | null;
  leetcodeId: number | null;
  companies: string[];
  topics: string[];
  /** true for a problem the user added themselves */
  custom: boolean;
  /** the user's status; "new" when no user is given */
  status: ProblemStatus;
  /** the user has a non-empty note on it */
  hasNote: boolean;
  /** the user flagged it to revisit */
  revisit: boolean;
}

export interface ProblemDetail extends Omit<ProblemSummary, "topics" | "hasNote" | "revisit"> {
  id: number;
  topics: { id: string; name: string }[];
  attempts: number;
}

export interface ProblemSearch extends PageRequest {
  /**
   * matched case-insensitively against title and slug, also with spaces and punctuation ignored
   * ("twosum", "two sum"); a number ("1", "#1") also matches the LeetCode number, listed first
   */
  q?: string;
  /** only problems the user flagged to revisit (true) or did not (false) */
  revisit?: boolean;
  topic?: string;
  difficulty?: Difficulty;
  status?: ProblemStatus;
  /** only the roadmap's problems (those with a topic), custom ones and any the user has tried */
  roadmapOnly?: boolean;
}

export interface CustomProblemInput {
  title: string;
  slug?: string;
  difficulty: Difficulty;
  topics: string[];
  url?: string;
  companies?: string[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_CUSTOM_SLUG_LENGTH)
    .replace(/-+$/g, "");
}

/** Rows a user may see: the shared catalogue and their own custom problems. */
export function visibleTo(userId: number | null): SQL {
  return userId === null
    ? (isNull(problems.ownerUserId) as SQL)
    : (or(isNull(problems.ownerUserId), eq(problems.ownerUserId, userId)) as SQL);
}

interface SummaryRow {
  id: number;
  slug: string;
  title: string;
  difficulty: string;
  url: string | null;
  leetcode_id: number | null;
  companies: string[];
  owner_user_id: number | null;
  rating: number | null;
  topics: string[];
  status: ProblemStatus;
  has_note: boolean;
  revisit: boolean;
}

function toSummary(row: SummaryRow, blind: boolean): ProblemSummary {
  return hideUnattempted(
    {
      slug: row.slug,
      title: row.title,
      difficulty: row.difficulty,
      rating: row.rating === null ? null : Math.round(row.rating),
      url: row.url,
      leetcodeId: row.leetcode_id,
      companies: row.companies ?? [],
      topics: row.topics ?? [],
      custom: row.owner_user_id !== null,
      status: row.status,
      hasNote: row.has_note,
      revisit: row.revisit,
    },
    blind,
    row.status !== "new",
  );
}

/** Lowercase letters and digits only: "Two Sum", "two-sum" and "twosum" all become "twosum". */
export function compactTitle(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

export class CatalogService {
  constructor(private readonly deps: { db: Database }) {}

  /** Loads the shared catalogue on a database that has never been seeded (a fresh embedded data folder). */
  async ensureSeeded(): Promise<SeedReport | null> {
    const [any] = await this.deps.db
      .select({ id: problems.id })
      .from(problems)
      .where(isNull(problems.ownerUserId))
      .limit(1);
    return any ? null : seedCatalogue(this.deps.db);
  }

  async search(userId: number | null, search: ProblemSearch = {}): Promise<Page<ProblemSummary>> {
    const { limit, offset } = pageBounds(search);
    const user = userId ?? -1;
    const filters: SQL[] = [
      userId === null ? sql`p.owner_user_id is null` : sql`(p.owner_user_id is null or p.owner_user_id = ${user})`,
    ];
    let numberFirst = sql`(p.id < 0)`;
    const q = search.q?.trim();
    if (q) {
      const pattern = likePattern(q);
      const compact = compactTitle(q);
      const number = /^#?\s*(\d{1,6})$/.exec(q)?.[1];
      const matches: SQL[] = [sql`p.title ilike ${pattern}`, sql`p.slug ilike ${pattern}`];
      if (compact.length > 0)
        matches.push(sql`regexp_replace(lower(p.title), '[^a-z0-9]+', '', 'g') like ${likePattern(compact)}`);
      if (number) {
        matches.push(sql`p.leetcode_id = ${Number(number)}`);
        numberFirst = sql`p.leetcode_id = ${Number(number)}`;
      }
      filters.push(sql`(${sql.join(matches, sql` or `)})`);
    }
    if (search.revisit !== undefined) filters.push(sql`coalesce(n.revisit, false) = ${search.revisit}`);
    if (search.topic) {
      await this.requireTopics([search.topic]);
      filters.push(
        sql`exists (select 1 from problem_topics x where x.problem_id = p.id and x.topic_id = ${search.topic})`,
      );
    }
    if (search.difficulty) filters.push(sql`p.difficulty = ${search.difficulty}`);
    if (search.roadmapOnly)
      filters.push(
        sql`(exists (select 1 from problem_topics r where r.problem_id = p.id) or p.owner_user_id is not null or st.problem_id is not null)`,
      );
    if (search.status === "solved") filters.push(sql`st.solved`);
    if (search.status === "attempted") filters.push(sql`st.problem_id is not null and not st.solved`);
    if (search.status === "new") filters.push(sql`st.problem_id is null`);
    const where = sql.join(filters, sql` and `);
    const status = sql`with st as (
        select problem_id, bool_or(outcome = 'solved') as solved from attempts where user_id = ${user} group by problem_id
      )`;
    const notes = sql`left join problem_notes n on n.problem_id = p.id and n.user_id = ${user}`;
    const rows = await queryRows<SummaryRow>(
      this.deps.db,
      sql`${status}
        select p.id, p.slug, p.title, p.difficulty, p.url, p.leetcode_id, p.companies, p.owner_user_id, p.rating,
               coalesce((select array_agg(pt.topic_id order by t.position) from problem_topics pt
                           join topics t on t.id = pt.topic_id where pt.problem_id = p.id), '{}') as topics,
               case when st.solved then 'solved' when st.problem_id is not null then 'attempted' else 'new' end as status,
               coalesce(length(trim(n.body)) > 0, false) as has_note, coalesce(n.revisit, false) as revisit
          from problems p left join st on st.problem_id = p.id ${notes}
         where ${where}
         order by ${numberFirst} desc, p.owner_user_id is not null, p.leetcode_id nulls last, p.slug
         limit ${limit} offset ${offset}`,
    );
    const [count] = await queryRows<{ n: number }>(
      this.deps.db,
      sql`${status} select count(*)::int as n from problems p left join st on st.problem_id = p.id ${notes} where ${where}`,
    );
    const blind = await isBlind(this.deps.db, userId);
    return { items: rows.map((row) => toSummary(row, blind)), total: count?.n ?? 0, limit, offset };
  }

  /** The problem with this slug that the user can see, or NotFoundError (also for another user's custom problem). */
  async resolve(db: Queryable, userId: number | null, slug: string): Promise<Problem> {
    const rows = await db
      .select()
      .from(problems)
      .where(and(eq(problems.slug, slug), visibleTo(userId)));
    // A custom slug never shadows a shared one (createCustom refuses it), so there is at most one row.
    const problem = rows[0];
    if (!problem) throw new NotFoundError(`No problem "${slug}" in the catalogue; search with GET /api/problems?q=…`);
    return problem;
  }

  async get(userId: number | null, slug: string): Promise<ProblemDetail> {
    const problem = await this.resolve(this.deps.db, userId, slug);
    const problemTopicRows = await this.deps.db
      .select({ id: topics.id, name: topics.name })
      .from(problemTopics)
      .innerJoin(topics, eq(topics.id, problemTopics.topicId))
      .where(eq(problemTopics.problemId, problem.id))
      .orderBy(topics.position);
    const [stats] = await queryRows<{ attempts: number; solved: boolean }>(
      this.deps.db,
      sql`select count(*)::int as attempts, coalesce(bool_or(outcome = 'solved'), false) as solved
            from attempts where user_id = ${userId ?? -1} and problem_id = ${problem.id}`,
    );
    const attempts = stats?.attempts ?? 0;
    const blind = await isBlind(this.deps.db, userId);
    return hideUnattempted(
      {
        id: problem.id,
        slug: problem.slug,
        title: problem.title,
        difficulty: problem.difficulty,
        rating: problem.rating === null ? null : Math.round(problem.rating),
        url: problem.url,
        leetcodeId: problem.leetcodeId,
        companies: problem.companies,
        topics: problemTopicRows,
        custom: problem.ownerUserId !== null,
        status: (stats?.solved ? "solved" : attempts > 0 ? "attempted" : "new") as ProblemStatus,
        attempts,
      },
      blind,
      attempts > 0,
    );
  }

  async createCustom(userId: number, input: CustomProblemInput): Promise<ProblemDetail> {
    const title = input.title.trim();
    if (!title) throw new BadRequestError("The title must not be empty.");
    const slug = input.slug ?? slugify(title);
    if (!SLUG.test(slug))
      throw new BadRequestError(
        `"${slug}" is not a valid slug: use lowercase letters, digits and single dashes (e.g. "my-graph-problem").`,
      );
    const topicIds = [...new Set(input.topics)];
    if (topicIds.length === 0) throw new BadRequestError("Give at least one topic.");
    await this.requireTopics(topicIds);
    await this.deps.db.transaction(async (tx) => {
      const clash = await tx
        .select({ owner: problems.ownerUserId })
        .from(problems)
        .where(and(eq(problems.slug, slug), visibleTo(userId)));
      if (clash.length > 0)
        throw new ConflictError(
          clash.some((c) => c.owner === null)
            ? `"${slug}" is already in the shared catalogue; log attempts against it instead of adding it.`
            : `You already have a problem "${slug}"; choose another slug.`,
        );
      const [created] = await tx
        .insert(problems)
        .values({
          slug,
          title,
          difficulty: input.difficulty,
          url: input.url ?? null,
          companies: input.companies ?? [],
          ownerUserId: userId,
        })
        .onConflictDoNothing()
        .returning({ id: problems.id });
      if (!created) throw new ConflictError(`You already have a problem "${slug}"; choose another slug.`);
      await tx.insert(problemTopics).values(topicIds.map((topicId) => ({ problemId: created.id, topicId })));
    });
    return this.get(userId, slug);
  }

  async listTopics(): Promise<{ id: string; name: string; position: number }[]> {
    return this.deps.db.select().from(topics).orderBy(topics.position);
  }

  /** Throws a BadRequestError naming the valid topics when any id is unknown. */
  async requireTopics(ids: string[]): Promise<void> {
    const known = await this.listTopics();
    const unknown = ids.filter((id) => !known.some((t) => t.id === id));
    if (unknown.length > 0)
      throw new BadRequestError(
        `Unknown topic ${unknown.map((u) => `"${u}"`).join(", ")}; use one of: ${known.map((t) => t.id).join(", ")}.`,
      );
  }
}

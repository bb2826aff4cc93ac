// Loads the shared catalogue: the 18-topic roadmap, its prerequisite edges, the problems (a problem in two
// topics keeps both memberships) and the interview question bank. Idempotent: a second run changes nothing.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "../config/database.js";
import { topicPrerequisites, topics } from "./schema.js";
import { seedProblemRatings } from "./seed-ratings.js";

const SEED_DIR = fileURLToPath(new URL("./seed-data/", import.meta.url));
/** the advisory lock key of the seed (arbitrary, constant; not the migration's) */
export const SEED_LOCK_ID = 7_240_312;

/**
 * Takes the seed's lock for the rest of the transaction. Seeds that run at once (two servers starting
 * on one database, the test files of a suite) then run one after the other: the question bank's upsert
 * locks every question row it meets, so two of them (or one and a transaction already holding some of
 * those rows) in different orders deadlocked. A transaction that edits the catalogue's rows and then
 * seeds takes it first.
 */
export async function lockSeed(tx: Pick<Database, "execute">): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`);
}

interface Roadmap {
  topics: { id: string; name: string }[];
  prerequisites: { from: string; to: string }[];
  problems: { leetcodeId: number; title: string; slug: string; difficulty: string; topic: string }[];
}

export interface SeedQuestion {
  slug: string;
  mode: string;
  title: string;
  difficulty: string | null;
  topics: string[];
  companies: string[];
  prompt: string;
  content: Record<string, unknown>;
}

export interface SeedReport {
  topics: number;
  prerequisites: number;
  problems: number;
  problemTopics: number;
  questionsInserted: number;
  questionsUpdated: number;
  /** rated contest problems added, and problems given a difficulty rating (seed-ratings.ts) */
  contestProblems: number;
  ratedProblems: number;
  /** true when the run changed nothing */
  unchanged: boolean;
}

export function readRoadmap(): Roadmap {
  return JSON.parse(readFileSync(`${SEED_DIR}roadmap-neetcode.json`, "utf8")) as Roadmap;
}

export function readQuestionBank(): SeedQuestion[] {
  return JSON.parse(readFileSync(`${SEED_DIR}interview-questions.json`, "utf8")) as SeedQuestion[];
}

export async function seedCatalogue(db: Database): Promise<SeedReport> {
  const roadmap = readRoadmap();
  const bank = readQuestionBank();
  return db.transaction(async (tx) => {
    await lockSeed(tx);
    const insertedTopics = await tx
      .insert(topics)
      .values(roadmap.topics.map((t, position) => ({ id: t.id, name: t.name, position })))
      .onConflictDoNothing()
      .returning({ id: topics.id });
    const insertedEdges = await tx
      .insert(topicPrerequisites)
      .values(roadmap.prerequisites.map((p) => ({ fromTopic: p.from, toTopic: p.to })))
      .onConflictDoNothing()
      .returning({ from: topicPrerequisites.fromTopic });

    // problems and their topic memberships as arrays, one statement each (not a parameter per value)
    const firstOfSlug = new Map<string, Roadmap["problems"][number]>();
    for (const p of roadmap.problems) if (!firstOfSlug.has(p.slug)) firstOfSlug.set(p.slug, p);
    const roadmapProblems = [...firstOfSlug.values()];
    const insertedProblems = await queryRows<{ id: number }>(
      tx,
      sql`insert into problems (slug, title, difficulty, leetcode_id, url)
          select v.slug, v.title, v.difficulty, v.leetcode_id, 'https://leetcode.com/problems/' || v.slug || '/'
            from unnest(${sql.param(roadmapProblems.map((p) => p.slug))}::text[],
                        ${sql.param(roadmapProblems.map((p) => p.title))}::text[],
                        ${sql.param(roadmapProblems.map((p) => p.difficulty.toLowerCase()))}::text[],
                        ${sql.param(roadmapProblems.map((p) => p.leetcodeId))}::int[])
                 as v(slug, title, difficulty, leetcode_id)
          on conflict do nothing
          returning id`,
    );
    const insertedMemberships = await queryRows<{ problem_id: number }>(
      tx,
      sql`insert into problem_topics (problem_id, topic_id)
          select p.id, v.topic
            from unnest(${sql.param(roadmap.problems.map((p) => p.slug))}::text[],
                        ${sql.param(roadmap.problems.map((p) => p.topic))}::text[]) as v(slug, topic)
            join problems p on p.slug = v.slug and p.owner_user_id is null
          on conflict do nothing
          returning problem_id`,
    );

    const ratings = await seedProblemRatings(
      tx,
      new Map(roadmap.problems.map((p) => [p.slug, p.difficulty.toLowerCase()])),
    );

    // The bank in one statement: new questions inserted, changed ones updated, unchanged ones not touched (a
    // re-run on an up-to-date database writes nothing). `xmax = 0` marks a row this statement inserted. (Two
    // statements a question made the seed ~140 round trips at every start that seeds.)
    const bySlug = new Map(bank.map((q) => [q.slug, q]));
    const written = await queryRows<{ inserted: boolean }>(
      tx,
      sql`insert into interview_questions (slug, mode, title, difficulty, topics, companies, prompt, content)
          select q.slug, q.mode, q.title, q.difficulty, q.topics, q.companies, q.prompt, q.content
            from jsonb_to_recordset(${JSON.stringify([...bySlug.values()])}::jsonb)
              as q(slug text, mode text, title text, difficulty text, topics text[], companies text[], prompt text,
                   content jsonb)
          on conflict (slug) do update
             set mode = excluded.mode, title = excluded.title, difficulty = excluded.difficulty,
                 topics = excluded.topics, companies = excluded.companies, prompt = excluded.prompt,
                 content = excluded.content
           where (interview_questions.title, interview_questions.mode, interview_questions.difficulty,
                  interview_questions.topics, interview_questions.companies, interview_questions.prompt,
                  interview_questions.content)
                 is distinct from
                 (excluded.title, excluded.mode, excluded.difficulty, excluded.topics, excluded.companies,
                  excluded.prompt, excluded.content)
          returning (xmax = 0) as inserted`,
    );
    const questionsInserted = written.filter((r) => r.inserted).length;
    const questionsUpdated = written.length - questionsInserted;

    const report = {
      topics: insertedTopics.length,
      prerequisites: insertedEdges.length,
      problems: insertedProblems.length,
      problemTopics: insertedMemberships.length,
      questionsInserted,
      questionsUpdated,
      ...ratings,
    };
    return { ...report, unchanged: Object.values(report).every((n) => n === 0) };
  });
}

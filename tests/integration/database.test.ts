import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { queryRows } from "../../src/config/database.js";
import { migrationStatus, runMigrations } from "../../src/database/migrate.js";
import * as t from "../../src/database/schema.js";
import { lockSeed, readQuestionBank, seedCatalogue } from "../../src/database/seed.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { createTestContext, uniqueEmail, usingPostgres } from "../helpers/context.js";

let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

function unitVector(hot: number): number[] {
  const v = new Array(t.EMBEDDING_DIMENSIONS).fill(0);
  v[hot] = 1;
  return v;
}

describe(`database on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("is healthy and has pgvector", async () => {
    expect(ctx.database.kind).toBe(usingPostgres ? "postgres" : "pglite");
    expect(await ctx.database.health()).toEqual({ ok: true, vector: true });
  });

  it("applies every migration, and a second run applies none", async () => {
    expect((await migrationStatus(ctx.database)).every((m) => m.applied)).toBe(true);
    expect(await runMigrations(ctx.database)).toEqual([]);
  });

  it("seeds the roadmap: 18 topics, 22 edges, 258 problems, shared problems in both topics", async () => {
    const [counts] = await queryRows<Record<string, number>>(
      ctx.db,
      sql`select (select count(*)::int from topics) as topics,
                 (select count(*)::int from topic_prerequisites) as edges,
                 (select count(*)::int from problems p where owner_user_id is null
                   and exists (select 1 from problem_topics pt where pt.problem_id = p.id)) as problems,
                 (select count(*)::int from problem_topics pt join problems p on p.id = pt.problem_id
                   where p.owner_user_id is null) as memberships`,
    );
    expect(counts).toEqual({ topics: 18, edges: 22, problems: 258, memberships: 271 });
    const twoTopic = await queryRows<{ slug: string }>(
      ctx.db,
      sql`select p.slug from problems p join problem_topics pt on pt.problem_id = p.id
          where p.owner_user_id is null group by p.slug having count(*) = 2`,
    );
    expect(twoTopic).toHaveLength(13);
  });

  it("seeds the interview bank with all three modes", async () => {
    const rows = await queryRows<{ mode: string; n: number }>(
      ctx.db,
      sql`select mode, count(*)::int as n from interview_questions group by mode order by mode`,
    );
    expect(rows.map((r) => r.mode)).toEqual(["behavioral", "coding", "system_design"]);
  });

  it("a second seed changes nothing and says so", async () => {
    const report = await seedCatalogue(ctx.db);
    expect(report.unchanged).toBe(true);
  });

  it("a seed puts back a question that was changed or removed, and touches no other", async () => {
    // inside a transaction rolled back at the end: the suite's other files share the catalogue
    const rollback = new Error("rollback");
    await expect(
      ctx.db.transaction(async (tx) => {
        // first the seed's lock, as a seed takes it: another file's seed (its context starting) then waits
        // for this transaction instead of deadlocking with the rows it edits below
        await lockSeed(tx);
        const [changed, removed] = await tx
          .select({ slug: t.interviewQuestions.slug, title: t.interviewQuestions.title })
          .from(t.interviewQuestions)
          .where(sql`not exists (select 1 from interview_sessions s where s.question_id = interview_questions.id)`)
          .orderBy(t.interviewQuestions.slug)
          .limit(2);
        if (!changed || !removed) throw new Error("the bank has fewer than two unused questions");
        await tx
          .update(t.interviewQuestions)
          .set({ title: "edited by hand", topics: ["nowhere"] })
          .where(eq(t.interviewQuestions.slug, changed.slug));
        await tx.delete(t.interviewQuestions).where(eq(t.interviewQuestions.slug, removed.slug));
        const report = await seedCatalogue(tx as unknown as typeof ctx.db);
        expect(report).toMatchObject({ questionsInserted: 1, questionsUpdated: 1, unchanged: false });
        const [back] = await tx
          .select({ title: t.interviewQuestions.title })
          .from(t.interviewQuestions)
          .where(eq(t.interviewQuestions.slug, changed.slug));
        expect(back?.title).toBe(changed.title);
        const again = await tx
          .select({ slug: t.interviewQuestions.slug })
          .from(t.interviewQuestions)
          .where(eq(t.interviewQuestions.slug, removed.slug));
        expect(again).toHaveLength(1);
        expect((await seedCatalogue(tx as unknown as typeof ctx.db)).unchanged).toBe(true);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it.skipIf(!usingPostgres)(
    "a seed started meanwhile waits for a transaction that edits the bank under the seed's lock, no deadlock",
    async () => {
      // The edited question is the bank's last unused one: a seed that did not wait would lock every other
      // question row first (its upsert locks each row it meets) and then wait for this one, while this
      // transaction's own seed waited for those rows: a deadlock, as the suite once hit between two files.
      const bank = readQuestionBank().map((q) => q.slug);
      const used = new Set(
        (
          await queryRows<{ slug: string }>(
            ctx.db,
            sql`select q.slug from interview_questions q join interview_sessions s on s.question_id = q.id`,
          )
        ).map((r) => r.slug),
      );
      const last = bank.filter((slug) => !used.has(slug)).at(-1) as string;
      let release: () => void = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let edited: () => void = () => {};
      const hasEdited = new Promise<void>((r) => {
        edited = r;
      });
      const rollback = new Error("rollback");
      const editing = ctx.db
        .transaction(async (tx) => {
          await lockSeed(tx);
          await tx
            .update(t.interviewQuestions)
            .set({ title: "edited by hand" })
            .where(eq(t.interviewQuestions.slug, last));
          edited();
          await held;
          expect(await seedCatalogue(tx as unknown as typeof ctx.db)).toMatchObject({ questionsUpdated: 1 });
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
      await hasEdited;
      const other = seedCatalogue(ctx.db);
      // let the other seed reach its wait (were it not to wait, it would now be holding the other rows)
      await new Promise((r) => setTimeout(r, 300));
      release();
      await editing;
      expect((await other).unchanged).toBe(true);
    },
  );

  it("writes and reads every per-user table, and deleting the user cascades to all of them", async () => {
    const user = await createUser(ctx.db, { email: uniqueEmail("cascade"), password: "correct horse" });
    const [problem] = await ctx.db.select().from(t.problems).where(eq(t.problems.slug, "two-sum"));
    const [question] = await ctx.db.select().from(t.interviewQuestions).limit(1);
    const userId = user.id;
    const now = new Date();
    await ctx.db.insert(t.sessions).values({ id: `s-${userId}`, userId, expiresAt: new Date(Date.now() + 3600e3) });
    await ctx.db.insert(t.apiTokens).values({ userId, name: "cli", tokenHash: `h-${userId}`, prefix: "mt_" });
    await ctx.db.insert(t.platformAccounts).values({ userId, platform: "leetcode", username: "someone" });
    await ctx.db.insert(t.syncRuns).values({ userId, platform: "leetcode" });
    const [custom] = await ctx.db
      .insert(t.problems)
      .values({ slug: "my-problem", title: "Mine", difficulty: "easy", ownerUserId: userId })
      .returning();
    const [attempt] = await ctx.db
      .insert(t.attempts)
      .values({ userId, problemId: problem.id, outcome: "solved", minutes: 12, language: "ts" })
      .returning();
    await ctx.db.insert(t.problemNotes).values({ userId, problemId: problem.id, body: "hash map" });
    const [card] = await ctx.db.insert(t.reviewCards).values({ userId, problemId: problem.id, due: now }).returning();
    await ctx.db.insert(t.reviewLogs).values({
      userId,
      cardId: card.id,
      attemptId: attempt.id,
      rating: 3,
      state: 0,
      due: now,
      stability: 1,
      difficulty: 5,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 1,
      reviewedAt: now,
    });
    await ctx.db
      .insert(t.weaknessSnapshots)
      .values({ userId, topicId: "arrays", score: 40, severity: "medium", reason: "r" });
    const [plan] = await ctx.db
      .insert(t.studyPlans)
      .values({ userId, startsOn: "2026-01-01", endsOn: "2026-02-01", weeklyHours: 5 })
      .returning();
    await ctx.db.insert(t.planItems).values({ planId: plan.id, userId, week: 1, kind: "new", problemId: problem.id });
    const [scheduled] = await ctx.db.insert(t.scheduledInterviews).values({ userId, scheduledAt: now }).returning();
    await ctx.db.insert(t.reminders).values({ userId, scheduledInterviewId: scheduled.id, kind: "1h", dueAt: now });
    const [session] = await ctx.db
      .insert(t.interviewSessions)
      .values({ userId, questionId: question.id, mode: question.mode, durationMinutes: 45, deadlineAt: now })
      .returning();
    await ctx.db.insert(t.interviewAnswers).values({ sessionId: session.id, userId, kind: "text", content: "answer" });
    await ctx.db.insert(t.notifications).values({ userId, kind: "reminder", title: "soon" });
    const [conversation] = await ctx.db.insert(t.conversations).values({ userId, title: "c" }).returning();
    const [message] = await ctx.db
      .insert(t.messages)
      .values({ conversationId: conversation.id, userId, role: "user", content: "hello" })
      .returning();
    await ctx.db.insert(t.memories).values({
      userId,
      kind: "message",
      text: "I keep forgetting sliding window",
      contentHash: `m-${userId}`,
      conversationId: conversation.id,
      messageId: message.id,
      embedding: unitVector(1),
      embeddingModel: "test",
    });
    await ctx.db
      .insert(t.importRecords)
      .values({ sourceDb: `db-${userId}`, sourceTable: "x", sourceKey: "1", targetTable: "attempts", userId });

    const perUserTables = [
      "sessions",
      "api_tokens",
      "platform_accounts",
      "sync_runs",
      "attempts",
      "problem_notes",
      "review_cards",
      "review_logs",
      "weakness_snapshots",
      "study_plans",
      "plan_items",
      "scheduled_interviews",
      "reminders",
      "interview_sessions",
      "interview_answers",
      "notifications",
      "conversations",
      "messages",
      "memories",
      "import_records",
    ];
    const count = async (table: string) =>
      (
        await queryRows<{ n: number }>(
          ctx.db,
          sql`select count(*)::int as n from ${sql.identifier(table)} where user_id = ${userId}`,
        )
      )[0].n;
    for (const table of perUserTables) expect(await count(table), table).toBeGreaterThan(0);

    const [memory] = await ctx.db.select({ tsv: t.memories.tsv }).from(t.memories).where(eq(t.memories.userId, userId));
    expect(memory.tsv).toContain("slide");

    await ctx.db.delete(t.users).where(eq(t.users.id, userId));
    for (const table of perUserTables) expect(await count(table), table).toBe(0);
    const customLeft = await ctx.db.select().from(t.problems).where(eq(t.problems.id, custom.id));
    expect(customLeft).toEqual([]);
    const catalogueLeft = await ctx.db.select().from(t.problems).where(eq(t.problems.id, problem.id));
    expect(catalogueLeft).toHaveLength(1);
  });

  it("orders memories by cosine distance", async () => {
    const user = await createUser(ctx.db, { email: uniqueEmail("vector"), password: "correct horse" });
    const near = unitVector(5).map((x, i) => (i === 6 ? 0.2 : x));
    await ctx.db.insert(t.memories).values([
      {
        userId: user.id,
        kind: "note",
        text: "far",
        contentHash: "far",
        embedding: unitVector(100),
        embeddingModel: "m",
      },
      {
        userId: user.id,
        kind: "note",
        text: "exact",
        contentHash: "exact",
        embedding: unitVector(5),
        embeddingModel: "m",
      },
      { userId: user.id, kind: "note", text: "near", contentHash: "near", embedding: near, embeddingModel: "m" },
    ]);
    const query = `[${unitVector(5).join(",")}]`;
    const rows = await queryRows<{ text: string; distance: number }>(
      ctx.db,
      sql`select text, embedding <=> ${query}::vector as distance from memories
          where user_id = ${user.id} order by embedding <=> ${query}::vector limit 3`,
    );
    expect(rows.map((r) => r.text)).toEqual(["exact", "near", "far"]);
    expect(rows[0].distance).toBeCloseTo(0, 5);
    expect(rows[2].distance).toBeCloseTo(1, 5);
    const same = await ctx.db
      .select()
      .from(t.memories)
      .where(and(eq(t.memories.userId, user.id), eq(t.memories.text, "near")));
    expect(same[0].embedding?.length).toBe(t.EMBEDDING_DIMENSIONS);
  });

  it("refuses a second account with the same email, in any case", async () => {
    const email = uniqueEmail("dup");
    await createUser(ctx.db, { email, password: "correct horse" });
    await expect(createUser(ctx.db, { email: email.toUpperCase(), password: "correct horse" })).rejects.toThrow(
      /already exists/,
    );
  });
});

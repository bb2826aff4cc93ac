// Fills an account with at least one row of every kind a user owns (written straight to the tables, so
// accounts/export tests do not depend on the tracking, interview or memory services' APIs).
import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../src/config/database.js";
import { queryRows } from "../../src/config/database.js";
import * as t from "../../src/database/schema.js";

/** Per-user tables, with the column that names the owner. */
export const USER_TABLES = [
  ["attempts", "user_id"],
  ["problem_notes", "user_id"],
  ["review_cards", "user_id"],
  ["review_logs", "user_id"],
  ["weakness_snapshots", "user_id"],
  ["study_plans", "user_id"],
  ["plan_items", "user_id"],
  ["scheduled_interviews", "user_id"],
  ["reminders", "user_id"],
  ["interview_sessions", "user_id"],
  ["interview_answers", "user_id"],
  ["notifications", "user_id"],
  ["conversations", "user_id"],
  ["messages", "user_id"],
  ["memories", "user_id"],
  ["sessions", "user_id"],
  ["api_tokens", "user_id"],
  ["platform_accounts", "user_id"],
  ["sync_runs", "user_id"],
  ["problems", "owner_user_id"],
] as const;

/** How many rows each per-user table holds for the user. */
export async function countUserRows(db: Database, userId: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, column] of USER_TABLES) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${userId}`,
    );
    counts[table] = row.n;
  }
  return counts;
}

async function catalogueProblem(db: Database, slug: string): Promise<number> {
  const [p] = await db
    .select({ id: t.problems.id })
    .from(t.problems)
    .where(and(eq(t.problems.slug, slug), isNull(t.problems.ownerUserId)));
  if (!p) throw new Error(`the seeded catalogue has no problem ${slug}`);
  return p.id;
}

/**
 * Writes a small but complete history for `userId`; every free text contains `marker`, so a test can
 * check that it never shows up in another user's export.
 */
export async function seedAccountData(db: Database, userId: number, marker: string): Promise<void> {
  const twoSum = await catalogueProblem(db, "two-sum");
  const validAnagram = await catalogueProblem(db, "valid-anagram");
  const [custom] = await db
    .insert(t.problems)
    .values({
      slug: `my-custom-${marker}`,
      title: `Custom ${marker}`,
      difficulty: "medium",
      url: "https://example.com/p",
      companies: ["Acme"],
      ownerUserId: userId,
      createdAt: new Date("2026-01-02T10:00:00.123Z"),
    })
    .returning();
  await db.insert(t.problemTopics).values([
    { problemId: custom.id, topicId: "arrays" },
    { problemId: custom.id, topicId: "graphs" },
  ]);
  // The same slug as a catalogue problem, as a custom one: the export must keep them apart.
  const [shadow] = await db
    .insert(t.problems)
    .values({ slug: "two-sum", title: "My own two-sum", difficulty: "easy", ownerUserId: userId })
    .returning();

  const attempts = await db
    .insert(t.attempts)
    .values([
      {
        userId,
        problemId: twoSum,
        outcome: "solved",
        rating: 3,
        minutes: 12,
        language: "python",
        notes: `hash map ${marker}, "quoted", comma`,
        attemptedAt: new Date("2026-01-03T08:00:00.000Z"),
      },
      {
        userId,
        problemId: custom.id,
        outcome: "failed",
        minutes: 40,
        notes: `=SUM(A1) ${marker}\nsecond line`,
        attemptedAt: new Date("2026-01-04T09:30:00.000Z"),
        source: "leetcode",
        externalId: `sub-${marker}`,
      },
      { userId, problemId: shadow.id, outcome: "gave_up", attemptedAt: new Date("2026-01-05T09:30:00.000Z") },
    ])
    .returning();
  await db.insert(t.problemNotes).values([
    { userId, problemId: twoSum, body: `note ${marker}`, revisit: true },
    { userId, problemId: custom.id, body: `custom note ${marker}` },
  ]);
  const [card] = await db
    .insert(t.reviewCards)
    .values({
      userId,
      problemId: twoSum,
      due: new Date("2026-01-10T08:00:00.000Z"),
      stability: 3.2,
      difficulty: 5.1,
      scheduledDays: 7,
      reps: 1,
      state: 2,
      lastReview: new Date("2026-01-03T08:00:00.000Z"),
    })
    .returning();
  await db.insert(t.reviewCards).values({
    userId,
    problemId: custom.id,
    due: new Date("2026-01-05T08:00:00.000Z"),
    suspended: true,
  });
  await db.insert(t.reviewLogs).values({
    userId,
    cardId: card.id,
    attemptId: attempts[0].id,
    rating: 3,
    state: 0,
    due: new Date("2026-01-03T08:00:00.000Z"),
    stability: 3.2,
    difficulty: 5.1,
    elapsedDays: 0,
    lastElapsedDays: 0,
    scheduledDays: 7,
    reviewedAt: new Date("2026-01-03T08:00:00.000Z"),
  });
  await db.insert(t.weaknessSnapshots).values({
    userId,
    topicId: "graphs",
    score: 71.3,
    severity: "high",
    reason: `fails graphs ${marker}`,
    metrics: { failureRate: 0.5, attempts: 2 },
    takenAt: new Date("2026-01-06T00:00:00.000Z"),
  });
  const [plan] = await db
    .insert(t.studyPlans)
    .values({
      userId,
      startsOn: "2026-01-05",
      endsOn: "2026-02-01",
      weeklyHours: 7.5,
      focusTopic: "graphs",
      params: { weeks: 4 },
    })
    .returning();
  await db.insert(t.planItems).values([
    { planId: plan.id, userId, week: 1, kind: "new", topicId: "arrays", problemId: validAnagram, minutes: 30 },
    { planId: plan.id, userId, week: 1, kind: "new", topicId: "arrays", problemId: custom.id, minutes: 45 },
    { planId: plan.id, userId, week: 2, kind: "mock", minutes: 45, note: `mock ${marker}` },
  ]);
  const [scheduled] = await db
    .insert(t.scheduledInterviews)
    .values({ userId, scheduledAt: new Date("2026-02-01T15:00:00.000Z"), company: `Co ${marker}` })
    .returning();
  await db.insert(t.reminders).values({
    userId,
    scheduledInterviewId: scheduled.id,
    kind: "24h",
    dueAt: new Date("2026-01-31T15:00:00.000Z"),
  });
  const [question] = await db.select({ id: t.interviewQuestions.id }).from(t.interviewQuestions).limit(1);
  const [session] = await db
    .insert(t.interviewSessions)
    .values({
      userId,
      questionId: question.id,
      scheduledInterviewId: scheduled.id,
      mode: "coding",
      durationMinutes: 45,
      startedAt: new Date("2026-01-07T10:00:00.000Z"),
      deadlineAt: new Date("2026-01-07T10:45:00.000Z"),
      finishedAt: new Date("2026-01-07T10:40:00.000Z"),
      status: "finished",
      score: 3.25,
      report: { summary: `report ${marker}`, dimensions: { communication: 3 } },
    })
    .returning();
  await db.insert(t.interviewAnswers).values({
    sessionId: session.id,
    userId,
    kind: "code",
    language: "python",
    content: `def solve(): return "${marker}"`,
    result: { verdict: "accepted", passed: 3 },
  });
  await db.insert(t.notifications).values({ userId, kind: "reminder", title: `n ${marker}` });
  const [conversation] = await db
    .insert(t.conversations)
    .values({ userId, title: `chat ${marker}` })
    .returning();
  const [message] = await db
    .insert(t.messages)
    .values([
      { conversationId: conversation.id, userId, role: "user", content: `how do I do graphs ${marker}` },
      { conversationId: conversation.id, userId, role: "assistant", content: "BFS first.", metadata: { tokens: 5 } },
    ])
    .returning();
  const text = `I always forget BFS visited sets ${marker}`;
  await db.insert(t.memories).values({
    userId,
    kind: "message",
    text,
    source: "conversation",
    conversationId: conversation.id,
    messageId: message.id,
    importance: 0.7,
    contentHash: createHash("sha256").update(text).digest("hex"),
  });
  await db.insert(t.platformAccounts).values({ userId, platform: "leetcode", username: `lc-${marker}` });
  await db.insert(t.syncRuns).values({ userId, platform: "leetcode", status: "succeeded" });
}

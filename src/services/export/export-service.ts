// A user's own data out (json, csv zip, xlsx) and back in (json, into an empty account, one transaction).
// Catalogue problems and interview questions are referenced by slug; custom problems travel with the
// export and are recreated for the importer. Memories travel without their vectors.
import { asc, eq, inArray } from "drizzle-orm";
import type { Cache } from "../../cache/cache.js";
import { cacheKeys } from "../../cache/cache.js";
import type { Clock } from "../../config/clock.js";
import type { Database, Queryable } from "../../config/database.js";
import type { Logger } from "../../config/logger.js";
import * as t from "../../database/schema.js";
import { BadRequestError, ConflictError, NotFoundError } from "../../errors.js";
import type { JobQueue } from "../../jobs/queue.js";
import { checkWebhookUrl } from "../accounts/user-service.js";
import type { WebhookTargetPolicy } from "../shared/webhook-target.js";
import {
  type EncodedExport,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportDocument,
  type ExportFileFormat,
  type ExportKind,
  type ExportRow,
  encodeExport,
} from "./export-formats.js";
import { type ImportReport, restore } from "./export-restore.js";
import { parseExportDocument } from "./export-schema.js";

export type { ImportReport };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** float4 (`real`) columns come back as 0.8999999761581421; 7 significant digits give back the same float4. */
const real = (n: number | null) => (n === null ? null : Number(n.toPrecision(7)));

export class ExportService {
  constructor(
    private readonly deps: {
      db: Database;
      cache: Cache;
      clock: Clock;
      logger: Logger;
      jobs: JobQueue;
      /** whether an account already owns data (an import needs an empty one) */
      hasData: (userId: number, db: Queryable) => Promise<boolean>;
      /** where an imported webhook URL may point (WEBHOOK_ALLOWED_TARGETS), checked as settings are */
      webhookTargets?: WebhookTargetPolicy;
    },
  ) {}

  async export(userId: number, format: ExportFileFormat): Promise<EncodedExport> {
    return encodeExport(await this.collect(userId), format);
  }

  /** Everything the user owns, every query filtered by their id, rows in creation (id) order. */
  async collect(userId: number): Promise<ExportDocument> {
    const { db } = this.deps;
    const [user] = await db.select().from(t.users).where(eq(t.users.id, userId));
    if (!user) throw new NotFoundError("This account no longer exists.");

    const problemRef = { problemSlug: t.problems.slug, ownerUserId: t.problems.ownerUserId };
    const ref = <R extends { ownerUserId: number | null }>(r: R) => {
      const { ownerUserId, ...rest } = r;
      return { ...rest, problemIsCustom: ownerUserId !== null };
    };

    const customProblems = await db
      .select()
      .from(t.problems)
      .where(eq(t.problems.ownerUserId, userId))
      .orderBy(asc(t.problems.id));
    const customTopics = customProblems.length
      ? await db
          .select()
          .from(t.problemTopics)
          .where(
            inArray(
              t.problemTopics.problemId,
              customProblems.map((p) => p.id),
            ),
          )
          .orderBy(asc(t.problemTopics.topicId))
      : [];

    const attempts = await db
      .select({ a: t.attempts, ...problemRef })
      .from(t.attempts)
      .innerJoin(t.problems, eq(t.problems.id, t.attempts.problemId))
      .where(eq(t.attempts.userId, userId))
      .orderBy(asc(t.attempts.id));
    const notes = await db
      .select({ n: t.problemNotes, ...problemRef, problemId: t.problems.id })
      .from(t.problemNotes)
      .innerJoin(t.problems, eq(t.problems.id, t.problemNotes.problemId))
      .where(eq(t.problemNotes.userId, userId))
      .orderBy(asc(t.problemNotes.problemId));
    const cards = await db
      .select({ c: t.reviewCards, ...problemRef })
      .from(t.reviewCards)
      .innerJoin(t.problems, eq(t.problems.id, t.reviewCards.problemId))
      .where(eq(t.reviewCards.userId, userId))
      .orderBy(asc(t.reviewCards.id));
    const logs = await db
      .select()
      .from(t.reviewLogs)
      .where(eq(t.reviewLogs.userId, userId))
      .orderBy(asc(t.reviewLogs.id));
    const weaknesses = await db
      .select()
      .from(t.weaknessSnapshots)
      .where(eq(t.weaknessSnapshots.userId, userId))
      .orderBy(asc(t.weaknessSnapshots.id));
    const plans = await db
      .select()
      .from(t.studyPlans)
      .where(eq(t.studyPlans.userId, userId))
      .orderBy(asc(t.studyPlans.id));
    const items = await db
      .select({ i: t.planItems, problemSlug: t.problems.slug, ownerUserId: t.problems.ownerUserId })
      .from(t.planItems)
      .leftJoin(t.problems, eq(t.problems.id, t.planItems.problemId))
      .where(eq(t.planItems.userId, userId))
      .orderBy(asc(t.planItems.id));
    const scheduled = await db
      .select()
      .from(t.scheduledInterviews)
      .where(eq(t.scheduledInterviews.userId, userId))
      .orderBy(asc(t.scheduledInterviews.id));
    const reminders = await db
      .select()
      .from(t.reminders)
      .where(eq(t.reminders.userId, userId))
      .orderBy(asc(t.reminders.id));
    const sessions = await db
      .select({ s: t.interviewSessions, questionSlug: t.interviewQuestions.slug })
      .from(t.interviewSessions)
      .innerJoin(t.interviewQuestions, eq(t.interviewQuestions.id, t.interviewSessions.questionId))
      .where(eq(t.interviewSessions.userId, userId))
      .orderBy(asc(t.interviewSessions.id));
    const answers = await db
      .select()
      .from(t.interviewAnswers)
      .where(eq(t.interviewAnswers.userId, userId))
      .orderBy(asc(t.interviewAnswers.id));
    const conversations = await db
      .select()
      .from(t.conversations)
      .where(eq(t.conversations.userId, userId))
      .orderBy(asc(t.conversations.id));
    const messages = await db
      .select()
      .from(t.messages)
      .where(eq(t.messages.userId, userId))
      .orderBy(asc(t.messages.id));
    const memories = await db
      .select({
        id: t.memories.id,
        kind: t.memories.kind,
        text: t.memories.text,
        source: t.memories.source,
        externalId: t.memories.externalId,
        conversationId: t.memories.conversationId,
        messageId: t.memories.messageId,
        chunkIndex: t.memories.chunkIndex,
        importance: t.memories.importance,
        contentHash: t.memories.contentHash,
        createdAt: t.memories.createdAt,
      })
      .from(t.memories)
      .where(eq(t.memories.userId, userId))
      .orderBy(asc(t.memories.id));

    const data: Record<ExportKind, ExportRow[]> = {
      customProblems: customProblems.map((p) => ({
        id: p.id,
        slug: p.slug,
        title: p.title,
        difficulty: p.difficulty,
        leetcodeId: p.leetcodeId,
        url: p.url,
        companies: p.companies,
        topics: customTopics.filter((pt) => pt.problemId === p.id).map((pt) => pt.topicId),
        createdAt: iso(p.createdAt),
      })),
      attempts: attempts.map(({ a, ...r }) => ({
        id: a.id,
        ...ref(r),
        outcome: a.outcome,
        rating: a.rating,
        minutes: a.minutes,
        language: a.language,
        notes: a.notes,
        attemptedAt: iso(a.attemptedAt),
        source: a.source,
        externalId: a.externalId,
        createdAt: iso(a.createdAt),
      })),
      notes: notes.map(({ n, problemSlug, ownerUserId }) => ({
        ...ref({ problemSlug, ownerUserId }),
        body: n.body,
        revisit: n.revisit,
        updatedAt: iso(n.updatedAt),
      })),
      reviewCards: cards.map(({ c, ...r }) => ({
        id: c.id,
        ...ref(r),
        due: iso(c.due),
        stability: c.stability,
        difficulty: c.difficulty,
        elapsedDays: c.elapsedDays,
        scheduledDays: c.scheduledDays,
        learningSteps: c.learningSteps,
        reps: c.reps,
        lapses: c.lapses,
        state: c.state,
        lastReview: iso(c.lastReview),
        suspended: c.suspended,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
      })),
      reviewLogs: logs.map((l) => ({
        id: l.id,
        cardId: l.cardId,
        attemptId: l.attemptId,
        rating: l.rating,
        state: l.state,
        due: iso(l.due),
        stability: l.stability,
        difficulty: l.difficulty,
        elapsedDays: l.elapsedDays,
        lastElapsedDays: l.lastElapsedDays,
        scheduledDays: l.scheduledDays,
        learningSteps: l.learningSteps,
        reviewedAt: iso(l.reviewedAt),
        durationMs: l.durationMs,
      })),
      weaknessSnapshots: weaknesses.map((w) => ({
        id: w.id,
        takenAt: iso(w.takenAt),
        topicId: w.topicId,
        score: real(w.score),
        severity: w.severity,
        reason: w.reason,
        metrics: w.metrics as Record<string, unknown>,
      })),
      studyPlans: plans.map((p) => ({
        id: p.id,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        weeklyHours: real(p.weeklyHours),
        focusTopic: p.focusTopic,
        params: p.params as Record<string, unknown>,
        createdAt: iso(p.createdAt),
      })),
      planItems: items.map(({ i, problemSlug, ownerUserId }) => ({
        id: i.id,
        planId: i.planId,
        week: i.week,
        kind: i.kind,
        topicId: i.topicId,
        problemSlug: problemSlug ?? null,
        problemIsCustom: problemSlug ? ownerUserId !== null : null,
        minutes: i.minutes,
        note: i.note,
        doneAt: iso(i.doneAt),
      })),
      scheduledInterviews: scheduled.map((s) => ({
        id: s.id,
        seriesId: s.seriesId,
        scheduledAt: iso(s.scheduledAt),
        durationMinutes: s.durationMinutes,
        mode: s.mode,
        difficulty: s.difficulty,
        role: s.role,
        company: s.company,
        status: s.status,
        createdAt: iso(s.createdAt),
        updatedAt: iso(s.updatedAt),
      })),
      reminders: reminders.map((r) => ({
        id: r.id,
        scheduledInterviewId: r.scheduledInterviewId,
        kind: r.kind,
        dueAt: iso(r.dueAt),
        sentAt: iso(r.sentAt),
        error: r.error,
      })),
      interviewSessions: sessions.map(({ s, questionSlug }) => ({
        id: s.id,
        questionSlug,
        scheduledInterviewId: s.scheduledInterviewId,
        mode: s.mode,
        role: s.role,
        company: s.company,
        difficulty: s.difficulty,
        durationMinutes: s.durationMinutes,
        startedAt: iso(s.startedAt),
        deadlineAt: iso(s.deadlineAt),
        finishedAt: iso(s.finishedAt),
        status: s.status,
        hintsUsed: s.hintsUsed,
        score: real(s.score),
        report: (s.report ?? null) as ExportRow[string],
      })),
      interviewAnswers: answers.map((a) => ({
        id: a.id,
        sessionId: a.sessionId,
        kind: a.kind,
        language: a.language,
        content: a.content,
        result: (a.result ?? null) as ExportRow[string],
        createdAt: iso(a.createdAt),
      })),
      conversations: conversations.map((c) => ({
        id: c.id,
        title: c.title,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
      })),
      messages: messages.map((m) => ({
        id: m.id,
        conversationId: m.conversationId,
        role: m.role,
        content: m.content,
        metadata: m.metadata as Record<string, unknown>,
        createdAt: iso(m.createdAt),
      })),
      memories: memories.map((m) => ({ ...m, importance: real(m.importance), createdAt: iso(m.createdAt) })),
    };

    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: this.deps.clock.now().toISOString(),
      profile: {
        email: user.email,
        name: user.name,
        timezone: user.timezone,
        dailyNewLimit: user.dailyNewLimit,
        targetRetention: real(user.targetRetention),
        weeklyHours: real(user.weeklyHours),
        interviewDate: user.interviewDate,
        focusTopic: user.focusTopic,
        webhookUrl: user.webhookUrl,
        createdAt: iso(user.createdAt),
      },
      data,
    };
  }

  /**
   * Restores an export into the user's account, which must hold no data yet. All or nothing: one
   * transaction, the account row locked so two imports cannot interleave.
   */
  async import(userId: number, input: unknown): Promise<{ counts: ImportReport["counts"] }> {
    const doc = parseExportDocument(input);
    // checked before the transaction: it may resolve a name, and nothing is written when it is refused
    if (doc.profile.webhookUrl !== null) await checkWebhookUrl(doc.profile.webhookUrl, this.deps.webhookTargets);
    const report = await this.deps.db
      .transaction(async (tx) => {
        const [locked] = await tx.select({ id: t.users.id }).from(t.users).where(eq(t.users.id, userId)).for("update");
        if (!locked) throw new NotFoundError("This account no longer exists.");
        if (await this.deps.hasData(userId, tx))
          throw new ConflictError(
            "This account already has data; an import only restores into an empty account. Sign up a new account (or delete this one's data) and import there.",
          );
        return restore(tx, userId, doc);
      })
      .catch((error: unknown) => {
        // A constraint the checks above did not foresee: still the file's fault, and nothing was written.
        // (Drizzle wraps the driver's error, whose message, unlike the wrapper's, holds no query text.)
        const pgError = ((error as { cause?: unknown }).cause ?? error) as { code?: unknown; message?: string };
        if (typeof pgError.code === "string" && pgError.code.startsWith("23"))
          throw new BadRequestError(
            `The file's rows conflict with each other or with this server's data (${pgError.message}); nothing was imported.`,
          );
        throw error;
      });
    try {
      await this.deps.cache.invalidateTags(cacheKeys.userTag(userId));
    } catch (error) {
      this.deps.logger.warn({ err: error }, "cache invalidation after import failed");
    }
    // Vectors are not part of an export: the memory layer embeds the restored rows in the background.
    for (let i = 0; i < report.memoryIds.length; i += 1000) {
      const ids = report.memoryIds.slice(i, i + 1000);
      await this.deps.jobs.enqueue("embed-memories", { userId, ids }).catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, "could not queue the embedding of imported memories (a reindex will)");
      });
    }
    return { counts: report.counts };
  }
}

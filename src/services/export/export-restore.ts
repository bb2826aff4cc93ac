// Restoring a json export into an (empty) account, inside the caller's transaction: catalogue problems
// and interview questions by slug, custom problems recreated, every id in the file remapped to a new one.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Transaction } from "../../config/database.js";
import * as t from "../../database/schema.js";
import { BadRequestError } from "../../errors.js";
import { validateTimezone, validateWebhookUrl } from "../accounts/user-service.js";
import { EXPORT_KIND_NAMES, type ExportKind } from "./export-formats.js";
import type { ExportDocumentInput } from "./export-schema.js";

const date = (s: string | null) => (s ? new Date(s) : null);
const CHUNK = 500;

export interface ImportReport {
  counts: Record<ExportKind, number>;
  /** ids of the restored memories: they have no vectors yet */
  memoryIds: number[];
}

/** Inserts rows in chunks and returns their new ids in the same order (INSERT … VALUES … RETURNING keeps it). */
async function insertAll<V>(
  rows: V[],
  insert: (chunk: V[], offset: number) => Promise<{ id: number }[]>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK)
    ids.push(...(await insert(rows.slice(i, i + CHUNK), i)).map((r) => r.id));
  return ids;
}

function idMap(oldIds: number[], newIds: number[]): Map<number, number> {
  return new Map(oldIds.map((id, i) => [id, newIds[i]]));
}

function mapped(map: Map<number, number>, id: number | null, what: string, where: string): number | null {
  if (id === null) return null;
  const found = map.get(id);
  if (found === undefined) throw new BadRequestError(`${where} refers to ${what} ${id}, which is not in the file.`);
  return found;
}

export async function restore(tx: Transaction, userId: number, doc: ExportDocumentInput): Promise<ImportReport> {
  const d = doc.data;
  const p = doc.profile;
  validateTimezone(p.timezone);
  if (p.webhookUrl !== null) validateWebhookUrl(p.webhookUrl);
  const topicIds = new Set<string>([
    ...d.customProblems.flatMap((c) => c.topics),
    ...d.weaknessSnapshots.map((w) => w.topicId),
    ...d.planItems.flatMap((i) => (i.topicId ? [i.topicId] : [])),
    ...(p.focusTopic ? [p.focusTopic] : []),
  ]);
  if (topicIds.size) {
    const known = new Set(
      (
        await tx
          .select({ id: t.topics.id })
          .from(t.topics)
          .where(inArray(t.topics.id, [...topicIds]))
      ).map((r) => r.id),
    );
    const unknown = [...topicIds].filter((id) => !known.has(id));
    if (unknown.length)
      throw new BadRequestError(`The file refers to topic(s) this server does not have: ${unknown.join(", ")}.`, {
        unknownTopics: unknown,
      });
  }
  await tx
    .update(t.users)
    .set({
      name: p.name,
      timezone: p.timezone,
      dailyNewLimit: p.dailyNewLimit,
      targetRetention: p.targetRetention,
      weeklyHours: p.weeklyHours,
      interviewDate: p.interviewDate,
      focusTopic: p.focusTopic,
      webhookUrl: p.webhookUrl,
    })
    .where(eq(t.users.id, userId));

  // ---- problems: the catalogue by slug, custom problems recreated
  const customIds = await insertAll(d.customProblems, (chunk) =>
    tx
      .insert(t.problems)
      .values(
        chunk.map((c) => ({
          slug: c.slug,
          title: c.title,
          difficulty: c.difficulty,
          leetcodeId: c.leetcodeId,
          url: c.url,
          companies: c.companies,
          ownerUserId: userId,
          createdAt: new Date(c.createdAt),
        })),
      )
      .returning({ id: t.problems.id }),
  );
  const customBySlug = new Map(d.customProblems.map((c, i) => [c.slug, customIds[i]]));
  const topicLinks = d.customProblems.flatMap((c, i) =>
    c.topics.map((topicId) => ({ problemId: customIds[i], topicId })),
  );
  if (topicLinks.length) await tx.insert(t.problemTopics).values(topicLinks);

  const wantedSlugs = new Set<string>();
  for (const kind of ["attempts", "notes", "reviewCards", "planItems"] as const)
    for (const row of d[kind]) if (row.problemSlug && !row.problemIsCustom) wantedSlugs.add(row.problemSlug);
  const catalogue = new Map<string, number>();
  const slugs = [...wantedSlugs];
  for (let i = 0; i < slugs.length; i += CHUNK) {
    const found = await tx
      .select({ id: t.problems.id, slug: t.problems.slug })
      .from(t.problems)
      .where(and(isNull(t.problems.ownerUserId), inArray(t.problems.slug, slugs.slice(i, i + CHUNK))));
    for (const f of found) catalogue.set(f.slug, f.id);
  }
  const missing = slugs.filter((s) => !catalogue.has(s));
  if (missing.length)
    throw new BadRequestError(
      `The file refers to ${missing.length} problem(s) this server's catalogue does not have: ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ", …" : ""}. Run \`maang seed\` or add them as custom problems.`,
      { missingProblems: missing },
    );
  const problemId = (slug: string, custom: boolean, where: string): number => {
    const id = custom ? customBySlug.get(slug) : catalogue.get(slug);
    if (id === undefined)
      throw new BadRequestError(`${where} refers to the custom problem "${slug}", which is not in the file.`);
    return id;
  };

  // ---- tracking and training
  const attemptIds = idMap(
    d.attempts.map((a) => a.id),
    await insertAll(d.attempts, (chunk, offset) =>
      tx
        .insert(t.attempts)
        .values(
          chunk.map((a, i) => ({
            userId,
            problemId: problemId(a.problemSlug, a.problemIsCustom, `attempts[${offset + i}]`),
            outcome: a.outcome,
            rating: a.rating,
            minutes: a.minutes,
            language: a.language,
            notes: a.notes,
            attemptedAt: new Date(a.attemptedAt),
            source: a.source,
            externalId: a.externalId,
            createdAt: new Date(a.createdAt),
          })),
        )
        .returning({ id: t.attempts.id }),
    ),
  );
  for (let i = 0; i < d.notes.length; i += CHUNK)
    await tx.insert(t.problemNotes).values(
      d.notes.slice(i, i + CHUNK).map((n, j) => ({
        userId,
        problemId: problemId(n.problemSlug, n.problemIsCustom, `notes[${i + j}]`),
        body: n.body,
        revisit: n.revisit,
        updatedAt: new Date(n.updatedAt),
      })),
    );
  const cardIds = idMap(
    d.reviewCards.map((c) => c.id),
    await insertAll(d.reviewCards, (chunk, offset) =>
      tx
        .insert(t.reviewCards)
        .values(
          chunk.map((c, i) => ({
            userId,
            problemId: problemId(c.problemSlug, c.problemIsCustom, `reviewCards[${offset + i}]`),
            due: new Date(c.due),
            stability: c.stability,
            difficulty: c.difficulty,
            elapsedDays: c.elapsedDays,
            scheduledDays: c.scheduledDays,
            learningSteps: c.learningSteps,
            reps: c.reps,
            lapses: c.lapses,
            state: c.state,
            lastReview: date(c.lastReview),
            suspended: c.suspended,
            createdAt: new Date(c.createdAt),
            updatedAt: new Date(c.updatedAt),
          })),
        )
        .returning({ id: t.reviewCards.id }),
    ),
  );
  await insertAll(d.reviewLogs, (chunk, offset) =>
    tx
      .insert(t.reviewLogs)
      .values(
        chunk.map((l, i) => ({
          userId,
          cardId: mapped(cardIds, l.cardId, "review card", `reviewLogs[${offset + i}]`) as number,
          attemptId: mapped(attemptIds, l.attemptId, "attempt", `reviewLogs[${offset + i}]`),
          rating: l.rating,
          state: l.state,
          due: new Date(l.due),
          stability: l.stability,
          difficulty: l.difficulty,
          elapsedDays: l.elapsedDays,
          lastElapsedDays: l.lastElapsedDays,
          scheduledDays: l.scheduledDays,
          learningSteps: l.learningSteps,
          reviewedAt: new Date(l.reviewedAt),
          durationMs: l.durationMs,
        })),
      )
      .returning({ id: t.reviewLogs.id }),
  );
  await insertAll(d.weaknessSnapshots, (chunk) =>
    tx
      .insert(t.weaknessSnapshots)
      .values(
        chunk.map((w) => ({
          userId,
          takenAt: new Date(w.takenAt),
          topicId: w.topicId,
          score: w.score,
          severity: w.severity,
          reason: w.reason,
          metrics: w.metrics,
        })),
      )
      .returning({ id: t.weaknessSnapshots.id }),
  );

  // ---- plans
  const planIds = idMap(
    d.studyPlans.map((p) => p.id),
    await insertAll(d.studyPlans, (chunk) =>
      tx
        .insert(t.studyPlans)
        .values(
          chunk.map((p) => ({
            userId,
            startsOn: p.startsOn,
            endsOn: p.endsOn,
            weeklyHours: p.weeklyHours,
            focusTopic: p.focusTopic,
            params: p.params,
            createdAt: new Date(p.createdAt),
          })),
        )
        .returning({ id: t.studyPlans.id }),
    ),
  );
  await insertAll(d.planItems, (chunk, offset) =>
    tx
      .insert(t.planItems)
      .values(
        chunk.map((item, i) => ({
          userId,
          planId: mapped(planIds, item.planId, "study plan", `planItems[${offset + i}]`) as number,
          week: item.week,
          kind: item.kind,
          topicId: item.topicId,
          problemId: item.problemSlug
            ? problemId(item.problemSlug, Boolean(item.problemIsCustom), `planItems[${offset + i}]`)
            : null,
          minutes: item.minutes,
          note: item.note,
          doneAt: date(item.doneAt),
        })),
      )
      .returning({ id: t.planItems.id }),
  );

  // ---- interviews
  const scheduledIds = idMap(
    d.scheduledInterviews.map((s) => s.id),
    await insertAll(d.scheduledInterviews, (chunk) =>
      tx
        .insert(t.scheduledInterviews)
        .values(
          chunk.map((s) => ({
            userId,
            seriesId: s.seriesId,
            scheduledAt: new Date(s.scheduledAt),
            durationMinutes: s.durationMinutes,
            mode: s.mode,
            difficulty: s.difficulty,
            role: s.role,
            company: s.company,
            status: s.status,
            createdAt: new Date(s.createdAt),
            updatedAt: new Date(s.updatedAt),
          })),
        )
        .returning({ id: t.scheduledInterviews.id }),
    ),
  );
  await insertAll(d.reminders, (chunk, offset) =>
    tx
      .insert(t.reminders)
      .values(
        chunk.map((r, i) => ({
          userId,
          scheduledInterviewId: mapped(
            scheduledIds,
            r.scheduledInterviewId,
            "scheduled interview",
            `reminders[${offset + i}]`,
          ) as number,
          kind: r.kind,
          dueAt: new Date(r.dueAt),
          sentAt: date(r.sentAt),
          error: r.error,
        })),
      )
      .returning({ id: t.reminders.id }),
  );
  const questionSlugs = [...new Set(d.interviewSessions.map((s) => s.questionSlug))];
  const questions = new Map<string, number>();
  if (questionSlugs.length) {
    const found = await tx
      .select({ id: t.interviewQuestions.id, slug: t.interviewQuestions.slug })
      .from(t.interviewQuestions)
      .where(inArray(t.interviewQuestions.slug, questionSlugs));
    for (const f of found) questions.set(f.slug, f.id);
  }
  const missingQuestions = questionSlugs.filter((s) => !questions.has(s));
  if (missingQuestions.length)
    throw new BadRequestError(
      `The file refers to interview question(s) this server does not have: ${missingQuestions.slice(0, 10).join(", ")}.`,
      { missingQuestions },
    );
  const sessionIds = idMap(
    d.interviewSessions.map((s) => s.id),
    await insertAll(d.interviewSessions, (chunk, offset) =>
      tx
        .insert(t.interviewSessions)
        .values(
          chunk.map((s, i) => ({
            userId,
            questionId: questions.get(s.questionSlug) as number,
            scheduledInterviewId: mapped(
              scheduledIds,
              s.scheduledInterviewId,
              "scheduled interview",
              `interviewSessions[${offset + i}]`,
            ),
            mode: s.mode,
            role: s.role,
            company: s.company,
            difficulty: s.difficulty,
            durationMinutes: s.durationMinutes,
            startedAt: new Date(s.startedAt),
            deadlineAt: new Date(s.deadlineAt),
            finishedAt: date(s.finishedAt),
            status: s.status,
            hintsUsed: s.hintsUsed,
            score: s.score,
            report: s.report,
          })),
        )
        .returning({ id: t.interviewSessions.id }),
    ),
  );
  await insertAll(d.interviewAnswers, (chunk, offset) =>
    tx
      .insert(t.interviewAnswers)
      .values(
        chunk.map((a, i) => ({
          userId,
          sessionId: mapped(sessionIds, a.sessionId, "interview session", `interviewAnswers[${offset + i}]`) as number,
          kind: a.kind,
          language: a.language,
          content: a.content,
          result: a.result,
          createdAt: new Date(a.createdAt),
        })),
      )
      .returning({ id: t.interviewAnswers.id }),
  );

  // ---- mentor conversations and memories (vectors are recomputed by the memory layer, not exported)
  const conversationIds = idMap(
    d.conversations.map((c) => c.id),
    await insertAll(d.conversations, (chunk) =>
      tx
        .insert(t.conversations)
        .values(
          chunk.map((c) => ({
            userId,
            title: c.title,
            createdAt: new Date(c.createdAt),
            updatedAt: new Date(c.updatedAt),
          })),
        )
        .returning({ id: t.conversations.id }),
    ),
  );
  const messageIds = idMap(
    d.messages.map((m) => m.id),
    await insertAll(d.messages, (chunk, offset) =>
      tx
        .insert(t.messages)
        .values(
          chunk.map((m, i) => ({
            userId,
            conversationId: mapped(
              conversationIds,
              m.conversationId,
              "conversation",
              `messages[${offset + i}]`,
            ) as number,
            role: m.role,
            content: m.content,
            metadata: m.metadata,
            createdAt: new Date(m.createdAt),
          })),
        )
        .returning({ id: t.messages.id }),
    ),
  );
  const memoryIds = await insertAll(d.memories, (chunk, offset) =>
    tx
      .insert(t.memories)
      .values(
        chunk.map((m, i) => ({
          userId,
          kind: m.kind,
          text: m.text,
          source: m.source,
          externalId: m.externalId,
          conversationId: mapped(conversationIds, m.conversationId, "conversation", `memories[${offset + i}]`),
          messageId: mapped(messageIds, m.messageId, "message", `memories[${offset + i}]`),
          chunkIndex: m.chunkIndex,
          importance: m.importance,
          contentHash: m.contentHash,
          createdAt: new Date(m.createdAt),
        })),
      )
      .returning({ id: t.memories.id }),
  );

  return {
    memoryIds,
    counts: Object.fromEntries(EXPORT_KIND_NAMES.map((k) => [k, d[k].length])) as Record<ExportKind, number>,
  };
}

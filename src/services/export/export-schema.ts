// What an import accepts: exactly the JSON document an export produces (version 1). Unknown fields,
// wrong types and broken references are refused with a message that names the row.
import { z } from "zod";
import { BadRequestError } from "../../errors.js";
import {
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_TIMEZONE_LENGTH,
  MAX_TOPIC_ID_LENGTH,
  SETTINGS_LIMITS,
} from "../accounts/contract.js";
import { EXPORT_FORMAT, EXPORT_VERSION } from "./export-formats.js";

const TEXT = 200_000;
const id = z.number().int().positive();
const ref = id.nullable();
const when = z.iso.datetime({ offset: true });
const day = z.iso.date();
const short = (max = 200) => z.string().max(max);
const json = z.record(z.string(), z.unknown());
const int = z.number().int();
const problem = { problemSlug: short(), problemIsCustom: z.boolean() };

const rows = {
  customProblems: z
    .object({
      id,
      slug: short().min(1),
      title: short(500).min(1),
      difficulty: z.enum(["easy", "medium", "hard"]),
      leetcodeId: int.nullable(),
      url: short(2048).nullable(),
      companies: z.array(short()).max(500),
      topics: z.array(short(64)).max(50),
      createdAt: when,
    })
    .strict(),
  attempts: z
    .object({
      id,
      ...problem,
      outcome: short(20),
      rating: int.min(1).max(4).nullable(),
      minutes: int.min(0).nullable(),
      language: short(50).nullable(),
      notes: z.string().max(TEXT).nullable(),
      attemptedAt: when,
      source: short(50),
      externalId: short().nullable(),
      createdAt: when,
    })
    .strict(),
  notes: z.object({ ...problem, body: z.string().max(TEXT), revisit: z.boolean(), updatedAt: when }).strict(),
  reviewCards: z
    .object({
      id,
      ...problem,
      due: when,
      stability: z.number(),
      difficulty: z.number(),
      elapsedDays: int,
      scheduledDays: int,
      learningSteps: int,
      reps: int,
      lapses: int,
      state: int.min(0).max(3),
      lastReview: when.nullable(),
      suspended: z.boolean(),
      createdAt: when,
      updatedAt: when,
    })
    .strict(),
  reviewLogs: z
    .object({
      id,
      cardId: id,
      attemptId: ref,
      rating: int.min(0).max(4),
      state: int.min(0).max(3),
      due: when,
      stability: z.number(),
      difficulty: z.number(),
      elapsedDays: int,
      lastElapsedDays: int,
      scheduledDays: int,
      learningSteps: int,
      reviewedAt: when,
      durationMs: int.nullable(),
    })
    .strict(),
  weaknessSnapshots: z
    .object({
      id,
      takenAt: when,
      topicId: short(64),
      score: z.number(),
      severity: short(20),
      reason: z.string().max(5000),
      metrics: json,
    })
    .strict(),
  studyPlans: z
    .object({
      id,
      startsOn: day,
      endsOn: day,
      weeklyHours: z.number(),
      focusTopic: short(64).nullable(),
      params: json,
      createdAt: when,
    })
    .strict(),
  planItems: z
    .object({
      id,
      planId: id,
      week: int,
      kind: short(20),
      topicId: short(64).nullable(),
      problemSlug: short().nullable(),
      problemIsCustom: z.boolean().nullable(),
      minutes: int,
      note: z.string().max(5000).nullable(),
      doneAt: when.nullable(),
    })
    .strict(),
  scheduledInterviews: z
    .object({
      id,
      seriesId: short().nullable(),
      scheduledAt: when,
      durationMinutes: int,
      mode: short(30),
      difficulty: short(20).nullable(),
      role: short().nullable(),
      company: short().nullable(),
      status: short(20),
      createdAt: when,
      updatedAt: when,
    })
    .strict(),
  reminders: z
    .object({
      id,
      scheduledInterviewId: id,
      kind: short(10),
      dueAt: when,
      sentAt: when.nullable(),
      error: z.string().max(5000).nullable(),
    })
    .strict(),
  interviewSessions: z
    .object({
      id,
      questionSlug: short(),
      scheduledInterviewId: ref,
      mode: short(30),
      role: short().nullable(),
      company: short().nullable(),
      difficulty: short(20).nullable(),
      durationMinutes: int,
      startedAt: when,
      deadlineAt: when,
      finishedAt: when.nullable(),
      status: short(20),
      hintsUsed: int,
      score: z.number().nullable(),
      report: z.unknown().nullable(),
    })
    .strict(),
  interviewAnswers: z
    .object({
      id,
      sessionId: id,
      kind: short(20),
      language: short(50).nullable(),
      content: z.string().max(TEXT),
      result: z.unknown().nullable(),
      createdAt: when,
    })
    .strict(),
  conversations: z.object({ id, title: z.string().max(1000), createdAt: when, updatedAt: when }).strict(),
  messages: z
    .object({
      id,
      conversationId: id,
      role: short(20),
      content: z.string().max(TEXT),
      metadata: json,
      createdAt: when,
    })
    .strict(),
  memories: z
    .object({
      id,
      kind: short(30),
      text: z.string().max(TEXT),
      source: short(100),
      externalId: short().nullable(),
      conversationId: ref,
      messageId: ref,
      chunkIndex: int,
      importance: z.number(),
      contentHash: short(128),
      createdAt: when,
    })
    .strict(),
};

const MAX_ROWS = 200_000;
const data = z
  .object(
    Object.fromEntries(Object.entries(rows).map(([k, schema]) => [k, z.array(schema).max(MAX_ROWS)])) as {
      [K in keyof typeof rows]: z.ZodArray<(typeof rows)[K]>;
    },
  )
  .strict();

export const exportDocumentSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: when,
    profile: z
      .object({
        // the account's own limits (src/services/accounts/contract.ts): a restored profile is one the settings accept
        email: z.string().max(MAX_EMAIL_LENGTH),
        name: z.string().max(MAX_NAME_LENGTH),
        timezone: z.string().max(MAX_TIMEZONE_LENGTH),
        dailyNewLimit: int.min(SETTINGS_LIMITS.dailyNewLimit.min).max(SETTINGS_LIMITS.dailyNewLimit.max),
        targetRetention: z.number().min(SETTINGS_LIMITS.targetRetention.min).max(SETTINGS_LIMITS.targetRetention.max),
        weeklyHours: z.number().min(SETTINGS_LIMITS.weeklyHours.min).max(SETTINGS_LIMITS.weeklyHours.max),
        interviewDate: day.nullable(),
        focusTopic: short(MAX_TOPIC_ID_LENGTH).nullable(),
        webhookUrl: z.string().max(SETTINGS_LIMITS.webhookUrlLength).nullable(),
        createdAt: when,
      })
      .strict(),
    data,
  })
  .strict();

export type ExportDocumentInput = z.output<typeof exportDocumentSchema>;

/** Parses an uploaded export, or says (in one 400) what is wrong with it and where. */
export function parseExportDocument(input: unknown): ExportDocumentInput {
  const parsed = exportDocumentSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.join("."), message: i.message }));
    throw new BadRequestError(
      `This is not a Maang-Tracker export this server can import: ${details
        .slice(0, 5)
        .map((d) => `${d.field || "document"}: ${d.message}`)
        .join("; ")}`,
      details,
    );
  }
  const doc = parsed.data;
  const duplicates: string[] = [];
  const unique = (kind: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const [i, key] of keys.entries()) {
      if (seen.has(key)) duplicates.push(`${kind}[${i}] repeats ${key}`);
      seen.add(key);
    }
  };
  const d = doc.data;
  for (const kind of Object.keys(rows) as (keyof typeof rows)[])
    if (kind !== "notes")
      unique(
        kind,
        (d[kind] as { id: number }[]).map((r) => `id ${r.id}`),
      );
  unique(
    "customProblems",
    d.customProblems.map((p) => `slug ${p.slug}`),
  );
  unique(
    "notes",
    d.notes.map((n) => `the problem ${n.problemSlug}${n.problemIsCustom ? " (custom)" : ""}`),
  );
  unique(
    "reviewCards",
    d.reviewCards.map((c) => `the problem ${c.problemSlug}${c.problemIsCustom ? " (custom)" : ""}`),
  );
  unique(
    "memories",
    d.memories.map((m) => `contentHash ${m.contentHash}`),
  );
  unique(
    "attempts",
    d.attempts.filter((a) => a.externalId !== null).map((a) => `externalId ${a.source}/${a.externalId}`),
  );
  unique(
    "reminders",
    d.reminders.map((r) => `the reminder ${r.kind} of scheduled interview ${r.scheduledInterviewId}`),
  );
  if (duplicates.length)
    throw new BadRequestError(`The file has duplicate rows: ${duplicates.slice(0, 5).join("; ")}.`, { duplicates });
  return doc;
}

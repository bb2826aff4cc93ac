// The shape of a user's export (one flat table per kind, children pointing at their parent's id) and its
// three encodings: one JSON document, a zip of CSV files, an xlsx workbook with a Summary sheet.
import { strToU8, zipSync } from "fflate";

export const EXPORT_FORMAT = "maang-tracker-export";
export const EXPORT_VERSION = 1;

/** Every kind of row an export holds, in restore order (parents before children), with its columns. */
export const EXPORT_KINDS = {
  customProblems: ["id", "slug", "title", "difficulty", "leetcodeId", "url", "companies", "topics", "createdAt"],
  attempts: [
    "id",
    "problemSlug",
    "problemIsCustom",
    "outcome",
    "rating",
    "minutes",
    "language",
    "notes",
    "attemptedAt",
    "source",
    "externalId",
    "createdAt",
  ],
  notes: ["problemSlug", "problemIsCustom", "body", "revisit", "updatedAt"],
  reviewCards: [
    "id",
    "problemSlug",
    "problemIsCustom",
    "due",
    "stability",
    "difficulty",
    "elapsedDays",
    "scheduledDays",
    "learningSteps",
    "reps",
    "lapses",
    "state",
    "lastReview",
    "suspended",
    "createdAt",
    "updatedAt",
  ],
  reviewLogs: [
    "id",
    "cardId",
    "attemptId",
    "rating",
    "state",
    "due",
    "stability",
    "difficulty",
    "elapsedDays",
    "lastElapsedDays",
    "scheduledDays",
    "learningSteps",
    "reviewedAt",
    "durationMs",
  ],
  weaknessSnapshots: ["id", "takenAt", "topicId", "score", "severity", "reason", "metrics"],
  studyPlans: ["id", "startsOn", "endsOn", "weeklyHours", "focusTopic", "params", "createdAt"],
  planItems: ["id", "planId", "week", "kind", "topicId", "problemSlug", "problemIsCustom", "minutes", "note", "doneAt"],
  scheduledInterviews: [
    "id",
    "seriesId",
    "scheduledAt",
    "durationMinutes",
    "mode",
    "difficulty",
    "role",
    "company",
    "status",
    "createdAt",
    "updatedAt",
  ],
  reminders: ["id", "scheduledInterviewId", "kind", "dueAt", "sentAt", "error"],
  interviewSessions: [
    "id",
    "questionSlug",
    "scheduledInterviewId",
    "mode",
    "role",
    "company",
    "difficulty",
    "durationMinutes",
    "startedAt",
    "deadlineAt",
    "finishedAt",
    "status",
    "hintsUsed",
    "score",
    "report",
  ],
  interviewAnswers: ["id", "sessionId", "kind", "language", "content", "result", "createdAt"],
  conversations: ["id", "title", "createdAt", "updatedAt"],
  messages: ["id", "conversationId", "role", "content", "metadata", "createdAt"],
  memories: [
    "id",
    "kind",
    "text",
    "source",
    "externalId",
    "conversationId",
    "messageId",
    "chunkIndex",
    "importance",
    "contentHash",
    "createdAt",
  ],
} as const satisfies Record<string, readonly string[]>;

export type ExportKind = keyof typeof EXPORT_KINDS;
export const EXPORT_KIND_NAMES = Object.keys(EXPORT_KINDS) as ExportKind[];

export const PROFILE_FIELDS = [
  "email",
  "name",
  "timezone",
  "dailyNewLimit",
  "targetRetention",
  "weeklyHours",
  "interviewDate",
  "focusTopic",
  "webhookUrl",
  "createdAt",
] as const;

export type ExportValue = string | number | boolean | null | unknown[] | Record<string, unknown>;
export type ExportRow = Record<string, ExportValue>;

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  profile: Record<(typeof PROFILE_FIELDS)[number], ExportValue>;
  data: Record<ExportKind, ExportRow[]>;
}

export type { ExportFileFormat } from "./contract.js";

import type { ExportFileFormat } from "./contract.js";

export interface EncodedExport {
  body: Buffer;
  contentType: string;
  filename: string;
}

const SNAKE = (kind: string) => kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export async function encodeExport(doc: ExportDocument, format: ExportFileFormat): Promise<EncodedExport> {
  const stamp = doc.exportedAt.slice(0, 10);
  if (format === "json")
    return {
      body: Buffer.from(JSON.stringify(doc, null, 2)),
      contentType: "application/json; charset=utf-8",
      filename: `maang-export-${stamp}.json`,
    };
  if (format === "csv")
    return { body: csvZip(doc), contentType: "application/zip", filename: `maang-export-${stamp}.zip` };
  return {
    body: await workbook(doc),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    filename: `maang-export-${stamp}.xlsx`,
  };
}

/** A cell's text: objects and arrays as JSON, nothing for null. */
function cellText(value: ExportValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** RFC 4180 quoting, and a leading `'` on text a spreadsheet would run as a formula (CSV injection). */
export function csvField(value: ExportValue | undefined): string {
  let text = cellText(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: ExportRow[]): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function csvZip(doc: ExportDocument): Buffer {
  const files: Record<string, Uint8Array> = {
    "profile.csv": strToU8(toCsv(PROFILE_FIELDS, [doc.profile])),
  };
  for (const kind of EXPORT_KIND_NAMES)
    files[`${SNAKE(kind)}.csv`] = strToU8(toCsv(EXPORT_KINDS[kind], doc.data[kind]));
  return Buffer.from(zipSync(files, { level: 6 }));
}

async function workbook(doc: ExportDocument): Promise<Buffer> {
  // loaded on first use: exceljs alone adds ~0.3 s to every server start otherwise
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "Maang-Tracker";
  book.created = new Date(doc.exportedAt);
  const summary = book.addWorksheet("Summary");
  summary.columns = [
    { header: "Item", key: "item", width: 28 },
    { header: "Value", key: "value", width: 48 },
  ];
  summary.addRow({ item: "Exported at", value: doc.exportedAt });
  summary.addRow({ item: "Account", value: doc.profile.email });
  summary.addRow({ item: "Format", value: `${doc.format} v${doc.version}` });
  for (const kind of EXPORT_KIND_NAMES) summary.addRow({ item: kind, value: doc.data[kind].length });
  summary.getRow(1).font = { bold: true };

  const profile = book.addWorksheet("profile");
  profile.addRow([...PROFILE_FIELDS]);
  profile.addRow(PROFILE_FIELDS.map((f) => sheetCell(doc.profile[f])));
  profile.getRow(1).font = { bold: true };
  for (const kind of EXPORT_KIND_NAMES) {
    const sheet = book.addWorksheet(kind);
    const columns = EXPORT_KINDS[kind];
    sheet.addRow([...columns]);
    sheet.getRow(1).font = { bold: true };
    for (const row of doc.data[kind]) sheet.addRow(columns.map((c) => sheetCell(row[c])));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Numbers and booleans stay typed; everything else is text (exceljs never turns text into a formula). */
function sheetCell(value: ExportValue | undefined): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return cellText(value);
}

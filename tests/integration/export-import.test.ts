import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { EXPORT_KIND_NAMES, type ExportDocument } from "../../src/services/export/export-formats.js";
import { countUserRows, seedAccountData } from "../helpers/account-data.js";
import { createTestContext, usingPostgres, usingRedis } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let ctx: AppContext;
let app: App;
let alice: TestUser;
let carol: TestUser;
beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  alice = await signUp(app);
  carol = await signUp(app);
  await seedAccountData(ctx.db, alice.id, "alice-marker");
  await seedAccountData(ctx.db, carol.id, "carol-secret");
  const settings = await app.inject({
    method: "PATCH",
    url: "/api/me/settings",
    headers: alice.headers,
    payload: { timezone: "Asia/Tokyo", targetRetention: 0.87, focusTopic: "graphs", interviewDate: "2027-01-15" },
  });
  expect(settings.statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function exportOf(user: TestUser, format = "json") {
  return app.inject({ method: "GET", url: `/api/export?format=${format}`, headers: user.headers });
}

async function jsonExport(user: TestUser): Promise<ExportDocument> {
  const response = await exportOf(user);
  expect(response.statusCode).toBe(200);
  return JSON.parse(response.body) as ExportDocument;
}

/** Row ids and references replaced by each row's position in its kind; account fields dropped. */
const REFERENCES: Record<string, string> = {
  cardId: "reviewCards",
  attemptId: "attempts",
  planId: "studyPlans",
  scheduledInterviewId: "scheduledInterviews",
  sessionId: "interviewSessions",
  conversationId: "conversations",
  messageId: "messages",
};
function withoutIds(doc: ExportDocument) {
  const position: Record<string, Map<unknown, number>> = {};
  for (const kind of EXPORT_KIND_NAMES) position[kind] = new Map(doc.data[kind].map((row, i) => [row.id, i]));
  const data = Object.fromEntries(
    EXPORT_KIND_NAMES.map((kind) => [
      kind,
      doc.data[kind].map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => {
            if (key === "id") return [key, position[kind].get(value)];
            if (key in REFERENCES && value !== null) return [key, position[REFERENCES[key]].get(value)];
            return [key, value];
          }),
        ),
      ),
    ]),
  );
  const { email: _email, createdAt: _createdAt, ...profile } = doc.profile;
  return { format: doc.format, version: doc.version, profile, data };
}

describe(`export and import on ${usingPostgres ? "PostgreSQL" : "PGlite"} + ${usingRedis ? "Redis" : "memory cache"}`, () => {
  it("exports every kind of the user's data as one JSON attachment, and none of another user's", async () => {
    const response = await exportOf(alice);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/json");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="maang-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const doc = JSON.parse(response.body) as ExportDocument;
    expect(doc.format).toBe("maang-tracker-export");
    expect(doc.profile).toMatchObject({ email: alice.email, timezone: "Asia/Tokyo", targetRetention: 0.87 });
    for (const kind of EXPORT_KIND_NAMES) expect(doc.data[kind].length, kind).toBeGreaterThan(0);
    expect(doc.data.attempts.map((a) => [a.problemSlug, a.problemIsCustom, a.outcome])).toEqual([
      ["two-sum", false, "solved"],
      ["my-custom-alice-marker", true, "failed"],
      ["two-sum", true, "gave_up"],
    ]);
    expect(doc.data.customProblems[0]).toMatchObject({ slug: "my-custom-alice-marker", topics: ["arrays", "graphs"] });
    expect(response.body).toContain("alice-marker");
    expect(response.body).not.toContain("carol-secret");
    expect(response.body).not.toMatch(/passwordHash|argon2|embedding/);
  });

  it("restores an export into a fresh account: exporting it again gives the same document, ids aside", async () => {
    const original = await jsonExport(alice);
    const bob = await signUp(app);
    const imported = await app.inject({ method: "POST", url: "/api/import", headers: bob.headers, payload: original });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().counts).toMatchObject({
      attempts: 3,
      notes: 2,
      reviewCards: 2,
      memories: 1,
      customProblems: 2,
    });

    const again = await jsonExport(bob);
    expect(again.profile.email).toBe(bob.email);
    expect(withoutIds(again)).toEqual(withoutIds(original));
    // Fresh rows, not the original ones.
    expect(again.data.attempts[0].id).not.toBe(original.data.attempts[0].id);
    // Alice's account is untouched by the import.
    expect(withoutIds(await jsonExport(alice))).toEqual(withoutIds(original));
  });

  it("queues the restored memories for embedding (vectors are not in the file)", async () => {
    const original = await jsonExport(alice);
    const dave = await signUp(app);
    expect(
      (await app.inject({ method: "POST", url: "/api/import", headers: dave.headers, payload: original })).statusCode,
    ).toBe(201);
    await ctx.jobs.drain();
    const pending = await ctx.memory.manager.pendingCount(dave.id);
    // Inline jobs have run by now; with Redis, a worker process does it (none runs in this test).
    if (ctx.jobs.mode === "inline") expect(pending).toBe(0);
    else expect(pending).toBe(1);
  });

  it("refuses to import into an account that already has data (409) and changes nothing", async () => {
    const original = await jsonExport(alice);
    const before = await countUserRows(ctx.db, alice.id);
    const response = await app.inject({
      method: "POST",
      url: "/api/import",
      headers: alice.headers,
      payload: original,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain("only restores into an empty account");
    expect(await countUserRows(ctx.db, alice.id)).toEqual(before);
  });

  it("writes nothing at all when a row in the middle of the file is bad (one transaction)", async () => {
    const original = await jsonExport(alice);
    const broken = structuredClone(original);
    broken.data.attempts[2] = { ...broken.data.attempts[2], problemSlug: "no-such-problem", problemIsCustom: false };
    const erin = await signUp(app);
    const response = await app.inject({ method: "POST", url: "/api/import", headers: erin.headers, payload: broken });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("no-such-problem");
    for (const [table, n] of Object.entries(await countUserRows(ctx.db, erin.id)))
      expect(n, table).toBe(table === "sessions" ? 1 : 0);
    const me = await app.inject({ method: "GET", url: "/api/me", headers: erin.headers });
    expect(me.json().user).toMatchObject({ timezone: "UTC", focusTopic: null });
  });

  it.each([
    ["not an export at all", () => ({ hello: "world" }), /format/],
    ["a newer version", (d: ExportDocument) => ({ ...d, version: 2 }), /version/],
    [
      "an unknown field on a row",
      (d: ExportDocument) => ({ ...d, data: { ...d.data, notes: [{ ...d.data.notes[0], colour: "red" }] } }),
      /data\.notes\.0/,
    ],
    [
      "a wrong-typed field",
      (d: ExportDocument) => ({ ...d, data: { ...d.data, attempts: [{ ...d.data.attempts[0], minutes: "ten" }] } }),
      /data\.attempts\.0\.minutes/,
    ],
    [
      "a duplicate note for one problem",
      (d: ExportDocument) => ({ ...d, data: { ...d.data, notes: [d.data.notes[0], d.data.notes[0]] } }),
      /duplicate/,
    ],
    [
      "a review log pointing at a card that is not in the file",
      (d: ExportDocument) => ({
        ...d,
        data: { ...d.data, reviewLogs: [{ ...d.data.reviewLogs[0], cardId: 999_999_999 }] },
      }),
      /review card 999999999, which is not in the file/,
    ],
    [
      "an unknown topic",
      (d: ExportDocument) => ({
        ...d,
        data: { ...d.data, weaknessSnapshots: [{ ...d.data.weaknessSnapshots[0], topicId: "astrology" }] },
      }),
      /astrology/,
    ],
  ])("refuses %s with a 400 that says what is wrong, and writes nothing", async (_label, mutate, message) => {
    const original = await jsonExport(alice);
    const user = await signUp(app);
    const response = await app.inject({
      method: "POST",
      url: "/api/import",
      headers: user.headers,
      payload: mutate(original) as object,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
    const counts = await countUserRows(ctx.db, user.id);
    for (const [table, n] of Object.entries(counts)) expect(n, table).toBe(table === "sessions" ? 1 : 0);
  });

  it("exports csv as a zip with one csv per kind, quoted where needed and safe to open in a spreadsheet", async () => {
    const response = await exportOf(alice, "csv");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/zip");
    expect(response.headers["content-disposition"]).toMatch(/filename="maang-export-.*\.zip"/);
    const files = unzipSync(new Uint8Array(response.rawPayload));
    expect(Object.keys(files).sort()).toEqual(
      [
        "profile",
        "custom_problems",
        "attempts",
        "notes",
        "review_cards",
        "review_logs",
        "weakness_snapshots",
        "study_plans",
        "plan_items",
        "scheduled_interviews",
        "reminders",
        "interview_sessions",
        "interview_answers",
        "conversations",
        "messages",
        "memories",
      ]
        .map((f) => `${f}.csv`)
        .sort(),
    );
    const attempts = strFromU8(files["attempts.csv"]);
    const lines = attempts.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,problemSlug,problemIsCustom,outcome,rating,minutes,language,notes,attemptedAt,source,externalId,createdAt",
    );
    expect(attempts).toContain('"hash map alice-marker, ""quoted"", comma"');
    expect(attempts).toContain(`"'=SUM(A1) alice-marker\nsecond line"`);
    expect(strFromU8(files["profile.csv"])).toContain(alice.email);
    expect(Object.values(files).some((f) => strFromU8(f).includes("carol-secret"))).toBe(false);
  });

  it("exports xlsx that exceljs reads back: a Summary sheet with counts and a sheet per kind", async () => {
    const response = await exportOf(alice, "xlsx");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Summary", "profile", ...EXPORT_KIND_NAMES]);
    const summary = book.getWorksheet("Summary")!;
    const counts = new Map<string, unknown>();
    summary.eachRow((row) => counts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(counts.get("Account")).toBe(alice.email);
    expect(counts.get("attempts")).toBe(3);
    expect(counts.get("memories")).toBe(1);
    const attempts = book.getWorksheet("attempts")!;
    expect(attempts.rowCount).toBe(4);
    expect(attempts.getRow(1).getCell(2).value).toBe("problemSlug");
    expect(attempts.getRow(2).getCell(2).value).toBe("two-sum");
    expect(attempts.getRow(2).getCell(6).value).toBe(12);
    expect(attempts.getRow(3).getCell(8).value).toBe("=SUM(A1) alice-marker\nsecond line");
  });

  it("needs a login, and an unknown format is a 400", async () => {
    expect((await app.inject({ method: "GET", url: "/api/export" })).statusCode).toBe(401);
    const pdf = await exportOf(alice, "pdf");
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.message).toContain("format");
    const anonymousImport = await app.inject({ method: "POST", url: "/api/import", payload: {} });
    expect(anonymousImport.statusCode).toBe(401);
  });
});

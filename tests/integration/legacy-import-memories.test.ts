// The chat history's memories, written after the import by the import-memories job (decision 0015):
// none during the import, one per user and mentor turn after the job, never twice, for the right user
// only; an interrupted import resumes. Embedded (PGlite) and on the real PostgreSQL.
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import type { Database as SqliteDatabase } from "sql.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { memories, messages } from "../../src/database/schema.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import {
  type ImportReport,
  importLegacyFiles,
  pendingImportedMemories,
  queueImportedMemories,
} from "../../src/services/legacy-import/index.js";
import { createTestContext, uniqueEmail } from "../helpers/context.js";
import { createAgentDb, insertRows, tempDir } from "../helpers/legacy-sqlite.js";

let ctx: AppContext;
const dir = tempDir("import-memories-test");
const clock = new FakeClock("2025-11-20T00:00:00Z");

beforeAll(async () => {
  ctx = await createTestContext();
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const INSERT =
  "insert into conversation_history (id, user_id, session_id, role, message, timestamp) values (?,?,?,?,?,?)";
const chat = (db: SqliteDatabase) =>
  insertRows(db, INSERT, [
    [1, "legacy", "s1", "user", "How do I speed up a sliding window over strings?", "2025-11-01 08:00:00"],
    [2, "legacy", "s1", "assistant", "Keep counts in a hash map and move the left edge.", "2025-11-01 08:00:05"],
    [3, "legacy", "s1", "system", "You are a helpful mentor.", "2025-11-01 08:00:06"],
    [4, "legacy", "s2", "user", "When is a monotonic stack the right tool?", "2025-11-02 08:00:00"],
    [
      5,
      "legacy",
      "s2",
      "assistant",
      "Next greater element questions: keep the stack decreasing.",
      "2025-11-02 08:00:09",
    ],
  ]);

async function newUser(label: string) {
  const email = uniqueEmail(label);
  const user = await createUser(ctx.db, { email, password: "long enough password" });
  return { id: user.id, email, timezone: "UTC" };
}

/** What the CLI does after an import: queue the import-memories job, here run to its end (inline jobs). */
async function runMemoryJobs(report: ImportReport) {
  await queueImportedMemories(ctx.jobs, report);
  await ctx.jobs.drain();
}

const countOf = async (table: typeof messages | typeof memories, userId: number) =>
  (await ctx.db.select({ n: count() }).from(table).where(eq(table.userId, userId)))[0].n;

const chatMemories = (userId: number) =>
  ctx.db
    .select({ text: memories.text, messageId: memories.messageId, externalId: memories.externalId })
    .from(memories)
    .where(and(eq(memories.userId, userId), eq(memories.kind, "message")))
    .orderBy(memories.id);

describe("the memories of imported chat messages", () => {
  let user: Awaited<ReturnType<typeof newUser>>;
  let path: string;
  let first: ImportReport;

  beforeAll(async () => {
    user = await newUser("chat");
    path = await createAgentDb(dir, chat);
    first = await importLegacyFiles(ctx.db, clock, [path], { userEmail: user.email });
  });

  it("are not written by the import itself: its messages wait for the job", async () => {
    expect(first.messagesQueuedForMemory).toEqual({ [user.id]: 4 });
    expect(await countOf(messages, user.id)).toBe(5);
    expect(await countOf(memories, user.id)).toBe(0);
    expect(await pendingImportedMemories(ctx.db, user.id)).toBe(4);
    expect((await ctx.memory.rag.search(user, "monotonic stack")).hits).toEqual([]);
  });

  it("are written by the job, one per user and mentor turn, and found by full text at once", async () => {
    await runMemoryJobs(first);
    const rows = await chatMemories(user.id);
    expect(rows.map((r) => r.text)).toEqual([
      "User: How do I speed up a sliding window over strings?",
      "Mentor: Keep counts in a hash map and move the left edge.",
      "User: When is a monotonic stack the right tool?",
      "Mentor: Next greater element questions: keep the stack decreasing.",
    ]);
    expect(rows.every((r) => r.messageId !== null)).toBe(true);
    expect(rows[0].externalId).toMatch(/^maang_agent_memory-[0-9a-f]{8}\.db#user=\d+\/conversation_history\/1$/);
    expect(await pendingImportedMemories(ctx.db, user.id)).toBe(0);
    const found = await ctx.memory.rag.search(user, "monotonic stack");
    expect(found.hits.map((h) => h.text)).toContain("User: When is a monotonic stack the right tool?");
  });

  it("are not written twice when the import and the job run again", async () => {
    const second = await importLegacyFiles(ctx.db, clock, [path], { userEmail: user.email });
    expect(second.totals).toMatchObject({ imported: 0, alreadyImported: 5 });
    expect(second.messagesQueuedForMemory).toEqual({});
    // a job queued anyway (a retry, a second worker) finds nothing left to do
    await runMemoryJobs({ ...second, messagesQueuedForMemory: { [user.id]: 1 } });
    expect(await countOf(messages, user.id)).toBe(5);
    expect(await countOf(memories, user.id)).toBe(4);
  });
});

describe("an import interrupted by a failing batch", () => {
  it("keeps the batches before it, then imports only the rest, and the job writes every memory once", async () => {
    const user = await newUser("resume");
    const row = (id: number, message: unknown) => [
      id,
      "legacy",
      "s1",
      id % 2 ? "user" : "assistant",
      message,
      `2025-11-0${id} 08:00:00`,
    ];
    const path = await createAgentDb(dir, (db) =>
      insertRows(db, INSERT, [
        row(1, "first question"),
        row(2, "first answer"),
        row(3, "second question"),
        row(4, "second answer"),
        row(5, "third question"),
        row(6, "third answer"),
        row(7, "fourth question"),
      ]),
    );
    // The database refuses row 5 of this user (a trigger standing in for a failure mid-import: a lost
    // connection, a full disk): its batch (rows 5 and 6) fails and the import stops there.
    const trigger = `refuse_import_${user.id}`;
    await ctx.db.execute(
      sql.raw(`create function ${trigger}() returns trigger language plpgsql as $$
        begin
          if new.user_id = ${user.id} and new.content = 'third question' then
            raise exception 'refused for the test';
          end if;
          return new;
        end $$`),
    );
    await ctx.db.execute(
      sql.raw(`create trigger ${trigger} before insert on messages for each row execute function ${trigger}()`),
    );
    try {
      await expect(importLegacyFiles(ctx.db, clock, [path], { userEmail: user.email, batchSize: 2 })).rejects.toThrow(
        /refused for the test/,
      );
    } finally {
      await ctx.db.execute(sql.raw(`drop trigger ${trigger} on messages`));
      await ctx.db.execute(sql.raw(`drop function ${trigger}()`));
    }
    expect(await countOf(messages, user.id)).toBe(4);
    expect(await pendingImportedMemories(ctx.db, user.id)).toBe(4);

    const resumed = await importLegacyFiles(ctx.db, clock, [path], { userEmail: user.email, batchSize: 2 });
    const history = resumed.tables.find((t) => t.table === "conversation_history");
    expect(history).toMatchObject({ read: 7, imported: 3, skipped: 0, alreadyImported: 4 });
    expect(resumed.messagesQueuedForMemory).toEqual({ [user.id]: 3 });

    // the job of the resumed run also writes the memories of the interrupted run's messages
    await runMemoryJobs(resumed);
    const rows = await chatMemories(user.id);
    expect(rows.map((r) => r.text)).toEqual([
      "User: first question",
      "Mentor: first answer",
      "User: second question",
      "Mentor: second answer",
      "User: third question",
      "Mentor: third answer",
      "User: fourth question",
    ]);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(7);
  });
});

describe("a NUL byte in the old platform's chat", () => {
  it("is dropped from the text, the JSON metadata and the session key, and every row is imported", async () => {
    const user = await newUser("nul");
    const path = await createAgentDb(dir, (db) => {
      insertRows(
        db,
        "insert into conversation_history (id, user_id, session_id, role, message, timestamp, metadata) values (?,?,?,?,?,?,?)",
        [
          // a blob with a NUL, as Python's sqlite3 stores bytes
          [1, "legacy", "s\u00001", "user", new Uint8Array([0x62, 0x61, 0x00, 0x64]), "2025-11-01 08:00:00", null],
          // a string with a NUL, and JSON whose escape becomes one when parsed
          [2, "legacy", "s1", "assistant", "good\u0000 answer", "2025-11-01 08:00:05", '{"n\\u0000ote": "a\\u0000b"}'],
          [3, "legacy", "s1", "user", "plain question", "2025-11-01 08:00:09", null],
        ],
      );
    });
    const report = await importLegacyFiles(ctx.db, clock, [path], { userEmail: user.email, batchSize: 2 });
    const history = report.tables.find((t) => t.table === "conversation_history");
    expect(history).toMatchObject({ read: 3, imported: 3, skipped: 0 });
    const stored = await ctx.db
      .select({ content: messages.content, metadata: messages.metadata, conversationId: messages.conversationId })
      .from(messages)
      .where(eq(messages.userId, user.id))
      .orderBy(messages.createdAt);
    expect(stored.map((m) => m.content)).toEqual(["bad", "good answer", "plain question"]);
    expect(stored[1]?.metadata).toMatchObject({ legacy: { note: "ab" } });
    // "s\u00001" and "s1" are one session once the NUL is gone: one conversation
    expect(new Set(stored.map((m) => m.conversationId)).size).toBe(1);
    // a second run finds every row already imported
    const again = await importLegacyFiles(ctx.db, clock, [path], { userEmail: user.email, batchSize: 2 });
    expect(again.totals).toMatchObject({ imported: 0, alreadyImported: 3 });
  });
});

describe("two accounts importing the same chat", () => {
  it("writes one account's memories without touching the other's messages or memories", async () => {
    const alice = await newUser("alice");
    const bob = await newUser("bob");
    const path = await createAgentDb(dir, chat);
    const forAlice = await importLegacyFiles(ctx.db, clock, [path], { userEmail: alice.email });
    const forBob = await importLegacyFiles(ctx.db, clock, [path], { userEmail: bob.email });
    // the same file is new for each account: its rows are keyed by file and account
    expect(forBob.totals).toMatchObject({ imported: 5, alreadyImported: 0 });

    await runMemoryJobs(forAlice);
    expect(await countOf(memories, alice.id)).toBe(4);
    expect(await countOf(memories, bob.id)).toBe(0);
    expect(await pendingImportedMemories(ctx.db, bob.id)).toBe(4);
    expect((await ctx.memory.rag.search(bob, "monotonic stack")).hits).toEqual([]);

    await runMemoryJobs(forBob);
    // the same texts are stored for each account (dedup is per account)
    expect((await chatMemories(bob.id)).map((r) => r.text)).toEqual((await chatMemories(alice.id)).map((r) => r.text));
    const bobsMessages = await ctx.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.userId, bob.id), isNotNull(messages.importKey)));
    const bobsMemoryMessages = (await chatMemories(bob.id)).map((r) => r.messageId);
    expect(bobsMemoryMessages.every((id) => bobsMessages.some((m) => m.id === id))).toBe(true);
    expect(await countOf(memories, alice.id)).toBe(4);
  });
});

describe("a message whose text the account already remembers", () => {
  it("is not stored again: the job's hash in SQL is the memory store's", async () => {
    const user = await newUser("dedup");
    await ctx.memory.manager.remember(
      user.id,
      { text: "User:  how do I speed up a SLIDING window\tover strings?" },
      "none",
    );
    const report = await importLegacyFiles(ctx.db, clock, [await createAgentDb(dir, chat)], { userEmail: user.email });
    await runMemoryJobs(report);
    expect(await countOf(memories, user.id)).toBe(4);
    expect((await chatMemories(user.id)).map((r) => r.text)).toEqual([
      "Mentor: Keep counts in a hash map and move the left edge.",
      "User: When is a monotonic stack the right tool?",
      "Mentor: Next greater element questions: keep the stack decreasing.",
    ]);
  });
});

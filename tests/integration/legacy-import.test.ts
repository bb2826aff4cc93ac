// The old platform's SQLite files into the new schema: on copies of the shared fixtures and on files
// built from the upstream DDL, embedded (PGlite) and on the real PostgreSQL.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import {
  attempts,
  conversations,
  interviewSessions,
  memories,
  messages,
  planItems,
  platformAccounts,
  problems,
  reminders,
  reviewCards,
  scheduledInterviews,
  studyPlans,
  users,
} from "../../src/database/schema.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { importLegacyFiles, queueImportedMemories } from "../../src/services/legacy-import/index.js";
import { createTestContext, uniqueEmail } from "../helpers/context.js";
import { createTestApp } from "../helpers/http.js";
import {
  copyFixture,
  createAgentDb,
  fillCopy,
  insertRows,
  LEGACY_FIXTURES,
  tempDir,
} from "../helpers/legacy-sqlite.js";

let ctx: AppContext;
const dir = tempDir("import-test");
const fixtureHashes = new Map<string, string>();
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

beforeAll(async () => {
  for (const f of readdirSync(LEGACY_FIXTURES)) fixtureHashes.set(f, sha(join(LEGACY_FIXTURES, f)));
  ctx = await createTestContext();
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const clockAt = (iso: string) => new FakeClock(iso);
/** The import-memories job the CLI queues after an import, run to its end (inline jobs in tests). */
const runMemoryJobs = async (report: Awaited<ReturnType<typeof importLegacyFiles>>) => {
  await queueImportedMemories(ctx.jobs, report);
  await ctx.jobs.drain();
};
const tableOf = (report: Awaited<ReturnType<typeof importLegacyFiles>>, table: string) => {
  const t = report.tables.find((r) => r.table === table);
  if (!t) throw new Error(`no report line for ${table}`);
  return t;
};

describe("the platform database (users, progress) and the agent memory", () => {
  const tag = randomUUID().slice(0, 8);
  const alice = { username: `alice_${tag}`, email: uniqueEmail("alice") };
  const hash = bcrypt.hashSync("legacy-password", 4);
  let platformPath: string;
  let agentPath: string;
  let first: Awaited<ReturnType<typeof importLegacyFiles>>;

  beforeAll(async () => {
    platformPath = await fillCopy(copyFixture("maang_data.db", dir), (db) => {
      insertRows(
        db,
        "insert into users (id, username, email, password_hash, full_name, created_at) values (?,?,?,?,?,?)",
        [
          [1, alice.username, alice.email.toUpperCase(), hash, "Alice Legacy", "2025-10-01 09:00:00"],
          [2, `bob_${tag}`, uniqueEmail("bob"), "sha256$not-bcrypt", "Bob", "2025-10-02 09:00:00"],
        ],
      );
      insertRows(db, "insert into roadmap_topics (id, name, category) values (?,?,?)", [
        [1, "Arrays & Hashing", "dsa"],
        [2, "Dynamic Programming", "dsa"],
      ]);
      insertRows(
        db,
        "insert into topic_problems (id, topic_id, platform, problem_slug, problem_title, difficulty) values (?,?,?,?,?,?)",
        [
          [1, 1, "leetcode", "two-sum", "Two Sum", "easy"],
          [2, 1, "custom", `my-own-problem-${tag}`, "My Own Problem", "hard"],
          [3, 2, "leetcode", "climbing-stairs", "Climbing Stairs", "easy"],
        ],
      );
      insertRows(
        db,
        "insert into user_problem_status (id, user_id, problem_id, status, attempts, last_attempted, solved_at, time_taken_minutes, notes) values (?,?,?,?,?,?,?,?,?)",
        [
          [1, 1, 1, "solved", 2, "2025-11-01 10:00:00", "2025-11-01 10:20:00", 20, "hash map"],
          [2, 1, 2, "attempted", 1, "2025-11-02 10:00:00", null, 45, null],
          [3, 1, 3, "not_started", 0, null, null, null, null],
        ],
      );
      insertRows(
        db,
        "insert into user_credentials (id, user_id, platform, username, session_cookie) values (?,?,?,?,?)",
        [[1, 1, "leetcode", `alice-lc-${tag}`, "gAAAAAB-old-fernet-token"]],
      );
      insertRows(
        db,
        "insert into weakness_analysis (id, user_id, topic_id, weakness_type, weakness_name, severity_score) values (?,?,?,?,?,?)",
        [[1, 1, 2, "topic", "Dynamic Programming", 8.5]],
      );
      insertRows(db, "insert into cache_store (cache_key, cache_value, user_id, expires_at) values (?,?,?,?)", [
        ["progress_1", "[]", 1, "2025-12-10 19:02:40"],
      ]);
    });
    agentPath = await createAgentDb(dir, (db) => {
      insertRows(
        db,
        "insert into conversation_history (id, user_id, session_id, role, message, timestamp) values (?,?,?,?,?,?)",
        [
          [1, alice.username, "s1", "user", "How do I get better at dynamic programming?", "2025-11-03 08:00:00"],
          [
            2,
            alice.username,
            "s1",
            "assistant",
            "Start with 1-D DP: climbing stairs, house robber.",
            "2025-11-03 08:00:05",
          ],
          [3, alice.username, "s2", "user", "Explain the sliding window pattern.", "2025-11-04 08:00:00"],
          [4, "stranger", "s9", "user", "Nobody knows me.", "2025-11-04 09:00:00"],
        ],
      );
      insertRows(
        db,
        "insert into learning_path (id, user_id, week_number, primary_focus, target_problems, completed_problems, status, start_date, end_date) values (?,?,?,?,?,?,?,?,?)",
        [
          [1, alice.username, 1, "Arrays & Hashing", 10, 10, "completed", "2025-11-03", "2025-11-09"],
          [2, alice.username, 2, "Two Pointers", 8, 3, "in_progress", "2025-11-10", "2025-11-16"],
        ],
      );
      insertRows(
        db,
        "insert into problem_mastery (id, user_id, problem_id, problem_name, category, attempts, mastery_level, verified_date) values (?,?,?,?,?,?,?,?)",
        [[1, alice.username, "valid-anagram", "Valid Anagram", "arrays", 1, 4, "2025-11-05 10:00:00"]],
      );
      insertRows(db, "insert into weakness_profile (id, topic, score) values (?,?,?)", [[1, "graphs", 3]]);
    });
    first = await importLegacyFiles(ctx.db, clockAt("2025-11-20T00:00:00Z"), [agentPath, platformPath]);
    await runMemoryJobs(first);
  }, 120_000);

  it("creates the legacy account with its bcrypt hash, and skips one whose hash is not bcrypt", async () => {
    const [user] = await ctx.db.select().from(users).where(eq(users.email, alice.email));
    expect(user).toMatchObject({ name: "Alice Legacy", passwordAlgo: "bcrypt", passwordHash: hash });
    expect(bcrypt.compareSync("legacy-password", user.passwordHash)).toBe(true);
    const report = tableOf(first, "users");
    expect([report.read, report.imported, report.skipped]).toEqual([2, 1, 1]);
    expect(Object.keys(report.reasons)[0]).toMatch(/not bcrypt/);
  });

  it("lets the imported account log in with its old password, then stores it as argon2id", async () => {
    const app = await createTestApp(ctx);
    try {
      const wrong = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: alice.email, password: "not the password" },
      });
      expect(wrong.statusCode).toBe(401);
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: alice.email, password: "legacy-password" },
      });
      expect(login.statusCode).toBe(200);
      const [user] = await ctx.db.select().from(users).where(eq(users.email, alice.email));
      expect(user.passwordAlgo).toBe("argon2id");
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    } finally {
      await app.close();
    }
  });

  it("turns solved and attempted problems into attempts with review cards, and makes unknown slugs custom problems", async () => {
    const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, alice.email));
    const rows = await ctx.db
      .select({
        slug: problems.slug,
        owner: problems.ownerUserId,
        outcome: attempts.outcome,
        minutes: attempts.minutes,
        source: attempts.source,
      })
      .from(attempts)
      .innerJoin(problems, eq(problems.id, attempts.problemId))
      .where(eq(attempts.userId, user.id))
      .orderBy(attempts.attemptedAt);
    expect(rows).toEqual([
      { slug: "two-sum", owner: null, outcome: "solved", minutes: 20, source: "import" },
      { slug: `my-own-problem-${tag}`, owner: user.id, outcome: "failed", minutes: 45, source: "import" },
      { slug: "valid-anagram", owner: null, outcome: "solved", minutes: null, source: "import" },
    ]);
    expect(tableOf(first, "user_problem_status").reasons).toEqual({ "not started: nothing to record": 1 });
    const cards = await ctx.db.select().from(reviewCards).where(eq(reviewCards.userId, user.id));
    expect(cards).toHaveLength(3);
    const solvedCard = cards.find((c) => c.reps === 1 && c.due > new Date("2025-11-02T00:00:00Z"));
    expect(solvedCard).toBeDefined();
  });

  it("links the LeetCode username but not the old platform's encrypted cookie", async () => {
    const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, alice.email));
    const links = await ctx.db.select().from(platformAccounts).where(eq(platformAccounts.userId, user.id));
    expect(links.map((l) => [l.platform, l.username, l.secretEncrypted])).toEqual([
      ["leetcode", `alice-lc-${tag}`, null],
    ]);
    expect(first.notes.join(" ")).toMatch(/not imported/);
  });

  it("puts the conversation history into conversations, messages and memories of the right user", async () => {
    const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, alice.email));
    const convs = await ctx.db
      .select()
      .from(conversations)
      .where(eq(conversations.userId, user.id))
      .orderBy(conversations.id);
    expect(convs.map((c) => c.title)).toEqual([
      "How do I get better at dynamic programming?",
      "Explain the sliding window pattern.",
    ]);
    const [{ n: messageCount }] = await ctx.db
      .select({ n: count() })
      .from(messages)
      .where(eq(messages.userId, user.id));
    expect(messageCount).toBe(3);
    const mems = await ctx.db
      .select({ text: memories.text, model: memories.embeddingModel, conversationId: memories.conversationId })
      .from(memories)
      .where(and(eq(memories.userId, user.id), eq(memories.kind, "message")))
      .orderBy(memories.id);
    expect(mems.map((m) => m.text)).toEqual([
      "User: How do I get better at dynamic programming?",
      "Mentor: Start with 1-D DP: climbing stairs, house robber.",
      "User: Explain the sliding window pattern.",
    ]);
    expect(mems.every((m) => m.conversationId !== null)).toBe(true);
    expect(first.messagesQueuedForMemory).toEqual({ [user.id]: 3 });
    const history = tableOf(first, "conversation_history");
    expect([history.read, history.imported, history.skipped]).toEqual([4, 3, 1]);
    expect(Object.keys(history.reasons)[0]).toMatch(/no account for legacy user "stranger"/);
  });

  it("makes the learning path one study plan with an item per week", async () => {
    const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, alice.email));
    const plans = await ctx.db.select().from(studyPlans).where(eq(studyPlans.userId, user.id));
    expect(plans).toHaveLength(1);
    expect([plans[0].startsOn, plans[0].endsOn]).toEqual(["2025-11-03", "2025-11-16"]);
    const items = await ctx.db
      .select()
      .from(planItems)
      .where(eq(planItems.planId, plans[0].id))
      .orderBy(planItems.week);
    expect(items.map((i) => [i.week, i.topicId, i.doneAt !== null])).toEqual([
      [1, "arrays", true],
      [2, "two_pointers", false],
    ]);
  });

  it("skips tables without a home, and rows of tables without a user column, saying why", () => {
    expect(tableOf(first, "cache_store").reasons).toEqual({ "cache entries are rebuilt on demand": 1 });
    expect(Object.keys(tableOf(first, "weakness_profile").reasons)[0]).toMatch(/pass --user/);
    const totals = first.totals;
    expect(totals.read).toBe(totals.imported + totals.skipped);
  });

  it("imports nothing the second time", async () => {
    const second = await importLegacyFiles(ctx.db, clockAt("2025-11-20T00:00:00Z"), [platformPath, agentPath]);
    expect(second.totals.imported).toBe(0);
    expect(second.totals.alreadyImported).toBe(first.totals.imported);
    expect(second.memoriesToEmbed).toBe(0);
    expect(second.messagesQueuedForMemory).toEqual({});
  });
});

describe("the interview database assigned to one account with --user", () => {
  let email: string;
  let userId: number;
  let path: string;

  beforeAll(async () => {
    email = uniqueEmail("interviewee");
    userId = (await createUser(ctx.db, { email, password: "long enough password" })).id;
    path = copyFixture("interview.db", dir);
  });

  it("writes nothing in a dry run, yet reports what it would import", async () => {
    const report = await importLegacyFiles(ctx.db, clockAt("2025-11-16T12:00:00Z"), [path], {
      userEmail: email,
      dryRun: true,
    });
    expect(report.dryRun).toBe(true);
    expect(tableOf(report, "scheduled_interviews").imported).toBe(26);
    const [{ n }] = await ctx.db
      .select({ n: count() })
      .from(scheduledInterviews)
      .where(eq(scheduledInterviews.userId, userId));
    expect(n).toBe(0);
  });

  it("imports scheduled interviews, sessions and the reminders still to come", async () => {
    const report = await importLegacyFiles(ctx.db, clockAt("2025-11-16T12:00:00Z"), [path], { userEmail: email });
    expect(tableOf(report, "scheduled_interviews")).toMatchObject({ read: 26, imported: 26, skipped: 0 });
    expect(tableOf(report, "interview_sessions")).toMatchObject({ read: 4, imported: 4 });
    const sessions = await ctx.db.select().from(interviewSessions).where(eq(interviewSessions.userId, userId));
    expect(sessions.map((s) => s.status)).toEqual(["expired", "expired", "expired", "expired"]);
    const scheduled = await ctx.db
      .select()
      .from(scheduledInterviews)
      .where(eq(scheduledInterviews.userId, userId))
      .orderBy(scheduledInterviews.scheduledAt);
    expect(scheduled[0]).toMatchObject({ company: "google", role: "sde", mode: "coding" });
    expect(scheduled.filter((s) => s.status === "completed")).toHaveLength(2);
    const rows = await ctx.db.select().from(reminders).where(eq(reminders.userId, userId));
    expect(rows.length).toBe(78);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["24h", "1h", "5m"]));
    expect(rows.filter((r) => r.sentAt === null)).toHaveLength(78);
  });

  it("imports nothing when run again", async () => {
    const report = await importLegacyFiles(ctx.db, clockAt("2025-11-16T12:00:00Z"), [path], { userEmail: email });
    expect(report.totals.imported).toBe(0);
    expect(report.totals.alreadyImported).toBe(26 + 4 + 78);
  });

  it("does not send reminders that were due before the import", async () => {
    const late = uniqueEmail("late");
    await createUser(ctx.db, { email: late, password: "long enough password" });
    const report = await importLegacyFiles(
      ctx.db,
      clockAt("2026-06-01T00:00:00Z"),
      [copyFixture("interview.db", dir)],
      {
        userEmail: late,
      },
    );
    expect(tableOf(report, "interview_reminders")).toMatchObject({ imported: 0, skipped: 78 });
    expect(Object.keys(tableOf(report, "interview_reminders").reasons)).toEqual([
      "was due before the import and never sent: it is not sent late",
    ]);
  });

  it("skips every row of the fixture when no account owns its legacy users", async () => {
    const report = await importLegacyFiles(ctx.db, clockAt("2025-11-16T12:00:00Z"), [copyFixture("interview.db", dir)]);
    expect(report.totals.imported).toBe(0);
    expect(tableOf(report, "scheduled_interviews").skipped).toBe(26);
  });
});

describe("the conversation history imported in small batches, then again after the file grew", () => {
  it("adds only the new rows, reuses the conversations, and keeps the per-table report right", async () => {
    const email = uniqueEmail("batches");
    const userId = (await createUser(ctx.db, { email, password: "long enough password" })).id;
    const row = (id: number, session: string, message: string) => [
      id,
      "legacy-someone",
      session,
      id % 2 ? "user" : "assistant",
      message,
      `2025-11-0${1 + (id % 5)} 08:00:0${id % 10}`,
    ];
    const insert =
      "insert into conversation_history (id, user_id, session_id, role, message, timestamp) values (?,?,?,?,?,?)";
    const path = await createAgentDb(dir, (db) =>
      insertRows(db, insert, [
        row(1, "a", "first question"),
        row(2, "a", "first answer"),
        row(3, "a", "   "),
        row(4, "b", "second question"),
        row(5, "b", "second answer"),
        row(6, "a", "third question"),
        row(7, "b", "third answer"),
      ]),
    );
    const first = await importLegacyFiles(ctx.db, clockAt("2025-11-20T00:00:00Z"), [path], {
      userEmail: email,
      batchSize: 3,
    });
    const history = tableOf(first, "conversation_history");
    expect([history.read, history.imported, history.skipped, history.alreadyImported]).toEqual([7, 6, 1, 0]);
    expect(history.reasons).toEqual({ "empty message": 1 });

    await fillCopy(path, (db) =>
      insertRows(db, insert, [row(8, "a", "fourth question"), row(9, "c", "a new session"), row(10, "b", "more")]),
    );
    const second = await importLegacyFiles(ctx.db, clockAt("2025-11-21T00:00:00Z"), [path], {
      userEmail: email,
      batchSize: 2,
    });
    const again = tableOf(second, "conversation_history");
    expect([again.read, again.imported, again.skipped, again.alreadyImported]).toEqual([10, 3, 1, 6]);
    expect(second.messagesQueuedForMemory).toEqual({ [userId]: 3 });
    await runMemoryJobs(first);
    await runMemoryJobs(second);

    const [{ n: messageCount }] = await ctx.db.select({ n: count() }).from(messages).where(eq(messages.userId, userId));
    const [{ n: memoryCount }] = await ctx.db.select({ n: count() }).from(memories).where(eq(memories.userId, userId));
    const chats = await ctx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.userId, userId));
    expect([messageCount, memoryCount, chats.length]).toEqual([9, 9, 3]);
    const third = await importLegacyFiles(ctx.db, clockAt("2025-11-22T00:00:00Z"), [path], { userEmail: email });
    expect(third.totals.imported).toBe(0);
    expect(tableOf(third, "conversation_history").alreadyImported).toBe(9);
  });
});

describe("bad input", () => {
  it("refuses a file that is not one of the old databases, naming its tables", async () => {
    const other = join(dir, "other.db");
    const { openSqlite, saveSqlite } = await import("../helpers/legacy-sqlite.js");
    const db = await openSqlite();
    db.exec("create table recipes (id integer primary key, name text)");
    saveSqlite(db, other);
    await expect(importLegacyFiles(ctx.db, clockAt("2025-11-16T12:00:00Z"), [other])).rejects.toThrow(
      /other\.db is not one of the old platform's databases \(tables: recipes\)/,
    );
  });

  it("refuses a file that is not SQLite at all", async () => {
    const text = join(dir, "notes.db");
    writeFileSync(text, "just some text, not a database");
    await expect(importLegacyFiles(ctx.db, clockAt("2025-11-16T12:00:00Z"), [text])).rejects.toThrow(
      /is not a SQLite database/,
    );
  });

  it("asks to create the --user account first when it does not exist", async () => {
    await expect(
      importLegacyFiles(ctx.db, clockAt("2025-11-16T12:00:00Z"), [copyFixture("interview.db", dir)], {
        userEmail: "nobody-here@test.example",
      }),
    ).rejects.toThrow(/No account with the email nobody-here@test.example: create it first/);
  });

  it("never modifies the shared fixtures", () => {
    for (const [f, h] of fixtureHashes) expect(sha(join(LEGACY_FIXTURES, f))).toBe(h);
  });
});

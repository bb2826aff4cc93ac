// `npm run bench -- import`: rows per second importing a generated maang_agent_memory.db (the old
// platform's schema) with ≥ 200k conversation rows into the database of DATABASE_URL (the real
// PostgreSQL; PGlite when unset). Imports as a dedicated user, then deletes that user (and with it every
// imported row) and the generated file.
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { createAppContext } from "../src/app-context.js";
import type { Database } from "../src/config/database.js";
import { loadSettings } from "../src/config/settings.js";
import { users } from "../src/database/schema.js";
import { createUser } from "../src/services/accounts/user-service.js";
import { importLegacyFiles, writeImportedMemories } from "../src/services/legacy-import/index.js";
import { createAgentDb, insertRows, tempDir } from "../tests/helpers/legacy-sqlite.js";
import { printTable } from "./lib.js";
import { rawCopySeconds, rawCopySecondsPglite } from "./support/raw-copy.js";

type PGliteClient = Parameters<typeof rawCopySecondsPglite>[0];

const CONVERSATION_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const MESSAGES_PER_SESSION = 40;
const MASTERY_ROWS = 2_000;
const BATCH_SIZE = Number(process.env.BENCH_IMPORT_BATCH ?? 5000);

const TOPICS = ["arrays", "two pointers", "dynamic programming", "graphs", "heaps", "binary search", "tries"];

function generatedMessage(i: number): string {
  const topic = TOPICS[i % TOPICS.length];
  return i % 2 === 0
    ? `Question ${i}: how should I approach ${topic} problems when the input has ${100 + (i % 900)} elements?`
    : `Answer ${i}: for ${topic}, start from the brute force, then look for the invariant; practise ${1 + (i % 5)} problems today.`;
}

/**
 * Deletes the bench user's rows table by table with foreign-key triggers off for this transaction
 * (superuser): one statement per table. A plain `delete from users` cascades row by row: each of the 200k
 * messages fires its foreign-key actions (among them ON DELETE SET NULL on memories.message_id, indexed since
 * migration 0002) and each of the 200k memories its own.
 */
async function deleteBenchUser(db: Database, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const table of [
      "memories",
      "messages",
      "conversations",
      "review_logs",
      "review_cards",
      "attempts",
      "import_records",
      "weakness_snapshots",
      "plan_items",
      "study_plans",
      "sessions",
      "api_tokens",
    ])
      await tx.execute(sql`delete from ${sql.identifier(table)} where user_id = ${userId}`);
    await tx.execute(sql`delete from problems where owner_user_id = ${userId}`);
    await tx.delete(users).where(eq(users.id, userId));
  });
}

export async function run(): Promise<void> {
  const dir = tempDir("bench-import");
  const genStart = Date.now();
  const file = await createAgentDb(dir, (db) => {
    const rows: unknown[][] = [];
    const base = Date.parse("2024-01-01T00:00:00Z");
    for (let i = 0; i < CONVERSATION_ROWS; i++) {
      rows.push([
        i + 1,
        "bench_user",
        `session-${Math.floor(i / MESSAGES_PER_SESSION)}`,
        i % 2 === 0 ? "user" : "assistant",
        generatedMessage(i),
        new Date(base + i * 60_000).toISOString().replace("T", " ").slice(0, 19),
      ]);
    }
    insertRows(
      db,
      "insert into conversation_history (id, user_id, session_id, role, message, timestamp) values (?,?,?,?,?,?)",
      rows,
    );
    insertRows(
      db,
      "insert into problem_mastery (id, user_id, problem_id, problem_name, category, attempts, mastery_level, verified_date) values (?,?,?,?,?,?,?,?)",
      Array.from({ length: MASTERY_ROWS }, (_, i) => [
        i + 1,
        "bench_user",
        `bench-problem-${i}`,
        `Bench Problem ${i}`,
        "arrays",
        1 + (i % 4),
        1 + (i % 5),
        "2024-06-01 10:00:00",
      ]),
    );
  });
  const generateMs = Date.now() - genStart;

  const settings = loadSettings({ ...process.env, LOG_LEVEL: "warn", EMBEDDING_PROVIDER: "offline" });
  const ctx = await createAppContext({ settings, migrate: true, seed: true });
  const email = `bench-import-${randomUUID().slice(0, 8)}@bench.example`;
  try {
    const user = await createUser(ctx.db, { email, password: "benchmark password" });
    const results: Record<string, unknown>[] = [];
    for (const label of ["first import", "second run (nothing new)"]) {
      const report = await importLegacyFiles(ctx.db, ctx.clock, [file], { userEmail: email, batchSize: BATCH_SIZE });
      const seconds = report.durationMs / 1000;
      const queued = report.messagesQueuedForMemory[user.id] ?? 0;
      results.push({
        run: label,
        database: ctx.database.kind,
        "rows read": report.totals.read,
        imported: report.totals.imported,
        "already imported": report.totals.alreadyImported,
        "memories written": report.memoriesToEmbed,
        seconds: Number(seconds.toFixed(1)),
        "rows/s": Math.round(report.totals.read / seconds),
        "per table (s)":
          report.tables
            .filter((t) => t.read > 0)
            .map((t) => `${t.table} ${(t.durationMs / 1000).toFixed(1)}`)
            .join(", ") + (queued > 0 ? `; ${queued} messages queued for memory` : ""),
      });
      if (queued === 0) continue;
      // the import-memories job's work (its embed-memories jobs are left out: embedding is measured elsewhere)
      const jobStarted = Date.now();
      const written = await writeImportedMemories(ctx.db, user.id);
      const jobSeconds = (Date.now() - jobStarted) / 1000;
      results.push({
        run: "  then: import-memories job (memories of the imported messages)",
        database: ctx.database.kind,
        "rows read": queued,
        imported: written.length,
        "already imported": 0,
        "memories written": written.length,
        seconds: Number(jobSeconds.toFixed(1)),
        "rows/s": Math.round(queued / jobSeconds),
        "per table (s)": `import until memories all written: ${(seconds + jobSeconds).toFixed(1)} s = ${Math.round(report.totals.read / (seconds + jobSeconds))} rows/s`,
      });
    }
    {
      const base = Date.parse("2024-01-01T00:00:00Z");
      const texts = Array.from({ length: CONVERSATION_ROWS }, (_, i) => ({
        role: i % 2 === 0 ? "user" : "assistant",
        text: generatedMessage(i),
        at: new Date(base + i * 60_000),
      }));
      const copy =
        ctx.database.kind === "postgres" && settings.database.url
          ? await rawCopySeconds(settings.database.url, texts, user.id)
          : await rawCopySecondsPglite((ctx.db as unknown as { $client: PGliteClient }).$client, texts, user.id);
      const first = results[0] as { "rows/s": number };
      for (const [label, seconds] of [
        ["bare: COPY into a messages-shaped table, no indexes", copy.messages],
        ["bare: COPY into messages itself (indexes, foreign keys), rolled back", copy.realMessages],
        ["bare: COPY into a memories-shaped table (its indexes + tsvector)", copy.memories],
      ] as const)
        results.push({
          run: label,
          database: ctx.database.kind,
          "rows read": CONVERSATION_ROWS,
          imported: CONVERSATION_ROWS,
          "already imported": 0,
          "memories written": 0,
          seconds: Number(seconds.toFixed(1)),
          "rows/s": Math.round(CONVERSATION_ROWS / seconds),
          "per table (s)": `import ÷ this: ${(first["rows/s"] / (CONVERSATION_ROWS / seconds)).toFixed(2)}×`,
        });
    }
    printTable(
      `legacy SQLite import: ${CONVERSATION_ROWS} conversation rows + ${MASTERY_ROWS} mastery rows (file generated in ${(generateMs / 1000).toFixed(1)} s), batches of ${BATCH_SIZE}`,
      results,
    );
    const cleanup = Date.now();
    await deleteBenchUser(ctx.db, user.id);
    console.log(`\ncleanup: deleted the bench user and its rows in ${((Date.now() - cleanup) / 1000).toFixed(1)} s`);
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

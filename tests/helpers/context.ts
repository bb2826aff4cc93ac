// Builds the same app context the entry points build, on the embedded defaults (PGlite in memory,
// in-process cache) or, when DATABASE_URL / REDIS_URL are set, on the real servers.
import { randomUUID } from "node:crypto";
import { type AppContext, createAppContext } from "../../src/app-context.js";
import type { Clock } from "../../src/config/clock.js";
import type { Logger } from "../../src/config/logger.js";
import { settingsFrom } from "../../src/config/settings.js";
import { users } from "../../src/database/schema.js";

export const usingPostgres = Boolean(process.env.DATABASE_URL);
export const usingRedis = Boolean(process.env.REDIS_URL);

/** Settings for a test: the real servers when the environment names them, embedded otherwise. */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    DATA_DIR: ":memory:",
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    EMBEDDING_PROVIDER: "offline",
    // Jobs run in the test's process (ctx.jobs.drain() waits for them) even with Redis; the jobs tests
    // override this to go through BullMQ and `maang worker`.
    JOBS_MODE: "inline",
    // Each embedded database numbers its users from 1: with a shared Redis but no shared PostgreSQL,
    // give every context its own cache namespace so `user:1:…` entries never mix between test files.
    REDIS_PREFIX: process.env.REDIS_URL && !process.env.DATABASE_URL ? `test-${randomUUID().slice(0, 8)}` : undefined,
    // Test files sign many users up from 127.0.0.1 and share one Redis: the rate-limit tests set their own.
    RATE_LIMIT_LOGIN_PER_MINUTE: "100000",
    RATE_LIMIT_WRITE_PER_MINUTE: "1000000",
    ...overrides,
  };
}

export async function createTestContext(
  overrides: Record<string, string | undefined> = {},
  options: { clock?: Clock; logger?: Logger } = {},
): Promise<AppContext> {
  const settings = settingsFrom(testEnv(overrides));
  return createAppContext({
    settings,
    migrate: true,
    seed: true,
    clock: options.clock,
    logger: options.logger,
    // the suite's migrated and seeded embedded database (tests/global-setup.ts); migrate and seed above
    // then find nothing to do
    pgliteTemplate: settings.database.url ? undefined : process.env.MAANG_TEST_PGLITE_TEMPLATE,
  });
}

/** An email no other test (or earlier run on the shared database) uses. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 12)}@test.example`;
}

/** A learner with no password login, for tests that call services directly; returns its id. */
export async function newLearner(db: AppContext["db"], label = "learner"): Promise<number> {
  const [row] = await db
    .insert(users)
    .values({ email: uniqueEmail(label), passwordHash: "no login" })
    .returning({ id: users.id });
  return (row as { id: number }).id;
}

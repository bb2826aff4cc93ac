// The LeetCode use cases' contract, written once: what linking, syncing and reading sync runs accept and
// return, and their limits. The REST routes (src/api/routes/leetcode.ts), the sync_leetcode tool and the
// `maang leetcode` CLI parse with these schemas; the sync service keeps the rules zod cannot say (an
// account must be linked before it is synced, one queued sync per user).
import { z } from "zod";
import { recordIdParam } from "../../config/input-limits.js";
import { pageLimitSchema, pageOf, pageOffsetSchema } from "../shared/pagination.js";

/** LeetCode's own limit on a username's length. */
export const MAX_USERNAME_LENGTH = 64;
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]+$/;
/** A real LEETCODE_SESSION cookie is a JWT of a few hundred characters; less is a copy/paste slip. */
export const MIN_SESSION_COOKIE_LENGTH = 20;
export const MAX_SESSION_COOKIE_LENGTH = 8192;
/** Sync runs listed when no limit is given. */
export const DEFAULT_SYNC_RUNS = 20;

export const usernameSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(MAX_USERNAME_LENGTH, `is too long (at most ${MAX_USERNAME_LENGTH} characters)`)
  .regex(USERNAME_PATTERN, 'is not a LeetCode username (letters, digits, "_", "-", "." only)')
  .describe("your LeetCode username");

export const sessionCookieSchema = z
  .string()
  .trim()
  .min(MIN_SESSION_COOKIE_LENGTH, "looks too short for a LEETCODE_SESSION cookie")
  .max(MAX_SESSION_COOKIE_LENGTH, `is too long (at most ${MAX_SESSION_COOKIE_LENGTH} characters)`)
  .describe("the LEETCODE_SESSION cookie (stored encrypted); with it the whole accepted history is synced");

// ---- inputs -------------------------------------------------------------------------------------------

export const linkInput = z.object({ username: usernameSchema, sessionCookie: sessionCookieSchema.nullish() }).strict();

/** POST /api/leetcode/sync and the sync_leetcode tool take nothing: they act for the signed-in user. */
export const requestSyncInput = z.object({}).strict();

export const listSyncRunsInput = z
  .object({
    limit: pageLimitSchema.default(DEFAULT_SYNC_RUNS),
    offset: pageOffsetSchema.default(0),
  })
  .strict();

export const syncRunIdInput = z.object({ id: recordIdParam }).strict();

// ---- outputs (dates as ISO strings) ------------------------------------------------------------------

export const leetcodeProfile = z.object({
  username: z.string(),
  ranking: z.number().nullable(),
  solved: z.object({ all: z.number(), easy: z.number(), medium: z.number(), hard: z.number() }),
});

export const syncRunView = z.object({
  id: z.number().int(),
  status: z.string().describe("running, succeeded, partial (resumable) or failed"),
  mode: z.enum(["history", "recent"]).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  fetched: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  error: z.string().nullable(),
  resumeFrom: z.object({ offset: z.number().int() }).nullable(),
  profile: leetcodeProfile.nullable(),
  skippedReasons: z.record(z.string(), z.number()),
});

export const linkView = z.object({
  linked: z.boolean(),
  username: z.string().nullable(),
  hasSessionCookie: z.boolean(),
  sessionCookieReadable: z
    .boolean()
    .describe("false when a cookie is stored but cannot be decrypted with the current ENCRYPTION_KEY"),
  lastSyncedAt: z.string().nullable(),
  lastRun: syncRunView.nullable(),
});

export const syncRunPage = pageOf(syncRunView);

export const syncQueued = z.object({
  queued: z.literal(true),
  queue: z.enum(["redis", "inline"]).describe("redis: the worker runs it; inline: this process runs it"),
  jobId: z.string().describe("one queued sync per user: asking again while it waits does not add another"),
});

export type LinkRequest = z.infer<typeof linkInput>;
export type SyncRunView = z.infer<typeof syncRunView>;
export type LinkView = z.infer<typeof linkView>;
export type SyncRunPage = z.infer<typeof syncRunPage>;
export type SyncQueued = z.infer<typeof syncQueued>;

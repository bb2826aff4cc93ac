// Linking a LeetCode account and importing its accepted submissions as attempts. Every sync is a
// sync_runs row: running → succeeded | partial (some pages failed; resumable from `cursor`) | failed
// (nothing could be fetched: never "succeeded" with zeros when LeetCode could not be reached).
import { and, count, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import type { Database } from "../../config/database.js";
import type { Logger } from "../../config/logger.js";
import { attempts, platformAccounts, problems, syncRuns } from "../../database/schema.js";
import { BadRequestError, NotFoundError } from "../../errors.js";
import type { JobQueue } from "../../jobs/queue.js";
import type { AttemptRatings } from "../adaptive/attempt-ratings.js";
import { scheduleImportedCards } from "../training/imported-cards.js";
import { LeetCodeClient, LeetCodeError, type LeetCodeProfile, type Submission } from "./client.js";
import {
  type LinkRequest,
  type LinkView,
  MAX_USERNAME_LENGTH,
  type SyncQueued,
  type SyncRunPage,
  type SyncRunView,
  USERNAME_PATTERN,
} from "./contract.js";
import { decryptSecret, encryptSecret } from "./secret-box.js";

export const PLATFORM = "leetcode";
export const PAGE_SIZE = 20;

/** What a sync run keeps between runs and shows the user. */
export interface SyncCursor {
  /** where the paginated history stopped (set while incomplete) */
  history?: { offset: number; lastKey: string | null } | null;
  profile?: LeetCodeProfile;
  /** why submissions were skipped → how many */
  skipped?: Record<string, number>;
}

export type { LinkView, SyncRunView } from "./contract.js";

/** The rule every transport shares: only a linked account can be synced. */
export const NOT_LINKED_MESSAGE = "Link a LeetCode username first (PUT /api/leetcode/link, or `maang leetcode link`).";

/** One queued sync per user: a second request while the first waits is not added again. */
export function syncJobId(userId: number): string {
  return `leetcode-sync-${userId}`;
}

/** A synced submission is an accepted solve of unknown duration; only solves are synced, so it rates no problem. */
const SYNCED = { outcome: "solved", minutes: null, rateProblem: false } as const;

export interface LeetCodeSyncDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  graphqlUrl: string;
  requestsPerMinute: number;
  encryptionKey: string | undefined;
  /** where `requestSync` queues the leetcode-sync job (the worker, or this process when inline) */
  jobs?: Pick<JobQueue, "enqueue" | "mode">;
  /** skill updates for synced solves (services/adaptive); they never move problem ratings */
  ratings?: AttemptRatings;
  /** tests: a fake fetch / sleep */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

type RunRow = typeof syncRuns.$inferSelect;

function runView(row: RunRow): SyncRunView {
  const cursor = (row.cursor ?? {}) as SyncCursor & { mode?: "history" | "recent" };
  return {
    id: row.id,
    status: row.status,
    mode: cursor.mode ?? null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    fetched: row.fetched,
    imported: row.imported,
    skipped: row.skipped,
    error: row.error,
    resumeFrom: cursor.history ? { offset: cursor.history.offset } : null,
    profile: cursor.profile ?? null,
    skippedReasons: cursor.skipped ?? {},
  };
}

export class LeetCodeSyncService {
  constructor(private readonly deps: LeetCodeSyncDeps) {}

  private client(): LeetCodeClient {
    return new LeetCodeClient({
      url: this.deps.graphqlUrl,
      requestsPerMinute: this.deps.requestsPerMinute,
      fetch: this.deps.fetch,
      sleep: this.deps.sleep,
    });
  }

  private async account(userId: number) {
    const [row] = await this.deps.db
      .select()
      .from(platformAccounts)
      .where(and(eq(platformAccounts.userId, userId), eq(platformAccounts.platform, PLATFORM)));
    return row;
  }

  /** The linked account, or a 400 that says how to link one. */
  private async linkedAccount(userId: number) {
    const account = await this.account(userId);
    if (!account) throw new BadRequestError(NOT_LINKED_MESSAGE);
    return account;
  }

  async link(userId: number, input: LinkRequest): Promise<LinkView> {
    const username = input.username.trim();
    // the contract's pattern, checked again for callers that do not parse with it
    if (!USERNAME_PATTERN.test(username) || username.length > MAX_USERNAME_LENGTH)
      throw new BadRequestError(
        `"${input.username}" is not a LeetCode username (letters, digits, "_", "-", "." only).`,
      );
    let secretEncrypted: string | null = null;
    const cookie = input.sessionCookie
      ?.trim()
      .replace(/^LEETCODE_SESSION=/, "")
      .replace(/;.*$/, "");
    if (cookie) secretEncrypted = encryptSecret(this.deps.encryptionKey, cookie);
    const now = this.deps.clock.now();
    await this.deps.db
      .insert(platformAccounts)
      .values({ userId, platform: PLATFORM, username, secretEncrypted, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [platformAccounts.userId, platformAccounts.platform],
        set: { username, secretEncrypted, updatedAt: now },
      });
    return this.status(userId);
  }

  async unlink(userId: number): Promise<void> {
    const deleted = await this.deps.db
      .delete(platformAccounts)
      .where(and(eq(platformAccounts.userId, userId), eq(platformAccounts.platform, PLATFORM)))
      .returning({ id: platformAccounts.id });
    if (deleted.length === 0) throw new NotFoundError("No LeetCode account is linked.");
  }

  async status(userId: number): Promise<LinkView> {
    const account = await this.account(userId);
    const [last] = await this.deps.db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.userId, userId), eq(syncRuns.platform, PLATFORM)))
      .orderBy(desc(syncRuns.id))
      .limit(1);
    return {
      linked: Boolean(account),
      username: account?.username ?? null,
      hasSessionCookie: Boolean(account?.secretEncrypted),
      sessionCookieReadable: account?.secretEncrypted
        ? decryptSecret(this.deps.encryptionKey, account.secretEncrypted) !== null
        : false,
      lastSyncedAt: account?.lastSyncedAt?.toISOString() ?? null,
      lastRun: last ? runView(last) : null,
    };
  }

  async runs(userId: number, page: { limit: number; offset: number }): Promise<SyncRunPage> {
    const where = and(eq(syncRuns.userId, userId), eq(syncRuns.platform, PLATFORM));
    const rows = await this.deps.db
      .select()
      .from(syncRuns)
      .where(where)
      .orderBy(desc(syncRuns.id))
      .limit(page.limit)
      .offset(page.offset);
    const [{ n }] = await this.deps.db.select({ n: count() }).from(syncRuns).where(where);
    return { items: rows.map(runView), total: n, limit: page.limit, offset: page.offset };
  }

  async run(userId: number, id: number): Promise<SyncRunView> {
    const [row] = await this.deps.db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.id, id), eq(syncRuns.userId, userId), eq(syncRuns.platform, PLATFORM)));
    if (!row) throw new NotFoundError(`No LeetCode sync run ${id}.`);
    return runView(row);
  }

  /**
   * Queues a sync of the user's linked account (POST /api/leetcode/sync, the sync_leetcode tool); the
   * leetcode-sync job runs it. One job per user: asking again while it waits does not queue another.
   */
  async requestSync(userId: number): Promise<SyncQueued> {
    await this.linkedAccount(userId);
    const jobs = this.deps.jobs;
    if (!jobs) throw new Error("LeetCodeSyncService was built without a job queue; requestSync needs one");
    const jobId = syncJobId(userId);
    await jobs.enqueue("leetcode-sync", { userId }, { jobId, attempts: 1 });
    return { queued: true, queue: jobs.mode, jobId };
  }

  /** Runs one sync now (the `leetcode-sync` job and `maang leetcode sync` call this). Returns the finished run. */
  async sync(userId: number): Promise<SyncRunView> {
    const account = await this.linkedAccount(userId);
    const db = this.deps.db;
    const session = account.secretEncrypted ? decryptSecret(this.deps.encryptionKey, account.secretEncrypted) : null;
    const mode: "history" | "recent" = session ? "history" : "recent";
    // resume where the last interrupted history sync stopped
    const [previous] = await db
      .select()
      .from(syncRuns)
      .where(
        and(
          eq(syncRuns.userId, userId),
          eq(syncRuns.platform, PLATFORM),
          inArray(syncRuns.status, ["partial", "failed", "succeeded"]),
        ),
      )
      .orderBy(desc(syncRuns.id))
      .limit(1);
    const resume = previous && previous.status !== "succeeded" ? ((previous.cursor ?? {}) as SyncCursor).history : null;
    const cursor: SyncCursor & { mode: typeof mode } = { mode, history: resume ?? null, skipped: {} };
    const [run] = await db
      .insert(syncRuns)
      .values({ userId, platform: PLATFORM, status: "running", startedAt: this.deps.clock.now(), cursor })
      .returning();
    const counts = { fetched: 0, imported: 0, skipped: 0 };
    const errors: string[] = [];
    if (account.secretEncrypted && !session)
      errors.push(
        "the stored LEETCODE_SESSION cookie cannot be decrypted with the current ENCRYPTION_KEY (was the key changed?): link the cookie again; only recent submissions were synced",
      );
    const client = this.client();
    let pagesDone = 0;
    let fatal: string | null = null;
    try {
      cursor.profile = await client.profile(account.username);
      if (session) {
        try {
          await client.signedInAs(session);
          let offset = resume?.offset ?? 0;
          let lastKey = resume?.lastKey ?? null;
          for (;;) {
            cursor.history = { offset, lastKey };
            await this.saveProgress(run.id, counts, cursor);
            const page = await client.acceptedPage(session, offset, PAGE_SIZE, lastKey);
            const result = await this.importSubmissions(client, userId, page.submissions, cursor);
            pagesDone++;
            counts.fetched += page.submissions.length;
            counts.imported += result.imported;
            counts.skipped += result.skipped;
            // an incremental sync stops at the first page it already had entirely
            const seenAll =
              page.submissions.length > 0 && result.imported === 0 && result.duplicates === page.submissions.length;
            if (!page.hasNext || (seenAll && !resume)) break;
            offset += PAGE_SIZE;
            lastKey = page.lastKey;
          }
          cursor.history = null;
        } catch (error) {
          if (!(error instanceof LeetCodeError) || error.kind !== "auth_expired") throw error;
          errors.push(`${error.message}; synced the recent public submissions instead`);
          cursor.history = null;
          const recent = await client.recentAccepted(account.username);
          const result = await this.importSubmissions(client, userId, recent, cursor);
          pagesDone++;
          counts.fetched += recent.length;
          counts.imported += result.imported;
          counts.skipped += result.skipped;
        }
      } else {
        const recent = await client.recentAccepted(account.username);
        const result = await this.importSubmissions(client, userId, recent, cursor);
        pagesDone++;
        counts.fetched += recent.length;
        counts.imported += result.imported;
        counts.skipped += result.skipped;
      }
    } catch (error) {
      fatal = error instanceof LeetCodeError ? error.message : `unexpected error: ${(error as Error).message}`;
      if (!(error instanceof LeetCodeError)) this.deps.logger.error({ err: error, userId }, "leetcode sync failed");
    }
    const status = fatal ? (pagesDone > 0 ? "partial" : "failed") : errors.length > 0 ? "partial" : "succeeded";
    const finishedAt = this.deps.clock.now();
    const [finished] = await db
      .update(syncRuns)
      .set({
        status,
        finishedAt,
        ...counts,
        error: [fatal, ...errors].filter(Boolean).join("; ") || null,
        cursor,
      })
      .where(eq(syncRuns.id, run.id))
      .returning();
    if (status !== "failed")
      await db.update(platformAccounts).set({ lastSyncedAt: finishedAt }).where(eq(platformAccounts.id, account.id));
    this.deps.logger.info({ userId, runId: run.id, status, ...counts }, "leetcode sync finished");
    return runView(finished);
  }

  private async saveProgress(
    runId: number,
    counts: { fetched: number; imported: number; skipped: number },
    cursor: SyncCursor,
  ) {
    await this.deps.db
      .update(syncRuns)
      .set({ ...counts, cursor })
      .where(eq(syncRuns.id, runId));
  }

  /**
   * Accepted submissions → attempts (source "leetcode", external id = submission id, so nothing is
   * imported twice). A slug not in the catalogue becomes the user's own custom problem, with the title and
   * difficulty LeetCode gives for it; a slug LeetCode does not know is skipped.
   */
  private async importSubmissions(
    client: LeetCodeClient,
    userId: number,
    submissions: Submission[],
    cursor: SyncCursor,
  ) {
    const db = this.deps.db;
    const result = { imported: 0, skipped: 0, duplicates: 0 };
    if (submissions.length === 0) return result;
    const skip = (reason: string) => {
      result.skipped++;
      cursor.skipped = { ...cursor.skipped, [reason]: (cursor.skipped?.[reason] ?? 0) + 1 };
    };
    const existing = await db
      .select({ externalId: attempts.externalId })
      .from(attempts)
      .where(
        and(
          eq(attempts.userId, userId),
          eq(attempts.source, PLATFORM),
          inArray(
            attempts.externalId,
            submissions.map((s) => s.id),
          ),
        ),
      );
    const known = new Set(existing.map((e) => e.externalId));
    const fresh = submissions.filter((s) => !known.has(s.id));
    result.duplicates = submissions.length - fresh.length;
    if (fresh.length === 0) return result;
    const slugs = [...new Set(fresh.map((s) => s.titleSlug))];
    const found = await db
      .select({ id: problems.id, slug: problems.slug, owner: problems.ownerUserId })
      .from(problems)
      .where(and(inArray(problems.slug, slugs), or(isNull(problems.ownerUserId), eq(problems.ownerUserId, userId))));
    const bySlug = new Map<string, number>();
    for (const p of found.sort((a, b) => Number(a.owner !== null) - Number(b.owner !== null)))
      if (!bySlug.has(p.slug)) bySlug.set(p.slug, p.id);
    for (const slug of slugs) {
      if (bySlug.has(slug)) continue;
      const question = await client.question(slug);
      if (!question) continue;
      const difficulty = ["easy", "medium", "hard"].includes(question.difficulty) ? question.difficulty : "medium";
      const [created] = await db
        .insert(problems)
        .values({
          slug,
          title: question.title,
          difficulty,
          leetcodeId: question.frontendId,
          url: `https://leetcode.com/problems/${slug}/`,
          ownerUserId: userId,
        })
        .onConflictDoNothing()
        .returning({ id: problems.id });
      if (created) bySlug.set(slug, created.id);
    }
    const rows: { s: Submission; problemId: number }[] = [];
    for (const s of fresh) {
      const problemId = bySlug.get(s.titleSlug);
      if (!problemId) skip(`LeetCode has no problem "${s.titleSlug}"`);
      else rows.push({ s, problemId });
    }
    if (rows.length === 0) return result;
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(attempts)
        .values(
          rows.map(({ s, problemId }) => ({
            userId,
            problemId,
            outcome: "solved",
            language: s.lang ?? null,
            attemptedAt: s.timestamp,
            source: PLATFORM,
            externalId: s.id,
            createdAt: this.deps.clock.now(),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: attempts.id, problemId: attempts.problemId, at: attempts.attemptedAt });
      result.imported += inserted.length;
      for (const a of [...inserted].sort((x, y) => x.at.getTime() - y.at.getTime()))
        await this.deps.ratings?.recordAttempt(tx, { userId, problemId: a.problemId, attemptId: a.id, ...SYNCED });
      result.duplicates += rows.length - inserted.length;
      await scheduleImportedCards(
        tx,
        inserted.map((a) => ({ userId, problemId: a.problemId, at: a.at, solved: true, attemptId: a.id })),
      );
    });
    return result;
  }
}

// Login sessions: durable rows in `sessions` (keyed by the sha256 of the cookie value, which is never
// stored), with the cache in front for the per-request lookup. Rolling expiry, revocable one by one or
// all at once ("log out everywhere").
import { createHash, randomBytes } from "node:crypto";
import { and, eq, lte, ne } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Cache } from "../../cache/cache.js";
import type { Clock } from "../../config/clock.js";
import type { Database, Queryable } from "../../config/database.js";
import type { Logger } from "../../config/logger.js";
import type { Settings } from "../../config/settings.js";
import { sessions, users } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";
import type { SessionInfo } from "./contract.js";

export const SESSION_COOKIE = "maang_session";
/** A session's expiry moves forward only when this much time has passed since it last did (one write per 5 min). */
export const SESSION_ROLL_AFTER_MS = 5 * 60 * 1000;
/** How long a resolved session stays in the cache; revocation also deletes it, so this only bounds staleness. */
const CACHE_TTL_SECONDS = 60;
/**
 * How long this process reuses a session it has just resolved without asking the shared cache again.
 * A logout or revocation made through this process takes effect at once (it drops the entry); one made
 * through another API process takes effect here within this window.
 */
export const SESSION_MEMO_MS = 5_000;
const SESSION_MEMO_MAX = 10_000;

export interface SessionUser {
  id: number;
  email: string;
  timezone: string;
}

export interface ResolvedSession {
  user: SessionUser;
  sessionId: string;
  expiresAt: Date;
  /** true when the expiry moved forward on this request: the cookie should be sent again */
  renewed: boolean;
}

interface CachedSession {
  user: SessionUser;
  lastSeenAt: string;
  expiresAt: string;
}

/** A memoised session with its two times parsed once (not two date parses on every request). */
interface MemoEntry {
  session: CachedSession;
  expiresAtMs: number;
  /** from here on the session is due to be renewed (lastSeenAt + SESSION_ROLL_AFTER_MS) */
  renewAtMs: number;
}

const memoEntry = (session: CachedSession): MemoEntry => ({
  session,
  expiresAtMs: Date.parse(session.expiresAt),
  renewAtMs: Date.parse(session.lastSeenAt) + SESSION_ROLL_AFTER_MS,
});

export type { SessionInfo };

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Cache keys and tags of the auth layer (sessions and tokens), separate from the user's data tag. */
export const authCache = {
  session: (sessionId: string) => `auth:session:${sessionId}`,
  token: (tokenHash: string) => `auth:token:${tokenHash}`,
  userTag: (userId: number) => `auth:user:${userId}`,
};

export class SessionService {
  /** sessionId → the session as last resolved, for SESSION_MEMO_MS (see there), timed by the injected clock */
  private readonly memo: LRUCache<string, MemoEntry>;

  /**
   * cookie value → its session id, for cookies whose session is in `memo`: the same window and size. A
   * revoked session leaves `memo` at once, so a stale entry here only saves a hash, never grants access.
   */
  private readonly cookieIds: LRUCache<string, string>;

  constructor(
    private readonly deps: {
      db: Database;
      cache: Cache;
      clock: Clock;
      settings: Settings;
      logger: Logger;
    },
  ) {
    this.memo = new LRUCache<string, MemoEntry>({
      max: SESSION_MEMO_MAX,
      ttl: SESSION_MEMO_MS,
      perf: { now: () => deps.clock.now().getTime() },
    });
    this.cookieIds = new LRUCache<string, string>({
      max: SESSION_MEMO_MAX,
      ttl: SESSION_MEMO_MS,
      perf: { now: () => deps.clock.now().getTime() },
    });
  }

  get ttlMs(): number {
    return this.deps.settings.auth.sessionTtlHours * 3600 * 1000;
  }

  /** Starts a session for a user; returns the cookie value (shown to the browser only). */
  async create(
    userId: number,
    options: { userAgent?: string; db?: Queryable; replacesSessionId?: string } = {},
  ): Promise<{ cookieValue: string; sessionId: string; expiresAt: Date }> {
    const cookieValue = randomBytes(32).toString("base64url");
    const sessionId = sha256(cookieValue);
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const db = options.db ?? this.deps.db;
    // Lookups already refuse expired rows; dropping the user's old ones here keeps the table from growing.
    await db.delete(sessions).where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, now)));
    // Logging in again from a browser replaces its cookie: the session it replaces ends rather than lingers.
    if (options.replacesSessionId) await this.deleteSession(options.replacesSessionId);
    await db.insert(sessions).values({
      id: sessionId,
      userId,
      userAgent: options.userAgent?.slice(0, 512) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { cookieValue, sessionId, expiresAt };
  }

  /**
   * The session this process resolved within SESSION_MEMO_MS, answered without a promise; undefined when
   * that needs the cache or the database (not memoised, expired, or due to be renewed): call `resolve`.
   */
  resolveMemoized(cookieValue: string): ResolvedSession | undefined {
    if (!cookieValue || cookieValue.length > 200) return undefined;
    // the hash of a cookie seen within the window, rather than SHA-256 again on every request
    const known = this.cookieIds.get(cookieValue);
    const sessionId = known ?? sha256(cookieValue);
    const cached = this.memo.get(sessionId);
    if (!cached) return undefined;
    if (!known) this.cookieIds.set(cookieValue, sessionId);
    const now = this.deps.clock.now().getTime();
    if (cached.expiresAtMs <= now || now >= cached.renewAtMs) return undefined;
    return { user: cached.session.user, sessionId, expiresAt: new Date(cached.expiresAtMs), renewed: false };
  }

  /** The session behind a cookie value, or undefined when it is unknown, revoked or expired. */
  async resolve(cookieValue: string): Promise<ResolvedSession | undefined> {
    const memoized = this.resolveMemoized(cookieValue);
    if (memoized) return memoized;
    if (!cookieValue || cookieValue.length > 200) return undefined;
    const sessionId = sha256(cookieValue);
    const now = this.deps.clock.now();
    let cached = this.memo.get(sessionId)?.session ?? (await this.cacheGet(sessionId));
    if (!cached) {
      const [row] = await this.deps.db
        .select({
          id: users.id,
          email: users.email,
          timezone: users.timezone,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sessionId));
      if (!row) return undefined;
      cached = {
        user: { id: row.id, email: row.email, timezone: row.timezone },
        lastSeenAt: row.lastSeenAt.toISOString(),
        expiresAt: row.expiresAt.toISOString(),
      };
      await this.cacheSet(sessionId, cached);
    }
    const expiresAt = new Date(cached.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) {
      await this.deleteSession(sessionId);
      return undefined;
    }
    if (now.getTime() - new Date(cached.lastSeenAt).getTime() < SESSION_ROLL_AFTER_MS) {
      if (!this.memo.has(sessionId)) this.memo.set(sessionId, memoEntry(cached));
      return { user: cached.user, sessionId, expiresAt, renewed: false };
    }
    const renewedUntil = new Date(now.getTime() + this.ttlMs);
    const updated = await this.deps.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: renewedUntil })
      .where(eq(sessions.id, sessionId))
      .returning({ id: sessions.id });
    this.memo.delete(sessionId);
    // Revoked between the cache read and now: the row is gone, so is the session.
    if (updated.length === 0) {
      await this.cacheDelete(sessionId);
      return undefined;
    }
    await this.cacheSet(sessionId, {
      user: cached.user,
      lastSeenAt: now.toISOString(),
      expiresAt: renewedUntil.toISOString(),
    });
    return { user: cached.user, sessionId, expiresAt: renewedUntil, renewed: true };
  }

  /** Logout: this one session ends. Unknown values are ignored (logging out twice is fine). */
  async revoke(cookieValue: string): Promise<void> {
    await this.deleteSession(sha256(cookieValue));
  }

  /** Ends one of the user's sessions by its id (from `list`); another user's session id is "not found". */
  async revokeById(userId: number, sessionId: string): Promise<void> {
    const deleted = await this.deps.db
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .returning({ id: sessions.id });
    if (deleted.length === 0) throw new NotFoundError("You have no session with this id; it may have ended already.");
    await this.cacheDelete(sessionId);
  }

  /** "Log out everywhere": every session of the user ends, except `exceptSessionId` when given. */
  async revokeAll(userId: number, options: { exceptSessionId?: string; db?: Queryable } = {}): Promise<number> {
    const where = options.exceptSessionId
      ? and(eq(sessions.userId, userId), ne(sessions.id, options.exceptSessionId))
      : eq(sessions.userId, userId);
    const deleted = await (options.db ?? this.deps.db).delete(sessions).where(where).returning({ id: sessions.id });
    await this.forgetUser(userId);
    return deleted.length;
  }

  /** The user's live sessions, most recently used first (ids are hashes: they cannot be turned back into cookies). */
  async list(userId: number): Promise<SessionInfo[]> {
    const rows = await this.deps.db
      .select({
        id: sessions.id,
        userAgent: sessions.userAgent,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId));
    const now = this.deps.clock.now().getTime();
    return rows
      .filter((r) => r.expiresAt.getTime() > now)
      .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
      .map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
      }));
  }

  /** Deletes expired rows (a maintenance job can call it; lookups already ignore them). */
  async purgeExpired(): Promise<number> {
    const deleted = await this.deps.db
      .delete(sessions)
      .where(lte(sessions.expiresAt, this.deps.clock.now()))
      .returning({ id: sessions.id });
    return deleted.length;
  }

  /** Drops every cached session and token of the user (after a settings change, a revocation, …). */
  async forgetUser(userId: number): Promise<void> {
    for (const [sessionId, entry] of this.memo.entries())
      if (entry.session.user.id === userId) this.memo.delete(sessionId);
    try {
      await this.deps.cache.invalidateTags(authCache.userTag(userId));
    } catch (error) {
      this.deps.logger.warn({ err: error }, "session cache invalidation failed");
    }
  }

  private async deleteSession(sessionId: string): Promise<void> {
    await this.deps.db.delete(sessions).where(eq(sessions.id, sessionId));
    await this.cacheDelete(sessionId);
  }

  // The cache contract already degrades on its own; these guards keep a buggy implementation from
  // failing a login either.
  private async cacheGet(sessionId: string): Promise<CachedSession | undefined> {
    try {
      return await this.deps.cache.get<CachedSession>(authCache.session(sessionId));
    } catch (error) {
      this.deps.logger.warn({ err: error }, "session cache read failed; using the database");
      return undefined;
    }
  }

  private async cacheSet(sessionId: string, value: CachedSession): Promise<void> {
    try {
      await this.deps.cache.set(authCache.session(sessionId), value, {
        ttlSeconds: CACHE_TTL_SECONDS,
        tags: [authCache.userTag(value.user.id)],
      });
    } catch (error) {
      this.deps.logger.warn({ err: error }, "session cache write failed");
    }
  }

  private async cacheDelete(sessionId: string): Promise<void> {
    this.memo.delete(sessionId);
    try {
      await this.deps.cache.delete(authCache.session(sessionId));
    } catch (error) {
      this.deps.logger.warn({ err: error }, "session cache delete failed");
    }
  }
}

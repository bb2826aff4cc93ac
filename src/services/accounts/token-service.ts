// Personal API tokens (`Authorization: Bearer mt_…`) for scripts and MCP clients: shown once at
// creation, stored as sha256 with a short visible prefix, revocable, with a last-used time.
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Cache } from "../../cache/cache.js";
import type { Clock } from "../../config/clock.js";
import type { Database } from "../../config/database.js";
import type { Logger } from "../../config/logger.js";
import { apiTokens, users } from "../../database/schema.js";
import { BadRequestError, NotFoundError, UnauthorizedError } from "../../errors.js";
import { MAX_TOKENS_PER_USER, type TokenInfo } from "./contract.js";
import { authCache, type SessionUser, sha256 } from "./session-service.js";

export const TOKEN_PREFIX = "mt_";
/** Characters of the token kept in clear, so a user can tell their tokens apart in a list. */
const VISIBLE_CHARS = 10;
/** last_used_at is written at most this often per token. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const CACHE_TTL_SECONDS = 60;

export type { TokenInfo };
export { MAX_TOKENS_PER_USER };

interface CachedToken {
  tokenId: number;
  user: SessionUser;
  lastUsedAt: string | null;
}

export class TokenService {
  constructor(private readonly deps: { db: Database; cache: Cache; clock: Clock; logger: Logger }) {}

  /** Creates a token; the returned `token` is the only time it is ever shown. */
  async create(userId: number, name: string): Promise<TokenInfo & { token: string }> {
    const trimmed = name.trim();
    if (!trimmed) throw new BadRequestError("Give the token a name, e.g. the client that will use it.");
    const live = await this.list(userId);
    if (live.length >= MAX_TOKENS_PER_USER)
      throw new BadRequestError(`You already have ${live.length} tokens; revoke unused ones first.`);
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const [row] = await this.deps.db
      .insert(apiTokens)
      .values({
        userId,
        name: trimmed,
        tokenHash: sha256(token),
        prefix: token.slice(0, VISIBLE_CHARS),
        createdAt: this.deps.clock.now(),
      })
      .returning();
    return { ...toInfo(row), token };
  }

  /** The user's live (not revoked) tokens, newest first. Never the token itself. */
  async list(userId: number): Promise<TokenInfo[]> {
    const rows = await this.deps.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
    return rows.map(toInfo);
  }

  /** Revokes one of the user's tokens. Another user's token id is "not found", like a missing one. */
  async revoke(userId: number, tokenId: number): Promise<void> {
    const [row] = await this.deps.db
      .update(apiTokens)
      .set({ revokedAt: this.deps.clock.now() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ tokenHash: apiTokens.tokenHash });
    if (!row) throw new NotFoundError(`You have no active API token with id ${tokenId}.`);
    await this.cacheDelete(row.tokenHash);
  }

  /** The user a bearer token belongs to; unknown or revoked tokens are a 401 that says so. */
  async authenticate(token: string): Promise<SessionUser & { tokenId: number }> {
    const invalid = new UnauthorizedError(
      "This API token is unknown or has been revoked. Create a new one under Settings → API tokens (or `maang user token create`).",
    );
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw invalid;
    const tokenHash = sha256(token);
    let cached = await this.cacheGet(tokenHash);
    if (!cached) {
      const [row] = await this.deps.db
        .select({
          tokenId: apiTokens.id,
          revokedAt: apiTokens.revokedAt,
          lastUsedAt: apiTokens.lastUsedAt,
          id: users.id,
          email: users.email,
          timezone: users.timezone,
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(eq(apiTokens.tokenHash, tokenHash));
      if (!row || row.revokedAt) throw invalid;
      cached = {
        tokenId: row.tokenId,
        user: { id: row.id, email: row.email, timezone: row.timezone },
        lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      };
      await this.cacheSet(tokenHash, cached);
    }
    const now = this.deps.clock.now();
    if (!cached.lastUsedAt || now.getTime() - new Date(cached.lastUsedAt).getTime() >= LAST_USED_RESOLUTION_MS) {
      const updated = await this.deps.db
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(and(eq(apiTokens.id, cached.tokenId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      if (updated.length === 0) {
        await this.cacheDelete(tokenHash);
        throw invalid;
      }
      await this.cacheSet(tokenHash, { ...cached, lastUsedAt: now.toISOString() });
    }
    return { ...cached.user, tokenId: cached.tokenId };
  }

  private async cacheGet(tokenHash: string): Promise<CachedToken | undefined> {
    try {
      return await this.deps.cache.get<CachedToken>(authCache.token(tokenHash));
    } catch (error) {
      this.deps.logger.warn({ err: error }, "token cache read failed; using the database");
      return undefined;
    }
  }

  private async cacheSet(tokenHash: string, value: CachedToken): Promise<void> {
    try {
      await this.deps.cache.set(authCache.token(tokenHash), value, {
        ttlSeconds: CACHE_TTL_SECONDS,
        tags: [authCache.userTag(value.user.id)],
      });
    } catch (error) {
      this.deps.logger.warn({ err: error }, "token cache write failed");
    }
  }

  private async cacheDelete(tokenHash: string): Promise<void> {
    try {
      await this.deps.cache.delete(authCache.token(tokenHash));
    } catch (error) {
      this.deps.logger.warn({ err: error }, "token cache delete failed");
    }
  }
}

function toInfo(row: typeof apiTokens.$inferSelect): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

// The cache contract. Two implementations: Redis (REDIS_URL set) and an in-process LRU (embedded).
// A cache failure never fails a caller: implementations log, fall through to the loader, and skip writes.

export interface CacheSetOptions {
  /** seconds; jitter of up to 10 % is added so keys written together do not expire together */
  ttlSeconds?: number;
  /** e.g. `user:42`: `invalidateTags("user:42")` drops every key written with it */
  tags?: string[];
}

export interface Cache {
  readonly kind: "redis" | "memory";
  /** JSON values. `undefined` means a miss (or an unavailable cache). */
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, options?: CacheSetOptions): Promise<void>;
  /** Binary values (embedding vectors), stored without JSON. */
  getBuffer(key: string): Promise<Buffer | undefined>;
  setBuffer(key: string, value: Buffer, options?: CacheSetOptions): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** Cache-aside: returns the cached value or runs `loader` once (even for concurrent callers) and caches it. */
  getOrLoad<T>(key: string, options: CacheSetOptions, loader: () => Promise<T>): Promise<T>;
  /**
   * Cache-aside for a response body: the cached JSON text as stored (a hit is one read, no parse and no
   * re-serialisation), or `loader`'s value serialised once and cached.
   */
  getOrLoadJson(key: string, options: CacheSetOptions, loader: () => Promise<unknown>): Promise<string>;
  /**
   * The body `getOrLoadJson` would answer, when this process holds it and nothing it must wait for is
   * running (an invalidation of one of `tags`); undefined otherwise (then call `getOrLoadJson`). No
   * promise: a route can send a hit without awaiting anything. Counts a hit; a miss is counted by the
   * `getOrLoadJson` call that follows.
   */
  peekJson?(key: string, tags: string[]): string | undefined;
  invalidateTags(...tags: string[]): Promise<void>;
  /**
   * Starts `invalidateTags` without making the caller wait (a write's response does not wait for the
   * cache). Until it has finished, every tagged read in this process (`getOrLoad*` with one of these
   * tags) waits for it, so a client reading right after its own write never sees the old entry here.
   */
  invalidateTagsInBackground(...tags: string[]): void;
  close(): Promise<void>;
}

/** Bump when a cached value's shape changes: old entries are then never read. */
export const CACHE_VERSION = "v1";
export const CACHE_PREFIX = `maang:${CACHE_VERSION}:`;

export function withJitter(ttlSeconds: number, random: () => number = Math.random): number {
  return Math.max(1, Math.round(ttlSeconds * (1 + 0.1 * random())));
}

/** Cache key helpers, so every per-user key carries the user id (one user never reads another's entry). */
export const cacheKeys = {
  userTag: (userId: number) => `user:${userId}`,
  user: (userId: number, ...parts: (string | number)[]) => ["user", userId, ...parts].join(":"),
  global: (...parts: (string | number)[]) => ["global", ...parts].join(":"),
};

// The production cache: Redis through ioredis. JSON values as strings, binary values as raw bytes,
// tags as Redis sets, single-flight loads (in this process, and across processes through a short lock).
// When Redis is down or slow every operation degrades: reads miss, writes are skipped, one warning per
// outage, and invalidations missed meanwhile are replayed when Redis returns.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../config/logger.js";
import { CACHE_PREFIX, type Cache, type CacheSetOptions, withJitter } from "./cache.js";
import { changedKey, changedTag, EVERYTHING_CHANGED, type LocalBodies } from "./local-bodies.js";
import { closeRedis } from "./redis-connection.js";

type CacheEvent = "hit" | "miss" | "error";
type Attempt<T> = { ok: true; value: T } | { ok: false };

/** invalidations remembered during an outage; beyond this the whole namespace is dropped on recovery */
const MAX_PENDING_INVALIDATIONS = 10_000;

// Writes a value and adds it to each tag's set, stretching the set's lifetime to cover the value's; tells
// every process's local copies (ARGV[3]: the channel, ARGV[4]: the message) that the key changed. A PUBLISH
// refused (a Redis user without pub/sub rights) must not undo the write: such a process cannot subscribe
// either, so it keeps no copies.
const SET_TAGGED = `
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
pcall(redis.call, 'PUBLISH', ARGV[3], ARGV[4])
return 1`;

// Drops every key of each tag and publishes each tag's message (ARGV[1]: the channel, ARGV[i + 1]: the
// message of KEYS[i]) in the same step, so no process can read the old value from Redis after the message.
const INVALIDATE_TAGS = `
local dropped = 0
for i = 1, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    redis.call('UNLINK', unpack(members, j, math.min(j + 499, #members)))
  end
  dropped = dropped + #members
  redis.call('UNLINK', KEYS[i])
  pcall(redis.call, 'PUBLISH', ARGV[1], ARGV[i + 1])
end
return dropped`;

// Only the holder (who knows the token) releases the lock, so a slow holder never frees a successor's lock.
const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface Scripts {
  maangSetTagged(...args: (string | number | Buffer)[]): Promise<number>;
  maangInvalidateTags(...args: (string | number)[]): Promise<number>;
  maangReleaseLock(...args: string[]): Promise<number>;
}

export interface RedisCacheOptions {
  defaultTtlSeconds: number;
  /** every key starts with it; default `maang:v1:` (REDIS_PREFIX + the cache version) */
  keyPrefix?: string;
  /** how long one process may hold the load lock of a key; waiters in other processes poll meanwhile */
  lockMs?: number;
  lockPollMs?: number;
  /** after a failed command, how long to skip Redis before trying again (a slow Redis is not hammered) */
  retryAfterMs?: number;
  /** in-process copies of `getOrLoadJson` bodies, kept true through `changesChannel(keyPrefix)` */
  local?: LocalBodies;
}

/** The pub/sub channel on which every tag invalidation and tagged write is announced to all processes. */
export const changesChannel = (keyPrefix: string = CACHE_PREFIX) => `${keyPrefix}~changes`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RedisCache implements Cache {
  readonly kind = "redis" as const;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly scripts: Scripts;
  private readonly lockMs: number;
  private readonly lockPollMs: number;
  private readonly retryAfterMs: number;
  private readonly prefix: string;
  private readonly tagPrefix: string;
  private readonly lockPrefix: string;
  private readonly channel: string;
  private readonly local: LocalBodies | undefined;
  private replyErrorLoggedAt = 0;
  private outageSince: number | undefined;
  private retryAt = 0;
  private recovering: Promise<void> | undefined;
  private readonly missed = { keys: new Set<string>(), tags: new Set<string>(), overflow: false };
  /** tag → its invalidation still running in the background (reads of that tag wait for it) */
  private readonly pendingTags = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisCacheOptions,
    private readonly logger: Logger,
    private readonly onEvent: (event: CacheEvent, key: string) => void = () => {},
  ) {
    this.lockMs = options.lockMs ?? 5000;
    this.lockPollMs = options.lockPollMs ?? 25;
    this.retryAfterMs = options.retryAfterMs ?? 1000;
    this.prefix = options.keyPrefix ?? CACHE_PREFIX;
    this.tagPrefix = `${this.prefix}~tag:`;
    this.lockPrefix = `${this.prefix}~lock:`;
    this.channel = changesChannel(this.prefix);
    this.local = options.local;
    redis.defineCommand("maangSetTagged", { lua: SET_TAGGED });
    redis.defineCommand("maangInvalidateTags", { lua: INVALIDATE_TAGS });
    redis.defineCommand("maangReleaseLock", { numberOfKeys: 1, lua: RELEASE_LOCK });
    this.scripts = redis as unknown as Scripts;
    redis.on("error", (error: Error) => this.markDown(error));
    redis.on("ready", () => void this.recover());
  }

  /** True while Redis answers; false during an outage (the cache is then a pass-through). */
  get available(): boolean {
    return this.redis.status === "ready" && this.outageSince === undefined;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.read(key, (r, k) => r.get(k));
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      this.logger.warn({ key }, "cached value is not JSON; ignoring it");
      this.onEvent("error", key);
      return undefined;
    }
  }

  async set<T>(key: string, value: T, options: CacheSetOptions = {}): Promise<void> {
    const json = JSON.stringify(value);
    if (json !== undefined) await this.write(key, json, options);
  }

  async getBuffer(key: string): Promise<Buffer | undefined> {
    return this.read(key, (r, k) => r.getBuffer(k));
  }

  async setBuffer(key: string, value: Buffer, options: CacheSetOptions = {}): Promise<void> {
    await this.write(key, value, options);
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    for (const key of keys) this.local?.changed(changedKey(key));
    const done = await this.attempt(keys[0], async (r) => {
      await r.unlink(...keys.map((k) => this.prefix + k));
      await Promise.all(keys.map((k) => r.publish(this.channel, changedKey(k))));
    });
    if (!done.ok) this.remember(keys, []);
  }

  async invalidateTags(...tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    // this process's copies first: its next read is fresh even before Redis has answered
    for (const tag of tags) this.local?.changed(changedTag(tag));
    const done = await this.attempt(tags[0], () => this.dropTags(tags));
    if (!done.ok) this.remember([], tags);
  }

  invalidateTagsInBackground(...tags: string[]): void {
    if (tags.length === 0) return;
    // never rejects: attempt() turns every failure into a remembered invalidation
    const running = this.invalidateTags(...tags);
    for (const tag of tags) this.pendingTags.set(tag, running);
    void running.finally(() => {
      for (const tag of tags) if (this.pendingTags.get(tag) === running) this.pendingTags.delete(tag);
    });
  }

  /** Waits for background invalidations of any of `tags` started by this process. */
  private async invalidated(tags: string[] | undefined): Promise<void> {
    if (this.pendingTags.size === 0 || !tags) return;
    for (const tag of tags) {
      const running = this.pendingTags.get(tag);
      if (running) await running;
    }
  }

  peekJson(key: string, tags: string[]): string | undefined {
    if (this.pendingTags.size > 0 && tags.some((tag) => this.pendingTags.has(tag))) return undefined;
    const copy = this.local?.get(key);
    if (copy !== undefined) this.onEvent("hit", key);
    return copy;
  }

  async getOrLoadJson(key: string, options: CacheSetOptions, loader: () => Promise<unknown>): Promise<string> {
    await this.invalidated(options.tags);
    const tags = options.tags ?? [];
    const copy = this.local?.get(key);
    if (copy !== undefined) {
      this.onEvent("hit", key);
      return copy;
    }
    const version = this.local?.version(key, tags);
    const raw = await this.read(key, (r, k) => r.get(k));
    if (raw !== undefined) {
      if (version !== undefined) this.local?.keep(key, tags, raw, version, (options.ttlSeconds ?? Infinity) * 1000);
      return raw;
    }
    // a miss takes the single-flight path below; it serialises again, but only once per load
    return JSON.stringify(await this.getOrLoad(key, options, loader)) ?? "null";
  }

  async getOrLoad<T>(key: string, options: CacheSetOptions, loader: () => Promise<T>): Promise<T> {
    await this.invalidated(options.tags);
    const pending = this.inFlight.get(key);
    // Waiters get their own copy, so one caller mutating its result cannot change another's.
    if (pending) return structuredClone(await pending) as T;
    const load = this.loadOnce(key, options, loader);
    this.inFlight.set(key, load);
    try {
      // a copy for this caller too: the waiters' copies are taken after it has the value
      return structuredClone(await load);
    } finally {
      this.inFlight.delete(key);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.pendingTags.values());
    await this.local?.close();
    await closeRedis(this.redis);
  }

  private async loadOnce<T>(key: string, options: CacheSetOptions, loader: () => Promise<T>): Promise<T> {
    const cached = await this.get<T>(key);
    if (cached !== undefined) return cached;
    if (!this.usable()) return this.loadAndStore(key, options, loader);
    // Another process may be loading the same key: one takes the lock, the others wait for its value.
    const lockKey = this.lockPrefix + key;
    const token = randomUUID();
    const deadline = Date.now() + this.lockMs;
    for (;;) {
      const lock = await this.attempt(key, (r) => r.set(lockKey, token, "PX", this.lockMs, "NX"));
      if (!lock.ok) return this.loadAndStore(key, options, loader);
      if (lock.value === "OK") {
        try {
          // The previous holder may have stored the value between our read and our lock.
          const stored = await this.peek<T>(key);
          if (stored !== undefined) return stored;
          return await this.loadAndStore(key, options, loader);
        } finally {
          await this.attempt(key, () => this.scripts.maangReleaseLock(lockKey, token));
        }
      }
      // The holder is slower than the lock allows, or died: load it ourselves rather than wait longer.
      if (Date.now() >= deadline) return this.loadAndStore(key, options, loader);
      await sleep(this.lockPollMs);
      const stored = await this.peek<T>(key);
      if (stored !== undefined) return stored;
    }
  }

  /** Runs the loader and caches its result. The caller gets the JSON round trip, like every later hit. */
  private async loadAndStore<T>(key: string, options: CacheSetOptions, loader: () => Promise<T>): Promise<T> {
    const value = await loader();
    const json = JSON.stringify(value);
    if (json === undefined) return value;
    await this.write(key, json, options);
    return JSON.parse(json) as T;
  }

  /** A read that counts as neither hit nor miss (the lock's polling). */
  private async peek<T>(key: string): Promise<T | undefined> {
    const raw = await this.attempt(key, (r) => r.get(this.prefix + key));
    if (!raw.ok || raw.value === null) return undefined;
    this.onEvent("hit", key);
    try {
      return JSON.parse(raw.value) as T;
    } catch {
      return undefined;
    }
  }

  private async read<V>(key: string, op: (r: Redis, fullKey: string) => Promise<V | null>): Promise<V | undefined> {
    const result = await this.attempt(key, (r) => op(r, this.prefix + key));
    if (!result.ok) return undefined;
    this.onEvent(result.value === null ? "miss" : "hit", key);
    return result.value ?? undefined;
  }

  private async write(key: string, value: string | Buffer, options: CacheSetOptions): Promise<void> {
    const ttlMs = withJitter(options.ttlSeconds ?? this.options.defaultTtlSeconds) * 1000;
    const tags = options.tags ?? [];
    const fullKey = this.prefix + key;
    await this.attempt<unknown>(key, (r) =>
      tags.length === 0
        ? r.set(fullKey, value, "PX", ttlMs)
        : this.scripts.maangSetTagged(
            1 + tags.length,
            fullKey,
            ...tags.map((t) => this.tagPrefix + t),
            value,
            ttlMs,
            this.channel,
            changedKey(key),
          ),
    );
  }

  /** Drops every key of `tags` in Redis and announces each tag on the changes channel. */
  private dropTags(tags: string[]): Promise<number> {
    return this.scripts.maangInvalidateTags(
      tags.length,
      ...tags.map((t) => this.tagPrefix + t),
      this.channel,
      ...tags.map(changedTag),
    );
  }

  private usable(): boolean {
    return this.redis.status === "ready" && Date.now() >= this.retryAt;
  }

  /** Runs one command, or reports that Redis is unavailable; never throws. */
  private async attempt<V>(key: string, op: (r: Redis) => Promise<V>): Promise<Attempt<V>> {
    if (!this.usable()) {
      if (this.outageSince === undefined) this.markDown(new Error(`Redis connection is ${this.redis.status}`));
      this.onEvent("error", key);
      return { ok: false };
    }
    if (this.outageSince !== undefined) {
      // First call after an outage: replay what was missed before serving anything that may be stale.
      await this.recover();
      if (this.outageSince !== undefined) {
        this.onEvent("error", key);
        return { ok: false };
      }
    }
    try {
      const value = await op(this.redis);
      return { ok: true, value };
    } catch (error) {
      this.onEvent("error", key);
      // A reply error comes from a Redis that is up (a bug or a wrong type), not from an outage.
      if ((error as Error).name === "ReplyError") this.replyError(error as Error, key);
      else this.markDown(error as Error);
      return { ok: false };
    }
  }

  /** e.g. OOM when Redis is full under `noeviction`: logged at most once a minute, not once per request. */
  private replyError(error: Error, key: string): void {
    if (Date.now() - this.replyErrorLoggedAt < 60_000) return;
    this.replyErrorLoggedAt = Date.now();
    this.logger.warn(
      { err: { message: error.message }, key },
      "Redis cache command failed (Redis answered with an error)",
    );
  }

  private markDown(error: Error): void {
    this.retryAt = Date.now() + this.retryAfterMs;
    if (this.outageSince !== undefined) return;
    this.outageSince = Date.now();
    this.logger.warn(
      { err: { message: error.message } },
      "Redis cache unavailable: reading from the database and skipping cache writes until it returns",
    );
  }

  private remember(keys: string[], tags: string[]): void {
    if (this.missed.overflow) return;
    for (const key of keys) this.missed.keys.add(key);
    for (const tag of tags) this.missed.tags.add(tag);
    if (this.missed.keys.size + this.missed.tags.size > MAX_PENDING_INVALIDATIONS) this.missed.overflow = true;
  }

  /** Ends an outage: first replays the invalidations it missed, so no stale entry is served afterwards. */
  private recover(): Promise<void> {
    if (this.outageSince === undefined) return Promise.resolve();
    this.recovering ??= (async () => {
      try {
        await this.redis.ping();
        await this.replayMissedInvalidations();
        const downMs = Date.now() - (this.outageSince ?? Date.now());
        this.outageSince = undefined;
        this.retryAt = 0;
        this.logger.info({ downMs }, "Redis cache is back");
      } catch (error) {
        this.markDown(error as Error);
      } finally {
        this.recovering = undefined;
      }
    })();
    return this.recovering;
  }

  private async replayMissedInvalidations(): Promise<void> {
    const { keys, tags, overflow } = this.missed;
    if (overflow) {
      // Too much was missed to replay: drop this namespace's entries; they reload from the database.
      let cursor = "0";
      do {
        const [next, found] = await this.redis.scan(cursor, "MATCH", `${this.prefix}*`, "COUNT", 1000);
        if (found.length > 0) await this.redis.unlink(...found);
        cursor = next;
      } while (cursor !== "0");
      this.local?.changed(EVERYTHING_CHANGED);
      await this.redis.publish(this.channel, EVERYTHING_CHANGED);
    } else {
      const keyList = [...keys].map((k) => this.prefix + k);
      for (let i = 0; i < keyList.length; i += 500) await this.redis.unlink(...keyList.slice(i, i + 500));
      const tagList = [...tags];
      for (let i = 0; i < tagList.length; i += 100) await this.dropTags(tagList.slice(i, i + 100));
    }
    keys.clear();
    tags.clear();
    this.missed.overflow = false;
  }
}

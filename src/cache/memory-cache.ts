// The embedded cache: a size-bounded LRU in this process, with the same contract as Redis. Values are kept
// as JSON text (binary values as copies), so callers see exactly the shapes the Redis cache gives them —
// a Date comes back as a string in both — and mutating a result never changes the cached value.
import { LRUCache } from "lru-cache";
import { CACHE_PREFIX, type Cache, type CacheSetOptions, withJitter } from "./cache.js";

interface Entry {
  value: string | Buffer;
  tags: string[];
}

export class MemoryCache implements Cache {
  readonly kind = "memory" as const;
  private readonly entries: LRUCache<string, Entry>;
  private readonly tagIndex = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly options: { maxEntries: number; defaultTtlSeconds: number },
    private readonly onEvent: (event: "hit" | "miss" | "error", key: string) => void = () => {},
  ) {
    this.entries = new LRUCache<string, Entry>({
      max: options.maxEntries,
      ttlAutopurge: false,
      dispose: (entry, key) => this.untag(key, entry.tags),
    });
  }

  private untag(key: string, tags: string[]): void {
    for (const tag of tags) {
      const keys = this.tagIndex.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.tagIndex.delete(tag);
    }
  }

  private read(key: string): Entry | undefined {
    const entry = this.entries.get(CACHE_PREFIX + key);
    this.onEvent(entry ? "hit" : "miss", key);
    return entry;
  }

  peekJson(key: string, _tags: string[]): string | undefined {
    const entry = this.entries.get(CACHE_PREFIX + key);
    if (!entry || typeof entry.value !== "string") return undefined;
    this.onEvent("hit", key);
    return entry.value;
  }

  private write(key: string, value: string | Buffer, options: CacheSetOptions): void {
    const full = CACHE_PREFIX + key;
    const tags = options.tags ?? [];
    const ttl = withJitter(options.ttlSeconds ?? this.options.defaultTtlSeconds) * 1000;
    this.entries.set(full, { value, tags }, { ttl });
    for (const tag of tags) {
      const keys = this.tagIndex.get(tag) ?? new Set<string>();
      keys.add(full);
      this.tagIndex.set(tag, keys);
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.read(key);
    if (!entry || typeof entry.value !== "string") return undefined;
    return JSON.parse(entry.value) as T;
  }

  async set<T>(key: string, value: T, options: CacheSetOptions = {}): Promise<void> {
    const json = JSON.stringify(value);
    if (json !== undefined) this.write(key, json, options);
  }

  async getBuffer(key: string): Promise<Buffer | undefined> {
    const entry = this.read(key);
    return entry && Buffer.isBuffer(entry.value) ? Buffer.from(entry.value) : undefined;
  }

  async setBuffer(key: string, value: Buffer, options: CacheSetOptions = {}): Promise<void> {
    this.write(key, Buffer.from(value), options);
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(CACHE_PREFIX + key);
  }

  async getOrLoad<T>(key: string, options: CacheSetOptions, loader: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) return structuredClone(await pending) as T;
    const load = (async () => {
      const cached = await this.get<T>(key);
      if (cached !== undefined) return cached;
      const value = await loader();
      const json = JSON.stringify(value);
      if (json === undefined) return value;
      this.write(key, json, options);
      return JSON.parse(json) as T;
    })();
    this.inFlight.set(key, load);
    try {
      // a copy for this caller too: the waiters' copies are taken after it has the value
      return structuredClone(await load);
    } finally {
      this.inFlight.delete(key);
    }
  }

  async getOrLoadJson(key: string, options: CacheSetOptions, loader: () => Promise<unknown>): Promise<string> {
    const entry = this.read(key);
    if (entry && typeof entry.value === "string") return entry.value;
    return JSON.stringify(await this.getOrLoad(key, options, loader)) ?? "null";
  }

  /** In process the invalidation is immediate, so there is nothing to wait for. */
  invalidateTagsInBackground(...tags: string[]): void {
    void this.invalidateTags(...tags);
  }

  async invalidateTags(...tags: string[]): Promise<void> {
    for (const tag of tags) {
      const keys = this.tagIndex.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.entries.delete(key);
      this.tagIndex.delete(tag);
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

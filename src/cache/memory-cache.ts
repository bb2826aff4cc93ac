// The embedded cache: a size-bounded LRU in this process, with the same contract as Redis.
import { LRUCache } from "lru-cache";
import { CACHE_PREFIX, type Cache, type CacheSetOptions, withJitter } from "./cache.js";

interface Entry {
  value: unknown;
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

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(CACHE_PREFIX + key);
    this.onEvent(entry ? "hit" : "miss", key);
    // Stored as a structured clone so a caller mutating its result cannot change the cached value.
    return entry ? (structuredClone(entry.value) as T) : undefined;
  }

  async set<T>(key: string, value: T, options: CacheSetOptions = {}): Promise<void> {
    const full = CACHE_PREFIX + key;
    const tags = options.tags ?? [];
    this.entries.set(
      full,
      { value: structuredClone(value), tags },
      { ttl: withJitter(options.ttlSeconds ?? this.options.defaultTtlSeconds) * 1000 },
    );
    for (const tag of tags) {
      const keys = this.tagIndex.get(tag) ?? new Set<string>();
      keys.add(full);
      this.tagIndex.set(tag, keys);
    }
  }

  async getBuffer(key: string): Promise<Buffer | undefined> {
    const value = await this.get<Uint8Array>(key);
    return value ? Buffer.from(value) : undefined;
  }

  async setBuffer(key: string, value: Buffer, options?: CacheSetOptions): Promise<void> {
    await this.set(key, new Uint8Array(value), options);
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(CACHE_PREFIX + key);
  }

  async getOrLoad<T>(key: string, options: CacheSetOptions, loader: () => Promise<T>): Promise<T> {
    const cached = await this.get<T>(key);
    if (cached !== undefined) return cached;
    const pending = this.inFlight.get(key);
    if (pending) return structuredClone(await pending) as T;
    const load = (async () => {
      const value = await loader();
      if (value !== undefined) await this.set(key, value, options);
      return value;
    })();
    this.inFlight.set(key, load);
    try {
      return await load;
    } finally {
      this.inFlight.delete(key);
    }
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

// In-process copies of cached response bodies (GET /api/stats), in front of Redis: a hit costs no Redis
// round trip, no socket read and no string decode. They stay true to Redis through its pub/sub: every
// tag invalidation and tagged write (by any API process) publishes on one channel, and each process drops
// the copies it names. A copy is kept only while this process is subscribed — when the subscription's
// connection drops, every copy is dropped and none is kept until it is back, so a missed message can never
// leave a stale body here. Copies also expire on their own after a few seconds.
import type { Redis } from "ioredis";
import type { Logger } from "../config/logger.js";

/** how long a copy may be served without asking Redis (also bounds a copy whose message was delayed) */
export const LOCAL_BODY_TTL_MS = 5_000;
/** total size of the copies; beyond it the oldest are dropped first */
export const LOCAL_BODY_BYTES = 32 * 1024 * 1024;
/** per-tag change counters kept before they are all reset (a reset voids every read in flight) */
const MAX_TRACKED_TAGS = 50_000;
const RESUBSCRIBE_MS = 1_000;

interface Copy {
  body: string;
  bytes: number;
  tags: string[];
  expiresAt: number;
}

/** A message on the channel: `t:<tag>` (every key of the tag changed), `k:<key>` (that key changed), or
 * `*` (everything may have changed: an outage's invalidations were too many to replay one by one). */
export const EVERYTHING_CHANGED = "*";
export const changedTag = (tag: string) => `t:${tag}`;
export const changedKey = (key: string) => `k:${key}`;

export class LocalBodies {
  private readonly copies = new Map<string, Copy>();
  private readonly keysByTag = new Map<string, Set<string>>();
  /** tag or key → how often it changed; a read started before a change must not be kept */
  private readonly changes = new Map<string, number>();
  private epoch = 0;
  private bytes = 0;
  private subscribed = false;
  private closed = false;
  /** one warning per loss of the subscription, not one per retry */
  private warned = false;

  constructor(
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly logger: Logger,
    private readonly options: { ttlMs?: number; maxBytes?: number; now?: () => number } = {},
  ) {
    subscriber.on("message", (channel: string, message: string) => {
      if (channel === this.channel) this.changed(message);
    });
    // Until it is subscribed again nothing here can be trusted: drop all, keep nothing.
    subscriber.on("close", () => this.unsubscribed());
    subscriber.on("error", () => this.unsubscribed());
    subscriber.on("ready", () => void this.subscribe());
  }

  /** True while copies are kept and served (the subscription is live). */
  get active(): boolean {
    return this.subscribed && !this.closed;
  }

  /** Connects and subscribes; a Redis that is down is retried by the connection in the background. */
  async start(): Promise<void> {
    try {
      if (this.subscriber.status === "wait") await this.subscriber.connect();
      else if (this.subscriber.status === "ready") await this.subscribe();
    } catch {
      // the connection retries; `ready` subscribes then
    }
  }

  get(key: string): string | undefined {
    if (!this.active) return undefined;
    const copy = this.copies.get(key);
    if (!copy) return undefined;
    if (copy.expiresAt <= this.now()) {
      this.drop(key);
      return undefined;
    }
    return copy.body;
  }

  /** What `keep` needs to tell whether `key` or a tag changed since: take it before reading Redis. */
  version(key: string, tags: string[]): string {
    return [
      this.epoch,
      this.changes.get(changedKey(key)) ?? 0,
      ...tags.map((t) => this.changes.get(changedTag(t)) ?? 0),
    ].join(",");
  }

  /** Keeps `body` (read from Redis or just loaded) unless the key or a tag changed since `version` was taken. */
  keep(key: string, tags: string[], body: string, version: string, ttlMs?: number): void {
    if (!this.active || tags.length === 0 || this.version(key, tags) !== version) return;
    const maxBytes = this.options.maxBytes ?? LOCAL_BODY_BYTES;
    const bytes = body.length * 2;
    if (bytes > maxBytes / 4) return;
    this.drop(key);
    const ttl = Math.min(this.options.ttlMs ?? LOCAL_BODY_TTL_MS, ttlMs ?? Number.POSITIVE_INFINITY);
    this.copies.set(key, { body, bytes, tags, expiresAt: this.now() + ttl });
    this.bytes += bytes;
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.keysByTag.set(tag, keys);
      }
      keys.add(key);
    }
    for (const [oldest] of this.copies) {
      if (this.bytes <= maxBytes) break;
      this.drop(oldest);
    }
  }

  /** A change made by this process: applied at once (before Redis is told), so its own next read is fresh. */
  changed(message: string): void {
    this.changes.set(message, (this.changes.get(message) ?? 0) + 1);
    if (this.changes.size > MAX_TRACKED_TAGS) {
      this.changes.clear();
      this.epoch++;
    }
    if (message === EVERYTHING_CHANGED) {
      this.clear();
      this.epoch++;
    } else if (message.startsWith("t:")) {
      const keys = this.keysByTag.get(message.slice(2));
      if (keys) for (const key of [...keys]) this.drop(key);
    } else if (message.startsWith("k:")) {
      this.drop(message.slice(2));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clear();
    try {
      await this.subscriber.quit();
    } catch {
      this.subscriber.disconnect();
    }
  }

  private async subscribe(): Promise<void> {
    if (this.closed) return;
    try {
      await this.subscriber.subscribe(this.channel);
      // anything kept or read before the gap may have missed a message: start empty, void reads in flight
      this.clear();
      this.epoch++;
      this.subscribed = true;
      this.warned = false;
    } catch (error) {
      this.unsubscribed();
      if (!this.warned)
        this.logger.warn(
          { err: { message: (error as Error).message } },
          "cache change channel unavailable: serving cached bodies from Redis only until it is back",
        );
      this.warned = true;
      // a connection that stays up but refused the subscription (e.g. NOAUTH) emits no new `ready`
      if (this.subscriber.status === "ready") setTimeout(() => void this.subscribe(), RESUBSCRIBE_MS).unref();
    }
  }

  private unsubscribed(): void {
    if (this.subscribed) this.epoch++;
    this.subscribed = false;
    this.clear();
  }

  private clear(): void {
    this.copies.clear();
    this.keysByTag.clear();
    this.bytes = 0;
  }

  private drop(key: string): void {
    const copy = this.copies.get(key);
    if (!copy) return;
    this.copies.delete(key);
    this.bytes -= copy.bytes;
    for (const tag of copy.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

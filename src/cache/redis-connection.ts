// One way to open the platform's Redis connections (cache, rate limits): fail fast while Redis is away,
// reconnect in the background forever, and never crash the process with an unhandled `error` event.
import { Redis } from "ioredis";
import type { Settings } from "../config/settings.js";

/** Delay before reconnect attempt `times`: 100 ms doubling, at most 2 s, never giving up. */
export function reconnectDelay(times: number): number {
  return Math.min(100 * 2 ** Math.min(times - 1, 5), 2000);
}

export function openRedis(redis: Settings["redis"], role: string): Redis {
  if (!redis.url) throw new Error("REDIS_URL is not set");
  return new Redis(redis.url, {
    lazyConnect: true,
    connectionName: `maang-${role}`,
    // Without an offline queue a command issued while Redis is down fails at once instead of waiting
    // for a reconnect; the callers (cache, rate limits) then fall back to the database or let the request through.
    enableOfflineQueue: false,
    commandTimeout: redis.timeoutMs,
    connectTimeout: Math.max(redis.timeoutMs, 1000),
    maxRetriesPerRequest: 1,
    // Commands issued in the same tick (concurrent requests' session, rate-limit and cache reads) go out
    // as one write and come back in one read: fewer syscalls per request under load.
    enableAutoPipelining: true,
    retryStrategy: reconnectDelay,
  });
}

/** Opens the connection, waiting at most the connect timeout; a Redis that is down is retried in the background. */
export async function connectRedis(client: Redis): Promise<boolean> {
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  }
}

export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === "end") return;
  if (client.status !== "ready") {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

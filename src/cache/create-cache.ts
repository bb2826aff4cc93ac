// Chooses the cache: Redis when REDIS_URL is set, the in-process LRU otherwise.
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import type { Metrics } from "../metrics/metrics.js";
import { CACHE_VERSION, type Cache } from "./cache.js";
import { LocalBodies } from "./local-bodies.js";
import { MemoryCache } from "./memory-cache.js";
import { changesChannel, RedisCache } from "./redis-cache.js";
import { connectRedis, openRedis } from "./redis-connection.js";

export async function createCache(settings: Settings, logger: Logger, metrics?: Metrics): Promise<Cache> {
  const onEvent = metrics ? metrics.recordCache.bind(metrics) : undefined;
  if (!settings.redis.url) {
    return new MemoryCache(
      { maxEntries: settings.cache.maxEntries, defaultTtlSeconds: settings.cache.ttlSeconds },
      onEvent,
    );
  }
  const client = openRedis(settings.redis, "cache");
  // REDIS_PREFIX keeps deployments (and test runs) that share one Redis out of each other's entries
  const keyPrefix = `${settings.redis.prefix}:${CACHE_VERSION}:`;
  // the in-process copies of response bodies listen on their own connection (a subscribed one runs no commands)
  const local =
    settings.cache.localTtlMs > 0
      ? new LocalBodies(openRedis(settings.redis, "cache-changes"), changesChannel(keyPrefix), logger, {
          ttlMs: settings.cache.localTtlMs,
        })
      : undefined;
  const cache = new RedisCache(
    client,
    { defaultTtlSeconds: settings.cache.ttlSeconds, keyPrefix, local },
    logger,
    onEvent,
  );
  // A Redis that is down at start is not fatal: the cache passes through and reconnects in the background.
  await Promise.all([connectRedis(client), local?.start()]);
  return cache;
}

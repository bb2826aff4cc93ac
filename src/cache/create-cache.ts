// Chooses the cache: Redis when REDIS_URL is set, the in-process LRU otherwise.
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import type { Metrics } from "../metrics/metrics.js";
import { CACHE_VERSION, type Cache } from "./cache.js";
import { MemoryCache } from "./memory-cache.js";
import { RedisCache } from "./redis-cache.js";
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
  const cache = new RedisCache(
    client,
    // REDIS_PREFIX keeps deployments (and test runs) that share one Redis out of each other's entries
    { defaultTtlSeconds: settings.cache.ttlSeconds, keyPrefix: `${settings.redis.prefix}:${CACHE_VERSION}:` },
    logger,
    onEvent,
  );
  // A Redis that is down at start is not fatal: the cache passes through and reconnects in the background.
  await connectRedis(client);
  return cache;
}

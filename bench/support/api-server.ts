// The app side of `npm run bench -- api`, in its own process (the load generator must not share its CPU
// time with the server's event loop). BENCH_APP_ROOT selects the source tree (another checkout measures
// "before"); `--uncached` serves GET /api/stats computed on every request. Prints {"port": N} when ready.
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(process.env.BENCH_APP_ROOT ?? join(import.meta.dirname, "..", ".."));
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { buildApp } = await load("src/api/app.ts");
const { createAppContext } = await load("src/app-context.ts");
const { loadSettings } = await load("src/config/settings.ts");
const { TrackingService } = await load("src/services/tracking/tracking-service.ts");

const settings = loadSettings(process.env);
const ctx = await createAppContext({ settings, migrate: false, seed: false });
const served = process.argv.includes("--uncached")
  ? {
      ...ctx,
      tracking: new TrackingService({
        db: ctx.db,
        cache: ctx.cache,
        clock: ctx.clock,
        catalog: ctx.catalog,
        training: ctx.training,
        ttlSeconds: settings.cache.ttlSeconds,
        bypassStatsCache: true,
      }),
    }
  : ctx;
const app = await buildApp(served);
await app.listen({ host: "127.0.0.1", port: 0 });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
const stop = async () => {
  await app.close();
  await ctx.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

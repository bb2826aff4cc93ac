// maang serve: the API + dashboard server.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { buildApp } from "../../api/app.js";
import { createAppContext } from "../../app-context.js";
import { createLogger } from "../../config/logger.js";
import { loadSettings } from "../../config/settings.js";
import { startReminderSweep } from "../../job-handlers.js";
import { EmbeddedRunner } from "../../runner/embedded.js";
import { action } from "../runtime.js";

/** Builds the dashboard with Vite when its build is missing (first `npm start` on a fresh clone). */
function buildWebIfMissing(distDir: string, log: (msg: string) => void): void {
  const config = resolve("web/vite.config.ts");
  if (existsSync(join(distDir, "index.html")) || !existsSync(config)) return;
  log(`dashboard build missing in ${distDir}: building it once with Vite`);
  const vite = resolve("node_modules/vite/bin/vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", config, "--logLevel", "warn"], {
    stdio: "inherit",
  });
  if (result.status !== 0)
    throw new Error("building the dashboard failed (see the Vite output above); try `npm run build`");
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("serve the REST API, the dashboard, /docs and /mcp")
    .option("--port <port>", "port (default PORT or 3000)")
    .option("--host <host>", "interface to bind (default HOST or 127.0.0.1)")
    .option("--build-web-if-missing", "build the dashboard first if web/dist is missing")
    .option("--no-migrate", "do not apply migrations and seed the catalogue at start")
    .action(
      action(async (opts: { port?: string; host?: string; buildWebIfMissing?: boolean; migrate: boolean }) => {
        const started = Date.now();
        const env = { ...process.env };
        if (opts.port) env.PORT = opts.port;
        if (opts.host) env.HOST = opts.host;
        const settings = loadSettings({ ...env });
        const logger = createLogger(settings);
        // Submitted code runs in the runner service: RUNNER_URL's, or a child process of this server's, which
        // comes up while this server starts (runs wait for its first answer).
        const embedded = settings.runner.url ? undefined : EmbeddedRunner.launch(settings, logger);
        const ctx = await createAppContext({
          settings,
          logger,
          migrate: opts.migrate,
          seed: opts.migrate,
          runnerEndpoint: embedded
            ? { url: embedded.url, token: embedded.token, ready: () => embedded.firstReady() }
            : undefined,
        }).catch(async (error: unknown) => {
          await embedded?.stop();
          throw error;
        });
        if (opts.buildWebIfMissing) buildWebIfMissing(settings.server.webDistDir, (m) => ctx.logger.info(m));
        const app = await buildApp(ctx);
        let stopping = false;
        const stop = async (signal: string) => {
          if (stopping) return;
          stopping = true;
          ctx.logger.info({ signal }, "shutting down");
          await app.close();
          await ctx.close();
          await embedded?.stop();
          process.exit(0);
        };
        process.on("SIGINT", () => void stop("SIGINT"));
        process.on("SIGTERM", () => void stop("SIGTERM"));
        // Without Redis there is no `maang worker`: the server sweeps due reminders itself.
        if (ctx.jobs.mode === "inline") startReminderSweep(ctx);
        const address = await app.listen({ port: settings.server.port, host: settings.server.host });
        ctx.logger.info(
          {
            database: `${ctx.database.kind} (${ctx.database.location})`,
            migrationsApplied: ctx.startup.migrationsApplied.length,
            seeded: ctx.startup.seed && !ctx.startup.seed.unchanged,
            startupMs: Date.now() - started,
            runner: ctx.runner.location,
          },
          `Maang-Tracker listening on ${address}`,
        );
        // bin/code-cache.mjs keeps what the start compiled from here (STARTED_EVENT there)
        (process as NodeJS.EventEmitter).emit("maang:started");
      }),
    );
}

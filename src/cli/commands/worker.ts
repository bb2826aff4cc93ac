// maang worker: consumes the Redis job queue (embedding memories, LeetCode sync, reminders, …) with the
// same handlers the inline queue uses. Scale by running more of them.
import { createServer, type Server } from "node:http";
import type { Command } from "commander";
import { createAppContext } from "../../app-context.js";
import { loadSettings, readEnvironment } from "../../config/settings.js";
import { registerJobHandlers, startReminderSweep } from "../../job-handlers.js";
import type { RunningWorkers } from "../../jobs/workers.js";
import { action, CliError } from "../runtime.js";

/** GET /healthz: 200 while every queue is being consumed, 503 otherwise (for compose healthchecks). */
function serveHealth(port: number, host: string, workers: RunningWorkers): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== "/healthz") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"not_found"}}');
      return;
    }
    const healthy = workers.healthy();
    response
      .writeHead(healthy ? 200 : 503, { "content-type": "application/json" })
      .end(JSON.stringify({ status: healthy ? "ok" : "not_ready", queues: workers.queues, ...workers.processed }));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("run background jobs from the Redis queue (needs REDIS_URL and DATABASE_URL)")
    .option("--concurrency <n>", "jobs run at a time per queue (default WORKER_CONCURRENCY or 4)")
    .option("--health-port <port>", "serve GET /healthz on this port for container healthchecks")
    .option("--health-host <host>", "interface for the health endpoint", "0.0.0.0")
    .action(
      action(async (opts: { concurrency?: string; healthPort?: string; healthHost: string }) => {
        const env = readEnvironment();
        if (opts.concurrency) env.WORKER_CONCURRENCY = opts.concurrency;
        const settings = loadSettings(env);
        if (settings.jobs.mode !== "redis") {
          throw new CliError(
            "maang worker needs REDIS_URL (and JOBS_MODE auto or redis): otherwise jobs run inline inside `maang serve`.",
          );
        }
        const inMemory = settings.database.dataDir === ":memory:";
        if (!settings.database.url && !inMemory) {
          throw new CliError(
            "maang worker needs DATABASE_URL: the embedded database (PGlite) can be opened by one process only.",
          );
        }
        const healthPort = opts.healthPort === undefined ? undefined : Number(opts.healthPort);
        if (healthPort !== undefined && !(Number.isInteger(healthPort) && healthPort > 0 && healthPort < 65536)) {
          throw new CliError(`--health-port must be a port number (1-65535), got "${opts.healthPort}"`);
        }

        const ctx = await createAppContext({ settings });
        registerJobHandlers(ctx, ctx.jobs);
        // BullMQ loads here, not when any other `maang` command starts
        const { startWorkers } = await import("../../jobs/workers.js");
        const workers = startWorkers(ctx.jobs, { concurrency: settings.jobs.concurrency, logger: ctx.logger });
        const health = healthPort ? await serveHealth(healthPort, opts.healthHost, workers) : undefined;
        // Due interview reminders are polled (every REMINDER_POLL_SECONDS); each is claimed atomically, so
        // any number of workers can poll at once and a reminder still goes out once.
        const stopReminderSweep = startReminderSweep(ctx);

        let stopping = false;
        const stop = async (signal: string) => {
          if (stopping) return;
          stopping = true;
          ctx.logger.info({ signal }, "worker shutting down: finishing running jobs");
          health?.close();
          stopReminderSweep();
          await workers.close();
          await ctx.close();
          ctx.logger.info(workers.processed, "worker stopped");
          process.exit(0);
        };
        process.on("SIGINT", () => void stop("SIGINT"));
        process.on("SIGTERM", () => void stop("SIGTERM"));
        ctx.logger.info(
          { queues: workers.queues, concurrency: settings.jobs.concurrency, healthPort },
          "Maang-Tracker worker consuming jobs",
        );
      }),
    );
}

// maang migrate | seed | db status
import type { Command } from "commander";
import { migrationStatus, runMigrations } from "../../database/migrate.js";
import { seedCatalogue } from "../../database/seed.js";
import { action, output, withContext } from "../runtime.js";

export function registerDatabaseCommands(program: Command): void {
  program
    .command("migrate")
    .description("apply pending database migrations (idempotent)")
    .option("--status", "list applied and pending migrations without applying any")
    .action(
      action(async (opts: { status?: boolean }, command: Command) => {
        await withContext({}, async (ctx) => {
          if (opts.status) {
            const status = await migrationStatus(ctx.database);
            output(command, { database: ctx.database.location, migrations: status }, () =>
              status.map((m) => `${m.applied ? "applied" : "pending"}  ${m.name}`).join("\n"),
            );
            return;
          }
          const applied = await runMigrations(ctx.database);
          output(command, { database: ctx.database.location, applied }, () =>
            applied.length === 0
              ? `Database ${ctx.database.location} is up to date; nothing to apply.`
              : `Applied ${applied.length} migration(s) to ${ctx.database.location}: ${applied.join(", ")}`,
          );
        });
      }),
    );

  program
    .command("seed")
    .description("load the problem catalogue, roadmap and interview bank (idempotent)")
    .action(
      action(async (_opts: unknown, command: Command) => {
        await withContext({}, async (ctx) => {
          const report = await seedCatalogue(ctx.db);
          output(command, report, () =>
            report.unchanged
              ? "Catalogue already up to date; nothing changed."
              : `Seeded ${report.topics} topics, ${report.prerequisites} prerequisite edges, ${report.problems} problems ` +
                `(${report.problemTopics} topic memberships), ${report.questionsInserted} new and ` +
                `${report.questionsUpdated} updated interview questions; rated ${report.ratedProblems} problems ` +
                `and added ${report.contestProblems} rated contest problems.`,
          );
        });
      }),
    );

  const db = program.command("db").description("database information");
  db.command("status")
    .description("which database is in use, whether it answers, pgvector, migrations")
    .action(
      action(async (_opts: unknown, command: Command) => {
        await withContext({}, async (ctx) => {
          const health = await ctx.database.health();
          const migrations = health.ok ? await migrationStatus(ctx.database) : [];
          const pending = migrations.filter((m) => !m.applied).map((m) => m.name);
          // which embedder this configuration gets (loading it is what tells), and how many memories wait for it
          const embeddings = await ctx.memory.embeddings.embedder().then(
            () => ctx.memory.embeddings.status(),
            () => ctx.memory.embeddings.status(),
          );
          const waiting =
            health.ok && pending.length === 0 && embeddings.state === "ready"
              ? await ctx.memory.manager.pendingCount()
              : undefined;
          const result = {
            kind: ctx.database.kind,
            location: ctx.database.location,
            ...health,
            pending,
            embeddings: { ...embeddings, memoriesWithoutVector: waiting },
          };
          output(command, result, () =>
            [
              `database: ${ctx.database.kind} (${ctx.database.location})`,
              `reachable: ${health.ok ? "yes" : `no — ${health.error}`}`,
              `pgvector: ${health.vector ? "installed" : "missing (run maang migrate)"}`,
              `migrations: ${pending.length === 0 ? "up to date" : `${pending.length} pending (${pending.join(", ")})`}`,
              embeddings.state === "ready"
                ? `embeddings: ${embeddings.provider} ${embeddings.model} (${embeddings.dimensions} dimensions` +
                  `${embeddings.backend ? `, ${embeddings.backend}` : ""})` +
                  (waiting ? `; ${waiting} memories without its vector (run maang memory reindex)` : "")
                : `embeddings: unavailable — ${embeddings.error}`,
            ].join("\n"),
          );
          if (!health.ok) process.exitCode = 1;
        });
      }),
    );
}

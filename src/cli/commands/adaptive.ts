// maang skills | maang recommend — adaptive practice from a terminal.
import type { Command } from "commander";
import type { AppContext } from "../../app-context.js";
import { MAX_RECOMMENDATIONS } from "../../services/adaptive/contract.js";
import { accountByEmail, action, CliError, output, withContext } from "../runtime.js";

async function prepare(ctx: AppContext, email: string): Promise<number> {
  await ctx.catalog.ensureSeeded(); // a fresh embedded data folder has no catalogue yet
  return (await accountByEmail(ctx, email)).id;
}

const points = (n: number) => n.toLocaleString("en-US");

export function registerAdaptiveCommands(program: Command): void {
  program
    .command("skills")
    .description("skill rating ± uncertainty per roadmap topic, overall and at pattern recognition")
    .requiredOption("--user <email>", "whose skills")
    .option("--json", "print machine-readable JSON")
    .action(
      action(async (opts: { user: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          const skills = await ctx.skills.list(await prepare(ctx, opts.user));
          output(command, skills, () =>
            skills
              .map(
                (s) =>
                  `${s.name.padEnd(22)} ${points(s.rating).padStart(5)} ± ${String(s.deviation).padEnd(4)} ${s.attempts} attempt(s)`,
              )
              .join("\n"),
          );
        });
      }),
    );

  program
    .command("recommend")
    .description("never-solved problems at the right difficulty (predicted success about 60–75 %)")
    .requiredOption("--user <email>", "for whom")
    .option("--topic <id>", "a roadmap topic id, e.g. graphs")
    .option("--limit <n>", `how many (1–${MAX_RECOMMENDATIONS}, default 5)`)
    .option("--json", "print machine-readable JSON")
    .action(
      action(async (opts: { user: string; topic?: string; limit?: string }, command: Command) => {
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_RECOMMENDATIONS))
          throw new CliError(`--limit must be a whole number from 1 to ${MAX_RECOMMENDATIONS}; got "${opts.limit}".`);
        await withContext({ migrate: true }, async (ctx) => {
          const recs = await ctx.recommendations.recommend(await prepare(ctx, opts.user), { topic: opts.topic, limit });
          output(command, recs, () =>
            recs.length === 0
              ? "Nothing left to recommend: every problem is solved."
              : recs.map((r) => `${r.problemSlug.padEnd(45)} ${r.reason}`).join("\n"),
          );
        });
      }),
    );
}

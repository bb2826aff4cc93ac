// maang skills | maang recommend — adaptive practice from a terminal.
import type { Command } from "commander";
import { isNull } from "drizzle-orm";
import type { AppContext } from "../../app-context.js";
import { problems } from "../../database/schema.js";
import { seedCatalogue } from "../../database/seed.js";
import { NotFoundError } from "../../errors.js";
import { MAX_RECOMMENDATIONS } from "../../services/adaptive/contract.js";
import { findUserByEmail } from "../../services/user-service.js";
import { action, CliError, output, withContext } from "../runtime.js";

async function prepare(ctx: AppContext, email: string): Promise<number> {
  const [any] = await ctx.db.select({ id: problems.id }).from(problems).where(isNull(problems.ownerUserId)).limit(1);
  if (!any) await seedCatalogue(ctx.db);
  const user = await findUserByEmail(ctx.db, email);
  if (!user) throw new NotFoundError(`No user with the email ${email}; create one with \`maang user create\`.`);
  return user.id;
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

// maang attempt log | maang stats | maang reviews due — the tracking services from a terminal.
import type { Command } from "commander";
import type { AppContext } from "../../app-context.js";
import { OUTCOMES, type Outcome, RATINGS, type RatingName } from "../../config/constants.js";
import { logAttemptInput } from "../../services/tracking/contract.js";
import { accountByEmail, action, CliError, output, parseFlags, withContext } from "../runtime.js";

async function userIdFor(ctx: AppContext, email: string): Promise<number> {
  return (await accountByEmail(ctx, email)).id;
}

function parseOutcome(value: string): Outcome {
  if (!(OUTCOMES as readonly string[]).includes(value))
    throw new CliError(`--outcome must be one of ${OUTCOMES.join(", ")}; got "${value}".`);
  return value as Outcome;
}

function parseRating(value: string | undefined): RatingName | undefined {
  if (value === undefined) return undefined;
  const name = value.toLowerCase();
  if (!(name in RATINGS))
    throw new CliError(`--rating must be one of ${Object.keys(RATINGS).join(", ")}; got "${value}".`);
  return name as RatingName;
}

function parseMinutes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const minutes = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(minutes))
    throw new CliError(`--minutes must be a whole number of minutes; got "${value}".`);
  return minutes;
}

/** Parses the flags with the same schema as POST /api/attempts and the log_attempt tool. */
const parseLogAttempt = (raw: Record<string, unknown>) => parseFlags(logAttemptInput, raw, { attemptedAt: "--at" });

export function registerTrackingCommands(program: Command): void {
  program
    .command("attempt")
    .description("log practice attempts")
    .command("log")
    .description("log an attempt on a problem (it also schedules the problem's review)")
    .requiredOption("--user <email>", "whose attempt")
    .requiredOption("--problem <slug>", "problem slug, e.g. two-sum")
    .requiredOption("--outcome <outcome>", `one of ${OUTCOMES.join(", ")}`)
    .option("--minutes <n>", "minutes spent")
    .option("--rating <rating>", "again, hard, good or easy (default: from outcome and minutes)")
    .option("--language <language>", "programming language")
    .option("--notes <text>", "notes")
    .option("--at <iso>", "when it happened (default: now)")
    .action(
      action(
        async (
          opts: {
            user: string;
            problem: string;
            outcome: string;
            minutes?: string;
            rating?: string;
            language?: string;
            notes?: string;
            at?: string;
          },
          command: Command,
        ) => {
          const input = parseLogAttempt({
            problem: opts.problem,
            outcome: parseOutcome(opts.outcome),
            minutes: parseMinutes(opts.minutes),
            rating: parseRating(opts.rating),
            language: opts.language,
            notes: opts.notes,
            attemptedAt: opts.at,
          });
          await withContext({ migrate: true }, async (ctx) => {
            await ctx.catalog.ensureSeeded(); // a fresh embedded data folder has no catalogue yet
            const logged = await ctx.tracking.logAttempt(await userIdFor(ctx, opts.user), input);
            output(
              command,
              logged,
              () =>
                `Logged ${logged.attempt.outcome} attempt #${logged.attempt.id} on ${logged.attempt.problemSlug} ` +
                `(rating ${logged.attempt.rating}); next review ${logged.card.due.slice(0, 10)}.`,
            );
          });
        },
      ),
    );

  program
    .command("stats")
    .description("practice statistics: totals, coverage, streaks, heatmap")
    .requiredOption("--user <email>", "whose statistics")
    .action(
      action(async (opts: { user: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          await ctx.catalog.ensureSeeded(); // a fresh embedded data folder has no catalogue yet
          const stats = await ctx.tracking.stats(await userIdFor(ctx, opts.user));
          output(command, stats, () => {
            const lines = [
              `${stats.totalAttempts} attempts, ${stats.solved} problems solved of ${stats.coverage.total} (${(stats.coverage.ratio * 100).toFixed(1)} %)`,
              `streak: ${stats.streak.current} day(s) now, longest ${stats.streak.longest} (${stats.timezone})`,
              ...Object.entries(stats.byDifficulty).map(
                ([difficulty, d]) => `  ${difficulty.padEnd(7)} ${d.solved}/${d.total} solved, ${d.attempts} attempts`,
              ),
              ...stats.byTopic
                .filter((t) => t.attempts > 0)
                .map((t) => `  ${t.name.padEnd(22)} ${t.solved}/${t.total} solved, ${t.failed} failed`),
            ];
            return lines.join("\n");
          });
        });
      }),
    );

  program
    .command("reviews")
    .description("spaced-repetition reviews")
    .command("due")
    .description("cards due now, least remembered first")
    .requiredOption("--user <email>", "whose reviews")
    .action(
      action(async (opts: { user: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          await ctx.catalog.ensureSeeded(); // a fresh embedded data folder has no catalogue yet
          const queue = await ctx.training.dueQueue(await userIdFor(ctx, opts.user));
          const due = queue.reviews.map((r) => ({
            problemSlug: r.problemSlug,
            title: r.title,
            due: r.due,
            retrievability: r.retrievability,
          }));
          output(command, due, () =>
            due.length === 0
              ? "Nothing is due."
              : due
                  .map(
                    (r) =>
                      `${r.problemSlug.padEnd(40)} due ${r.due.slice(0, 10)}  recall ${r.retrievability.toFixed(2)}`,
                  )
                  .join("\n"),
          );
        });
      }),
    );
}

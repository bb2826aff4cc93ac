// maang memory add | import | search | list | forget | reindex — the RAG memory from a terminal.
// Every command embeds before it exits, so what it stored is searchable by meaning right away.
import { readFileSync } from "node:fs";
import type { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import type { MemoryKind } from "../../config/constants.js";
import { recordIdParam } from "../../config/input-limits.js";
import type { User } from "../../database/schema.js";
import {
  addMemoryInput,
  DEFAULT_SEARCH_HITS,
  listMemoriesInput,
  memoryKindSchema,
  memoryTextSchema,
  searchMemoryToolInput,
} from "../../memory/contract.js";
import type { RememberInput } from "../../memory/memory-manager.js";
import { localDate } from "../../memory/time-expressions.js";
import { memorySearchView } from "../../memory/views.js";
import { DEFAULT_PAGE_SIZE } from "../../services/shared/pagination.js";
import { accountByEmail, action, CliError, output, parseFlags, parseIdFlag, withContext } from "../runtime.js";

const IMPORT_BATCH = 200;

const userFor = (ctx: AppContext, email: string): Promise<User> => accountByEmail(ctx, email);

function parseCount(value: string | undefined, option: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new CliError(`${option} must be a whole number from 1 to ${max}; got "${value}".`);
  return n;
}

/** A progress bar on stderr (so stdout stays clean for --json); silent when stderr is not a terminal. */
async function progressBar(label: string): Promise<SingleBar> {
  // loaded on use, not at start: every `maang` command (and `maang serve`) would pay for it
  const { SingleBar } = await import("cli-progress");
  return new SingleBar({
    format: `${label} [{bar}] {value}/{total} ({percentage}%) eta {eta}s`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  });
}

interface ImportLineError {
  line: number;
  error: string;
}

/** One JSONL line → a memory, or the reason it cannot be one. */
export function parseImportLine(raw: string): RememberInput | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected a JSON object";
  const row = value as Record<string, unknown>;
  if (typeof row.text !== "string") return '"text" must be a non-empty string';
  const text = memoryTextSchema.safeParse(row.text);
  if (!text.success) return `"text" ${text.error.issues[0].message}`;
  if (row.kind !== undefined && !memoryKindSchema.safeParse(row.kind).success)
    return `"kind" ${memoryKindSchema.safeParse(row.kind).error?.issues[0].message}`;
  let createdAt: Date | undefined;
  if (row.created_at !== undefined) {
    createdAt = typeof row.created_at === "string" ? new Date(row.created_at) : undefined;
    if (!createdAt || Number.isNaN(createdAt.getTime())) return '"created_at" must be an ISO date or time';
  }
  if (row.external_id !== undefined && typeof row.external_id !== "string" && typeof row.external_id !== "number")
    return '"external_id" must be a string or a number';
  return {
    text: row.text,
    kind: row.kind as MemoryKind | undefined,
    createdAt,
    externalId: row.external_id === undefined ? undefined : String(row.external_id),
    source: "import",
  };
}

export function registerMemoryCommands(program: Command): void {
  const memory = program.command("memory").description("the mentor's long-term memory: add, import, search, forget");

  memory
    .command("add")
    .description("remember a note, fact or message (searchable when the command returns)")
    .requiredOption("--user <email>", "whose memory")
    .requiredOption("--text <text>", "what to remember")
    .option("--kind <kind>", "note, fact or message", "note")
    .option("--at <iso>", "when it was said or written (default: now)")
    .action(
      action(async (opts: { user: string; text: string; kind?: string; at?: string }, command: Command) => {
        const { text, kind, createdAt } = parseFlags(
          addMemoryInput,
          { text: opts.text, kind: opts.kind, createdAt: opts.at },
          { createdAt: "--at" },
        );
        await withContext({ migrate: true }, async (ctx) => {
          const user = await userFor(ctx, opts.user);
          const result = await ctx.memory.manager.remember(user.id, { text, kind, createdAt, source: "cli" }, "now");
          output(command, result, () =>
            result.created.length === 0
              ? `Already remembered: ${user.email} has a memory with this text.`
              : `Remembered ${result.created.map((m) => `m${m.id}`).join(", ")} (${kind ?? "note"}) for ${user.email}.`,
          );
        });
      }),
    );

  memory
    .command("import")
    .description("import memories from a JSONL file: one {text, kind?, created_at?, external_id?} per line")
    .requiredOption("--user <email>", "whose memories")
    .requiredOption("--file <path>", "the .jsonl file")
    .action(
      action(async (opts: { user: string; file: string }, command: Command) => {
        let content: string;
        try {
          content = readFileSync(opts.file, "utf8");
        } catch (error) {
          throw new CliError(`Cannot read ${opts.file}: ${(error as Error).message}`);
        }
        const lines = content.split(/\r?\n/);
        const valid: { line: number; input: RememberInput }[] = [];
        const invalid: ImportLineError[] = [];
        lines.forEach((raw, index) => {
          if (raw.trim() === "") return;
          const parsed = parseImportLine(raw);
          if (typeof parsed === "string") invalid.push({ line: index + 1, error: parsed });
          else valid.push({ line: index + 1, input: parsed });
        });
        await withContext({ migrate: true }, async (ctx) => {
          const user = await userFor(ctx, opts.user);
          const bar = await progressBar("Importing");
          bar.start(valid.length, 0);
          let imported = 0;
          let duplicates = 0;
          try {
            for (let i = 0; i < valid.length; i += IMPORT_BATCH) {
              const batch = valid.slice(i, i + IMPORT_BATCH);
              const result = await ctx.memory.manager.rememberMany(
                user.id,
                batch.map((b) => b.input),
                "now",
              );
              imported += result.created.length;
              duplicates += result.duplicates;
              bar.update(Math.min(i + batch.length, valid.length));
            }
          } finally {
            bar.stop();
          }
          const summary = {
            file: opts.file,
            user: user.email,
            lines: valid.length + invalid.length,
            imported,
            duplicates,
            invalid,
          };
          output(command, summary, () =>
            [
              `Imported ${imported} memories for ${user.email} from ${opts.file} ` +
                `(${duplicates} duplicates skipped, ${invalid.length} invalid lines).`,
              ...invalid.map((e) => `  line ${e.line}: ${e.error}`),
            ].join("\n"),
          );
        });
      }),
    );

  memory
    .command("search")
    .description("search a user's memories (best first)")
    .requiredOption("--user <email>", "whose memories")
    .requiredOption("--query <text>", "what to look for; times such as 'last week' filter by date")
    .option("--limit <k>", `how many results (default ${DEFAULT_SEARCH_HITS})`)
    .action(
      action(async (opts: { user: string; query: string; limit?: string }, command: Command) => {
        const { query, limit } = parseFlags(searchMemoryToolInput, { query: opts.query, limit: opts.limit });
        await withContext({ migrate: true }, async (ctx) => {
          const user = await userFor(ctx, opts.user);
          const result = memorySearchView(await ctx.memory.rag.search(user, query, { limit }));
          const rows = result.hits.map((h) => ({
            id: h.id,
            externalId: h.externalId,
            text: h.text,
            kind: h.kind,
            createdAt: h.createdAt,
            score: h.score,
            ...(h.weak ? { weak: true as const } : {}),
          }));
          output(command, rows, () =>
            rows.length === 0
              ? "No memory matches."
              : rows
                  .map(
                    (r) =>
                      `[m${r.id} ${localDate(new Date(r.createdAt), user.timezone)}] ${r.score.toFixed(3)}${"weak" in r ? " (weak match)" : ""}  ${r.text.replace(/\s+/g, " ")}`,
                  )
                  .join("\n"),
          );
        });
      }),
    );

  memory
    .command("list")
    .description("list a user's memories, newest first")
    .requiredOption("--user <email>", "whose memories")
    .option("--limit <n>", `page size (default ${DEFAULT_PAGE_SIZE})`)
    .option("--offset <n>", "skip this many")
    .action(
      action(async (opts: { user: string; limit?: string; offset?: string }, command: Command) => {
        const page = parseFlags(listMemoriesInput, { limit: opts.limit, offset: opts.offset });
        const limit = page.limit ?? DEFAULT_PAGE_SIZE;
        const offset = page.offset ?? 0;
        await withContext({ migrate: true }, async (ctx) => {
          const user = await userFor(ctx, opts.user);
          const memories = await ctx.memory.manager.list(user.id, { limit, offset });
          output(command, memories, () =>
            [
              `${memories.total} memories; showing ${memories.items.length} from ${offset + 1}.`,
              ...memories.items.map(
                (m) => `[m${m.id} ${localDate(new Date(m.createdAt), user.timezone)}] ${m.kind}: ${m.text}`,
              ),
            ].join("\n"),
          );
        });
      }),
    );

  memory
    .command("forget")
    .description("delete one memory (--id) or all of a user's memories (--all)")
    .requiredOption("--user <email>", "whose memories")
    .option("--id <id>", "the memory's id")
    .option("--all", "every memory of the user")
    .action(
      action(async (opts: { user: string; id?: string; all?: boolean }, command: Command) => {
        if (Boolean(opts.id) === Boolean(opts.all)) throw new CliError("Give exactly one of --id <id> or --all.");
        const id = parseIdFlag(opts.id, "--id");
        await withContext({ migrate: true }, async (ctx) => {
          const user = await userFor(ctx, opts.user);
          if (id !== undefined) {
            await ctx.memory.manager.forget(user.id, id);
            output(command, { deleted: 1 }, () => `Forgot memory m${id}.`);
          } else {
            const deleted = await ctx.memory.manager.forgetAll(user.id);
            output(command, { deleted }, () => `Forgot all ${deleted} memories of ${user.email}.`);
          }
        });
      }),
    );

  memory
    .command("reindex")
    .description("embed memories that have no vector of the current model (after a model change); resumable")
    .option("--user <email>", "only this user's memories (default: everyone's)")
    .option("--batch-size <n>", "memories per batch (default 64)")
    .action(
      action(async (opts: { user?: string; batchSize?: string }, command: Command) => {
        const batchSize = parseCount(opts.batchSize, "--batch-size", 10_000);
        await withContext({ migrate: true }, async (ctx) => {
          const user = opts.user ? await userFor(ctx, opts.user) : undefined;
          const bar = await progressBar("Embedding");
          let started = false;
          try {
            const result = await ctx.memory.manager.reindex({
              userId: user?.id,
              batchSize,
              onProgress: (done, total) => {
                if (!started) {
                  bar.start(total, done);
                  started = true;
                } else bar.update(done);
              },
            });
            bar.stop();
            output(command, result, () =>
              result.embedded === 0
                ? `Every memory${user ? ` of ${user.email}` : ""} already has a ${result.model} vector; nothing to do.`
                : `Embedded ${result.embedded} memories with ${result.model}${user ? ` for ${user.email}` : ""}.`,
            );
          } finally {
            bar.stop();
          }
        });
      }),
    );
}

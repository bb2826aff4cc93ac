// maang user create | list | delete | logout-all | token create | token list | token revoke,
// maang export, maang import-json
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { publicUser } from "../../services/accounts/user-service.js";
import { EXPORT_FILE_FORMATS, exportFormatSchema } from "../../services/export/contract.js";
import { action, CliError, output, parseIdFlag, withContext } from "../runtime.js";

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("manage accounts");
  user
    .command("create")
    .description("create an account")
    .requiredOption("--email <email>", "login email")
    .requiredOption("--password <password>", `password (at least 8 characters)`)
    .option("--name <name>", "display name")
    .option("--timezone <tz>", "IANA timezone, e.g. Europe/Berlin", "UTC")
    .action(
      action(async (opts: { email: string; password: string; name?: string; timezone: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          const created = publicUser(await ctx.users.signup(opts));
          output(command, created, () => `Created user ${created.email} (id ${created.id}).`);
        });
      }),
    );

  user
    .command("list")
    .description("list accounts (id, email, name, created)")
    .option("--limit <n>", "at most this many", "1000")
    .option("--offset <n>", "skip this many", "0")
    .action(
      action(async (opts: { limit: string; offset: string }, command: Command) => {
        const limit = wholeNumber(opts.limit, "--limit");
        const offset = wholeNumber(opts.offset, "--offset");
        await withContext({ migrate: true }, async (ctx) => {
          const accounts = await ctx.users.list({ limit, offset });
          output(command, accounts, () =>
            accounts.length === 0
              ? "No accounts yet: create one with `maang user create --email … --password …`."
              : accounts
                  .map((a) => `${String(a.id).padStart(5)}  ${a.email}  ${a.name}  ${a.createdAt.toISOString()}`)
                  .join("\n"),
          );
        });
      }),
    );

  user
    .command("delete")
    .description("delete an account and everything it owns (attempts, reviews, interviews, memories, …)")
    .requiredOption("--email <email>", "the account's email")
    .action(
      action(async (opts: { email: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          const deleted = await ctx.users.deleteByEmail(opts.email);
          output(command, deleted, () => `Deleted user ${deleted.email} (id ${deleted.id}) and all of its data.`);
        });
      }),
    );

  user
    .command("logout-all")
    .description("end every login session of an account (API tokens stay valid)")
    .requiredOption("--email <email>", "the account's email")
    .action(
      action(async (opts: { email: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          const account = await ctx.users.byEmail(opts.email);
          const sessionsEnded = await ctx.sessions.revokeAll(account.id);
          output(
            command,
            { email: account.email, sessionsEnded },
            () => `Ended ${sessionsEnded} session(s) of ${account.email}.`,
          );
        });
      }),
    );

  const token = user
    .command("token")
    .description("personal API tokens (Authorization: Bearer …), e.g. for MCP clients");
  token
    .command("create")
    .description("create a token; it is printed once and cannot be shown again")
    .requiredOption("--email <email>", "the account's email")
    .requiredOption("--name <name>", "what the token is for, e.g. claude-desktop")
    .action(
      action(async (opts: { email: string; name: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          const account = await ctx.users.byEmail(opts.email);
          const created = await ctx.tokens.create(account.id, opts.name);
          output(
            command,
            created,
            () =>
              `${created.token}\n` +
              `Created token "${created.name}" (id ${created.id}) for ${account.email}. Copy it now: it is not stored and will not be shown again.`,
          );
        });
      }),
    );
  token
    .command("list")
    .description("list an account's tokens (never the token itself)")
    .requiredOption("--email <email>", "the account's email")
    .action(
      action(async (opts: { email: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          const account = await ctx.users.byEmail(opts.email);
          const tokens = await ctx.tokens.list(account.id);
          output(command, tokens, () =>
            tokens.length === 0
              ? `${account.email} has no API tokens.`
              : tokens
                  .map(
                    (t) =>
                      `${String(t.id).padStart(5)}  ${t.prefix}…  ${t.name}  created ${t.createdAt}  last used ${t.lastUsedAt ?? "never"}`,
                  )
                  .join("\n"),
          );
        });
      }),
    );
  token
    .command("revoke")
    .description("revoke a token by id")
    .requiredOption("--email <email>", "the account's email")
    .requiredOption("--id <id>", "the token's id (see `maang user token list`)")
    .action(
      action(async (opts: { email: string; id: string }, command: Command) => {
        const id = parseIdFlag(opts.id, "--id");
        await withContext({ migrate: true }, async (ctx) => {
          const account = await ctx.users.byEmail(opts.email);
          await ctx.tokens.revoke(account.id, id);
          output(command, { revoked: id }, () => `Revoked token ${id} of ${account.email}.`);
        });
      }),
    );

  program
    .command("export")
    .description("export one user's data as json, csv (a zip of csv files) or xlsx")
    .requiredOption("--user <email>", "the account's email")
    .option("--format <format>", EXPORT_FILE_FORMATS.join(" | "), "json")
    .option("--out <file>", "where to write it (json may go to stdout when omitted)")
    .action(
      action(async (opts: { user: string; format: string; out?: string }, command: Command) => {
        const parsed = exportFormatSchema.safeParse(opts.format);
        if (!parsed.success) throw new CliError(`--format ${parsed.error.issues[0]?.message} (got "${opts.format}").`);
        const format = parsed.data;
        if (!opts.out && format !== "json")
          throw new CliError(
            `--format ${format} is a binary file: give --out <file>, e.g. --out export.${format === "csv" ? "zip" : "xlsx"}.`,
          );
        await withContext({ migrate: true }, async (ctx) => {
          const account = await ctx.users.byEmail(opts.user);
          const file = await ctx.exports.export(account.id, format);
          if (!opts.out) {
            process.stdout.write(file.body);
            return;
          }
          writeFileSync(opts.out, file.body);
          output(
            command,
            { file: opts.out, bytes: file.body.length, format },
            () => `Wrote ${file.body.length} bytes (${format}) to ${opts.out}.`,
          );
        });
      }),
    );

  program
    .command("import-json")
    .description("restore a json export into an account that has no data yet (all or nothing)")
    .requiredOption("--user <email>", "the account to restore into")
    .requiredOption("--file <file>", "a file written by `maang export --format json` or GET /api/export")
    .action(
      action(async (opts: { user: string; file: string }, command: Command) => {
        let document: unknown;
        try {
          document = JSON.parse(readFileSync(opts.file, "utf8"));
        } catch (error) {
          throw new CliError(`Cannot read ${opts.file} as JSON: ${(error as Error).message}`);
        }
        await withContext({ migrate: true }, async (ctx) => {
          const account = await ctx.users.byEmail(opts.user);
          const report = await ctx.exports.import(account.id, document);
          await ctx.jobs.drain();
          output(
            command,
            report,
            () =>
              `Imported into ${account.email}: ${
                Object.entries(report.counts)
                  .filter(([, n]) => n > 0)
                  .map(([kind, n]) => `${n} ${kind}`)
                  .join(", ") || "nothing (the file was empty)"
              }.`,
          );
        });
      }),
    );
}

function wholeNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag} must be a whole number (got "${value}").`);
  return n;
}

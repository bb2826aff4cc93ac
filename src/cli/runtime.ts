// What every CLI command shares: building the context, `--json` output, and one clear line on error.
import type { Command } from "commander";
import type { z } from "zod";
import { type AppContext, type CreateContextOptions, createAppContext } from "../app-context.js";
import { recordIdParam } from "../config/input-limits.js";
import { loadSettings } from "../config/settings.js";
import type { User } from "../database/schema.js";
import { isAppError, NotFoundError } from "../errors.js";

export interface GlobalOptions {
  json?: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Prints a result: JSON when `--json`, otherwise the human text. */
export function output(command: Command, value: unknown, human: () => string): void {
  if (globalOptions(command).json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else process.stdout.write(`${human()}\n`);
}

export class CliError extends Error {}

/** A record id flag (`--id 12`), with the one id rule every transport uses (config/input-limits.ts). */
export function parseIdFlag(value: string, flag: string): number;
export function parseIdFlag(value: string | undefined, flag: string): number | undefined;
export function parseIdFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  // digits only: the schema coerces, and Number("") or Number("1e3") would slip through
  const parsed = /^\d+$/.test(value) ? recordIdParam.safeParse(value) : undefined;
  if (!parsed?.success) {
    const message = recordIdParam.safeParse(0).error?.issues[0]?.message ?? "must be a record id";
    throw new CliError(`${flag} ${message}; got "${value}".`);
  }
  return parsed.data;
}

/** The account a command acts for (`--user EMAIL`), through the accounts service. */
export async function accountByEmail(ctx: AppContext, email: string): Promise<User> {
  try {
    return await ctx.users.byEmail(email);
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new NotFoundError(`No user with the email ${email}; create one with \`maang user create\`.`);
    throw error;
  }
}

/**
 * Parses a command's flags with a contract's schema (the one its REST route and tool use), so a limit is
 * written once; a refusal names the flag the user typed (`--limit is at most 200 per page`).
 * `flagFor` maps a contract field to its flag where the two differ (`{ attemptedAt: "--at" }`).
 */
export function parseFlags<S extends z.ZodType>(
  schema: S,
  raw: Record<string, unknown>,
  flagFor: Record<string, string> = {},
): z.output<S> {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  const parsed = schema.safeParse(defined);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    if (!field) return issue.message;
    const flag = flagFor[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return `${flag} ${issue.message}`;
  });
  throw new CliError(`${problems.join("; ")}.`);
}

/** Wraps a command's action: any error becomes one line on stderr and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      const command = args[args.length - 1] as Command | undefined;
      const json = command && typeof command.optsWithGlobals === "function" && globalOptions(command).json;
      const message = error instanceof Error ? error.message : String(error);
      const code = isAppError(error) ? error.code : error instanceof CliError ? "usage" : "error";
      if (json) process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
      else process.stderr.write(`maang: ${message}\n`);
      if (!isAppError(error) && !(error instanceof CliError) && process.env.MAANG_DEBUG) console.error(error);
      process.exitCode = 1;
    }
  };
}

/**
 * Builds the context for one command and always closes it. CLI commands log warnings only (to stderr),
 * so their stdout stays clean for `--json`.
 */
export async function withContext<T>(
  options: CreateContextOptions & { quiet?: boolean },
  fn: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const settings = options.settings ?? loadSettings();
  const { createLogger } = await import("../config/logger.js");
  const logger =
    options.logger ??
    createLogger(
      options.quiet === false
        ? settings
        : { ...settings, log: { ...settings.log, level: settings.log.level === "info" ? "warn" : settings.log.level } },
      { destination: 2 },
    );
  const ctx = await createAppContext({ ...options, settings, logger });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

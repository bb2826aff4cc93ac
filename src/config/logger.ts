import pino, { type Logger } from "pino";
import type { Settings } from "./settings.js";

export type { Logger };

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "apiKey",
  "secret",
  "cookie",
  "sessionCookie",
  "*.password",
  "*.token",
  "*.apiKey",
  "*.secret",
  "*.cookie",
  "passwordHash",
  "*.passwordHash",
  "cookieValue",
  "*.cookieValue",
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-metrics-token"]',
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  'res.headers["set-cookie"]',
  'headers["set-cookie"]',
];

/** Error fields worth a log line; everything else an error carries (a query's `params`, a row) is dropped. */
const ERROR_FIELDS = ["code", "statusCode", "severity", "routine", "errno", "syscall"] as const;

function queryParameters(error: unknown, into: string[], depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 5) return into;
  const params = (error as { params?: unknown }).params;
  if (Array.isArray(params)) {
    for (const p of params) {
      const text = typeof p === "string" ? p : p instanceof Date || typeof p === "number" ? "" : JSON.stringify(p);
      // one or two characters would blank out unrelated text; such values are no secret either
      if (text && text.length >= 3) into.push(text);
    }
  }
  return queryParameters((error as { cause?: unknown }).cause, into, depth + 1);
}

function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  return out;
}

function describeError(error: unknown, secrets: string[], depth: number): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? scrub(error, secrets) : error;
  const out: Record<string, unknown> = {
    type: error.name,
    message: scrub(error.message, secrets),
    stack: error.stack ? scrub(error.stack, secrets) : undefined,
  };
  const record = error as unknown as Record<string, unknown>;
  for (const field of ERROR_FIELDS) if (record[field] !== undefined) out[field] = record[field];
  // the SQL text (placeholders only) says which query failed; its parameters never leave the process
  if (typeof record.query === "string") out.query = scrub(record.query, secrets);
  if (error.cause !== undefined && depth < 5) out.cause = describeError(error.cause, secrets, depth + 1);
  return out;
}

/**
 * The `err` serializer of every logger: type, message, stack, code and cause, with every parameter of
 * a failed query cut out. Drizzle puts the parameters (a new account's password hash, a token's hash)
 * both in a `params` field and in the message itself.
 */
export function serializeError(error: unknown): unknown {
  return describeError(error, queryParameters(error, []), 0);
}

/**
 * pino: pretty on a terminal, JSON otherwise (or as LOG_FORMAT says). `destination` 2 sends logs to
 * stderr, which the MCP stdio server needs because stdout carries the protocol.
 */
export function createLogger(
  settings: Settings,
  options: { destination?: 1 | 2; name?: string; stream?: NodeJS.WritableStream } = {},
): Logger {
  const destination = options.destination ?? 1;
  const isTty = destination === 2 ? process.stderr.isTTY : process.stdout.isTTY;
  const pretty = settings.log.format === "pretty" || (settings.log.format === "auto" && isTty);
  const base = {
    name: options.name ?? "maang",
    level: settings.log.level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError },
  };
  if (options.stream) return pino(base, options.stream);
  if (pretty) {
    return pino({
      ...base,
      transport: {
        target: "pino-pretty",
        options: { destination, colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" },
      },
    });
  }
  return pino(base, pino.destination({ fd: destination, sync: destination === 2 }));
}

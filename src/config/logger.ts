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
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
];

/**
 * pino: pretty on a terminal, JSON otherwise (or as LOG_FORMAT says). `destination` 2 sends logs to
 * stderr, which the MCP stdio server needs because stdout carries the protocol.
 */
export function createLogger(settings: Settings, options: { destination?: 1 | 2; name?: string } = {}): Logger {
  const destination = options.destination ?? 1;
  const isTty = destination === 2 ? process.stderr.isTTY : process.stdout.isTTY;
  const pretty = settings.log.format === "pretty" || (settings.log.format === "auto" && isTty);
  const base = {
    name: options.name ?? "maang",
    level: settings.log.level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
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

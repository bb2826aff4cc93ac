// Parses a command's flags with a feature contract's schema (the one the REST route and the tool use), so
// the CLI refuses what they refuse, naming the flag the user typed.
import type { z } from "zod";
import { CliError } from "./runtime.js";

export function parseFlags<S extends z.ZodType>(
  schema: S,
  raw: Record<string, unknown>,
  flagFor: Record<string, string> = {},
): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    const flag = flagFor[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return `${flag} ${issue.message}`;
  });
  throw new CliError(`${problems.join("; ")}.`);
}

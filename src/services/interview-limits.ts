// Limits of what a candidate sends in an interview, and the language names they may use; shared by the
// service, its drafts and the routes.
import { BadRequestError } from "../errors.js";
import { LANGUAGE_ALIASES, type Language } from "./code-runner/types.js";

export const MAX_CODE_BYTES = 64 * 1024;
export const MAX_TEXT_CHARS = 20_000;

export function parseLanguage(value: string): Language {
  const language = LANGUAGE_ALIASES[value.trim().toLowerCase()];
  if (!language)
    throw new BadRequestError(`Unknown language "${value}". Use one of: ${Object.keys(LANGUAGE_ALIASES).join(", ")}.`);
  return language;
}

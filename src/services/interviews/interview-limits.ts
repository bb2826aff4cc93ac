// Limits of what a candidate sends in an interview, and the language names they may use; shared by the
// service, its drafts and the routes.
import { BadRequestError } from "../../errors.js";
import { LANGUAGE_ALIASES, type Language } from "../code-runner/types.js";

export { MAX_CODE_BYTES, MAX_TEXT_CHARS } from "./contract.js";

export function parseLanguage(value: string): Language {
  const language = LANGUAGE_ALIASES[value.trim().toLowerCase()];
  if (!language)
    throw new BadRequestError(`Unknown language "${value}". Use one of: ${Object.keys(LANGUAGE_ALIASES).join(", ")}.`);
  return language;
}

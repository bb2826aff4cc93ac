import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination.js";

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/** One page of a list, as every paginated service call and route returns it. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageRequest {
  limit?: number;
  offset?: number;
}

export function pageBounds(request: PageRequest): { limit: number; offset: number } {
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(request.limit ?? DEFAULT_PAGE_SIZE)));
  const offset = Math.max(0, Math.trunc(request.offset ?? 0));
  return { limit, offset };
}

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%". */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// The one page-size rule every list shares: the REST query strings, the MCP/mentor tools and the services.
import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 50;
/** The largest page any list returns: big enough for a dashboard table, small enough for a model's context. */
export const MAX_PAGE_SIZE = 200;
/** Deeper than any user's history; stops a crafted offset from scanning a table for nothing. */
export const MAX_PAGE_OFFSET = 1_000_000;

/** A page size; coerced so the same schema parses a query string ("20") and a tool's JSON number (20). */
export const pageLimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE, `is at most ${MAX_PAGE_SIZE} per page`)
  .describe(`how many to return (1-${MAX_PAGE_SIZE})`);
export const pageOffsetSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(MAX_PAGE_OFFSET)
  .describe("how many to skip, for paging");

/** Spread into a request object: `{ ...pageRequest }`. */
export const pageRequest = { limit: pageLimitSchema.optional(), offset: pageOffsetSchema.optional() };

/** The output shape of one page of `item`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

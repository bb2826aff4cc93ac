// The one error body every route answers with (src/api/app.ts's error handler writes it), declared as
// the routes' 4xx/5xx responses so /docs shows it next to each operation.
import { z } from "zod";

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe("machine-readable, e.g. validation_failed, not_found"),
      message: z.string().describe("what was wrong and how to fix it"),
      details: z.unknown().optional(),
    }),
  })
  .describe("an error");

/** Spread into a route's `response`: `{ 200: view, ...errorResponses }`. */
export const errorResponses = { "4xx": errorBodySchema, "5xx": errorBodySchema } as const;

// Zod pieces the tracking, review and roadmap routes share.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { DIFFICULTIES } from "../../config/constants.js";
import { recordIdParams } from "../../config/input-limits.js";
import { UnauthorizedError } from "../../errors.js";
import { slugSchema } from "../../services/tracking/contract.js";

/** `{ limit, offset }` of a list's query string: the one pagination schema (src/services/shared/pagination.ts). */
export { pageRequest as pagination } from "../../services/shared/pagination.js";
export {
  instantSchema,
  outcomeSchema,
  ratingSchema,
  slugSchema,
  topicSchema,
} from "../../services/tracking/contract.js";

/** for routes that take no query parameters: an unknown one is a 400, not silently ignored */
export const noQuery = z.object({}).strict();

export const slugParams = z.object({ slug: slugSchema }).strict();
export const problemSlugParams = z.object({ problemSlug: slugSchema }).strict();
export const idParams = recordIdParams;

export const difficultySchema = z.enum(DIFFICULTIES);

/**
 * Route option: refuse anonymous callers before the body is validated, so they get 401 rather than a
 * validation error that would describe the route's schema to them.
 */
export const signedIn = {
  // a done callback, not an async hook: no promise per request for a check that never waits
  preValidation: (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    done(request.user ? undefined : new UnauthorizedError());
  },
};

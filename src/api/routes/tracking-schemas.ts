// Zod pieces the tracking, review and roadmap routes share.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { DIFFICULTIES, OUTCOMES, RATINGS, TOPIC_IDS } from "../../config/constants.js";
import { recordIdParams } from "../../config/input-limits.js";
import { MAX_PAGE_SIZE } from "../../services/page.js";
import { requireUser } from "../auth.js";

export const pagination = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
};

export const slugSchema = z
  .string()
  .min(1, "is required")
  .max(120, "is too long (at most 120 characters)")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and dashes, e.g. two-sum");

/** for routes that take no query parameters: an unknown one is a 400, not silently ignored */
export const noQuery = z.object({}).strict();

export const slugParams = z.object({ slug: slugSchema }).strict();
export const problemSlugParams = z.object({ problemSlug: slugSchema }).strict();
export const idParams = recordIdParams;

export const topicSchema = z.enum(TOPIC_IDS);
export const difficultySchema = z.enum(DIFFICULTIES);
export const outcomeSchema = z.enum(OUTCOMES);
export const ratingSchema = z.enum(Object.keys(RATINGS) as [keyof typeof RATINGS, ...(keyof typeof RATINGS)[]]);

/** An ISO 8601 instant with an offset (`2026-03-01T09:30:00Z`) or a plain date (`2026-03-01`, midnight UTC). */
export const instantSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((v) => new Date(v));

/**
 * Route option: refuse anonymous callers before the body is validated, so they get 401 rather than a
 * validation error that would describe the route's schema to them.
 */
export const signedIn = {
  preValidation: async (request: FastifyRequest) => {
    requireUser(request);
  },
};

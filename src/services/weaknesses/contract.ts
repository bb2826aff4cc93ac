// The weakness use cases' limits, written once for the get_weaknesses tool (and the routes as they move
// here): how many weak topics a caller may ask for, and how many it gets by default.
import { z } from "zod";
import { TOPIC_IDS } from "../../config/constants.js";

/** Every roadmap topic: the list is bounded by the number of topics, not by a page size. */
export const MAX_WEAK_TOPICS = TOPIC_IDS.length;
export const DEFAULT_WEAK_TOPICS = 5;

export const weakTopicsInput = z
  .object({
    limit: z
      .number()
      .int("must be a whole number")
      .min(1, "is at least 1")
      .max(MAX_WEAK_TOPICS, `is at most ${MAX_WEAK_TOPICS} (the number of topics)`)
      .optional()
      .describe(`how many weak topics to return (default ${DEFAULT_WEAK_TOPICS})`),
  })
  .strict();

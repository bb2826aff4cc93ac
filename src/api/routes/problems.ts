// The problem catalogue (search, one problem, custom problems) and per-problem notes.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { noteView, problemNoteInput } from "../../services/tracking/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import {
  difficultySchema,
  noQuery,
  pagination,
  signedIn,
  slugParams,
  slugSchema,
  topicSchema,
} from "./tracking-schemas.js";

export async function problemsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/problems",
    {
      ...signedIn,
      schema: {
        tags: ["problems"],
        summary: "Search the catalogue (shared problems and your own) with your status on each",
        querystring: z
          .object({
            q: z.string().max(200).optional(),
            topic: topicSchema.optional(),
            difficulty: difficultySchema.optional(),
            status: z.enum(["solved", "attempted", "new"]).optional(),
            revisit: z
              .enum(["true", "false"], { message: "must be true or false" })
              .transform((v) => v === "true")
              .optional(),
            ...pagination,
          })
          .strict(),
      },
    },
    async (request) => ctx.catalog.search(requireUser(request).id, request.query),
  );

  app.get(
    "/problems/:slug",
    {
      ...signedIn,
      schema: {
        tags: ["problems"],
        summary: "One problem with its topics and your status",
        params: slugParams,
        querystring: noQuery,
      },
    },
    async (request) => ctx.catalog.get(requireUser(request).id, request.params.slug),
  );

  app.post(
    "/problems",
    {
      ...signedIn,
      schema: {
        tags: ["problems"],
        summary: "Add a custom problem only you see",
        body: z
          .object({
            title: z.string().trim().min(1, "is required").max(200),
            slug: slugSchema.max(100).optional(),
            difficulty: difficultySchema,
            topics: z.array(topicSchema).min(1, "needs at least one topic").max(5),
            url: z
              .url({ protocol: /^https?$/ })
              .max(2000)
              .optional(),
            companies: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const problem = await ctx.catalog.createCustom(requireUser(request).id, request.body);
      return reply.status(201).send(problem);
    },
  );

  app.get(
    "/problems/:slug/notes",
    {
      ...signedIn,
      schema: {
        tags: ["problems"],
        summary: "Your notes on a problem",
        params: slugParams,
        querystring: noQuery,
        response: { 200: noteView, ...errorResponses },
      },
    },
    async (request) => ctx.tracking.getNote(requireUser(request).id, request.params.slug),
  );

  app.put(
    "/problems/:slug/notes",
    {
      ...signedIn,
      schema: {
        tags: ["problems"],
        summary: "Write your notes on a problem and flag it to revisit",
        params: slugParams,
        body: problemNoteInput,
        response: { 200: noteView, ...errorResponses },
      },
    },
    async (request) => ctx.tracking.putNote(requireUser(request).id, request.params.slug, request.body),
  );
}

// The signed-in user's memories: remember, search (hybrid, time-aware), list, read, forget.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { MEMORY_KINDS } from "../../config/constants.js";
import { BadRequestError } from "../../errors.js";
import {
  memoryImportanceSchema,
  memoryQuerySchema,
  memoryTextSchema,
  USER_MEMORY_KINDS,
} from "../../memory/contract.js";
import { pageRequest } from "../../services/shared/pagination.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { idParams, instantSchema, pagination } from "./tracking-schemas.js";

// Anonymous callers get 401 before validation, so a validation error never describes the route to them.
const signedIn = {
  preValidation: async (request: FastifyRequest) => {
    requireUser(request);
  },
};

export async function memoriesRoutes(app: App, ctx: AppContext): Promise<void> {
  const { manager, rag } = ctx.memory;

  app.post(
    "/memories",
    {
      ...signedIn,
      schema: {
        tags: ["memories"],
        summary: "Remember a note or fact (long text is chunked; text you already stored is skipped)",
        body: z
          .object({
            text: memoryTextSchema,
            kind: z.enum(USER_MEMORY_KINDS).optional(),
            importance: memoryImportanceSchema.optional(),
            createdAt: instantSchema.optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const result = await manager.remember(requireUser(request).id, { ...request.body, source: "api" });
      return reply.status(result.created.length > 0 ? 201 : 200).send(result);
    },
  );

  app.get(
    "/memories/search",
    {
      ...signedIn,
      schema: {
        tags: ["memories"],
        summary:
          "Search your memories by meaning and words; times in the question (yesterday, last week, in March) filter by date",
        querystring: z
          .object({
            q: memoryQuerySchema,
            limit: pageRequest.limit,
            kind: z.enum(MEMORY_KINDS).optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { q, limit, kind } = request.query;
      return rag.search(user, q, { limit, kinds: kind ? [kind] : undefined });
    },
  );

  app.get(
    "/memories",
    {
      ...signedIn,
      schema: {
        tags: ["memories"],
        summary: "Your memories, newest first",
        querystring: z.object({ kind: z.enum(MEMORY_KINDS).optional(), ...pagination }).strict(),
      },
    },
    async (request) => manager.list(requireUser(request).id, request.query),
  );

  app.get(
    "/memories/:id",
    { ...signedIn, schema: { tags: ["memories"], summary: "One of your memories", params: idParams } },
    async (request) => manager.get(requireUser(request).id, request.params.id),
  );

  app.delete(
    "/memories/:id",
    { ...signedIn, schema: { tags: ["memories"], summary: "Forget one memory", params: idParams } },
    async (request, reply) => {
      await manager.forget(requireUser(request).id, request.params.id);
      return reply.status(204).send();
    },
  );

  app.delete(
    "/memories",
    {
      ...signedIn,
      schema: {
        tags: ["memories"],
        summary: "Forget every memory (needs ?confirm=true)",
        querystring: z.object({ confirm: z.enum(["true", "false"]).optional() }).strict(),
      },
    },
    async (request) => {
      if (request.query.confirm !== "true") {
        throw new BadRequestError("This deletes all your memories; repeat the request with ?confirm=true to do it.");
      }
      return { deleted: await manager.forgetAll(requireUser(request).id) };
    },
  );
}

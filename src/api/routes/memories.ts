// The signed-in user's memories: remember, search (hybrid, time-aware), list, read, forget. Inputs and
// outputs are the memory contract's (src/memory/contract.ts), which the tools and the CLI parse with too.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { BadRequestError } from "../../errors.js";
import {
  addMemoryInput,
  forgetAllInput,
  forgetAllView,
  listMemoriesInput,
  memoryPage,
  memorySearchView,
  memoryView,
  rememberView,
  searchMemoryInput,
} from "../../memory/contract.js";
import { memorySearchView as searchView } from "../../memory/views.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { idParams, signedIn } from "./tracking-schemas.js";

export async function memoriesRoutes(app: App, ctx: AppContext): Promise<void> {
  const { manager, rag } = ctx.memory;
  const tags = ["memories"];

  app.post(
    "/memories",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Remember a note or fact (long text is chunked; text you already stored is skipped)",
        body: addMemoryInput,
        response: {
          201: rememberView.describe("stored"),
          200: rememberView.describe("nothing new: the text was already remembered"),
          ...errorResponses,
        },
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
        tags,
        summary:
          "Search your memories by meaning and words; times in the question (yesterday, last week, in March) filter by date",
        querystring: searchMemoryInput,
        response: { 200: memorySearchView, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { q, limit, kind } = request.query;
      return searchView(await rag.search(user, q, { limit, kinds: kind ? [kind] : undefined }));
    },
  );

  app.get(
    "/memories",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Your memories, newest first",
        querystring: listMemoriesInput,
        response: { 200: memoryPage, ...errorResponses },
      },
    },
    async (request) => manager.list(requireUser(request).id, request.query),
  );

  app.get(
    "/memories/:id",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "One of your memories",
        params: idParams,
        response: { 200: memoryView, ...errorResponses },
      },
    },
    async (request) => manager.get(requireUser(request).id, request.params.id),
  );

  app.delete(
    "/memories/:id",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Forget one memory",
        params: idParams,
        response: { 204: z.null().describe("forgotten"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await manager.forget(requireUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/memories",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Forget every memory (needs ?confirm=true)",
        querystring: forgetAllInput,
        response: { 200: forgetAllView, ...errorResponses },
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

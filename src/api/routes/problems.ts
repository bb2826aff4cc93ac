// The problem catalogue (search, one problem, custom problems) and per-problem notes.
// Inputs and outputs are the catalogue's contract (src/services/catalog/contract.ts) and, for notes, the
// tracking contract's.
import type { AppContext } from "../../app-context.js";
import {
  customProblemInput,
  problemDetailView,
  problemPageOf,
  searchProblemsInput,
} from "../../services/catalog/contract.js";
import { noteView, problemNoteInput } from "../../services/tracking/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { noQuery, signedIn, slugParams } from "./tracking-schemas.js";

export async function problemsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/problems",
    {
      ...signedIn,
      schema: {
        tags: ["problems"],
        summary: "Search the catalogue (shared problems and your own) with your status on each",
        querystring: searchProblemsInput,
        response: { 200: problemPageOf, ...errorResponses },
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
        response: { 200: problemDetailView, ...errorResponses },
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
        body: customProblemInput,
        response: { 201: problemDetailView, ...errorResponses },
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

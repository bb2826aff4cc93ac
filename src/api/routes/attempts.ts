// Logging, listing, reading, correcting and deleting attempts. Inputs and outputs are the tracking
// contract's (src/services/tracking/contract.ts), which the MCP tools and the CLI parse with too.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import {
  attemptIdInput,
  attemptPage,
  attemptView,
  editAttemptInput,
  listAttemptsInput,
  logAttemptInput,
  loggedAttempt,
} from "../../services/tracking/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { noQuery, signedIn } from "./tracking-schemas.js";

export async function attemptsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(
    "/attempts",
    {
      ...signedIn,
      schema: {
        tags: ["attempts"],
        summary: "Log an attempt; it also schedules the problem's review card",
        body: logAttemptInput,
        response: { 201: loggedAttempt, ...errorResponses },
      },
    },
    async (request, reply) => {
      const logged = await ctx.tracking.logAttempt(requireUser(request).id, request.body);
      return reply.status(201).send(logged);
    },
  );

  app.get(
    "/attempts",
    {
      ...signedIn,
      schema: {
        tags: ["attempts"],
        summary: "Your attempts, newest first, filtered by problem, topic, outcome and date range",
        querystring: listAttemptsInput,
        response: { 200: attemptPage, ...errorResponses },
      },
    },
    async (request) => ctx.tracking.listAttempts(requireUser(request).id, request.query),
  );

  app.get(
    "/attempts/:id",
    {
      ...signedIn,
      schema: {
        tags: ["attempts"],
        summary: "One of your attempts",
        params: attemptIdInput,
        querystring: noQuery,
        response: { 200: attemptView, ...errorResponses },
      },
    },
    async (request) => ctx.tracking.getAttempt(requireUser(request).id, request.params.id),
  );

  app.patch(
    "/attempts/:id",
    {
      ...signedIn,
      schema: {
        tags: ["attempts"],
        summary: "Correct one of your attempts; its review card is replayed with the corrected history",
        params: attemptIdInput,
        body: editAttemptInput,
        response: { 200: attemptView, ...errorResponses },
      },
    },
    async (request) => ctx.tracking.editAttempt(requireUser(request).id, request.params.id, request.body),
  );

  app.delete(
    "/attempts/:id",
    {
      ...signedIn,
      schema: {
        tags: ["attempts"],
        summary: "Delete one of your attempts: its review is taken out and the card replayed, its plan tick undone",
        params: attemptIdInput,
        response: { 204: z.null().describe("deleted"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await ctx.tracking.deleteAttempt(requireUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

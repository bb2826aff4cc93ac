// Logging, listing, reading, correcting and deleting attempts.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { MAX_LANGUAGE_LENGTH, MAX_MINUTES, MAX_NOTES_LENGTH } from "../../services/tracking-service.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import {
  idParams,
  instantSchema,
  noQuery,
  outcomeSchema,
  pagination,
  ratingSchema,
  signedIn,
  slugSchema,
  topicSchema,
} from "./tracking-schemas.js";

export async function attemptsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(
    "/attempts",
    {
      ...signedIn,
      schema: {
        tags: ["attempts"],
        summary: "Log an attempt; it also schedules the problem's review card",
        body: z
          .object({
            problem: slugSchema,
            outcome: outcomeSchema,
            minutes: z.number().int().min(0).max(MAX_MINUTES).optional(),
            language: z.string().trim().max(MAX_LANGUAGE_LENGTH).optional(),
            notes: z.string().max(MAX_NOTES_LENGTH).optional(),
            rating: ratingSchema.optional(),
            attemptedAt: instantSchema.optional(),
          })
          .strict(),
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
        querystring: z
          .object({
            problem: slugSchema.optional(),
            topic: topicSchema.optional(),
            outcome: outcomeSchema.optional(),
            from: instantSchema.optional(),
            to: instantSchema.optional(),
            ...pagination,
          })
          .strict(),
      },
    },
    async (request) => ctx.tracking.listAttempts(requireUser(request).id, request.query),
  );

  app.get(
    "/attempts/:id",
    {
      ...signedIn,
      schema: { tags: ["attempts"], summary: "One of your attempts", params: idParams, querystring: noQuery },
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
        params: idParams,
        body: z
          .object({
            outcome: outcomeSchema.optional(),
            minutes: z.number().int().min(0).max(MAX_MINUTES).nullable().optional(),
            language: z.string().trim().max(MAX_LANGUAGE_LENGTH).nullable().optional(),
            notes: z.string().max(MAX_NOTES_LENGTH).nullable().optional(),
            rating: ratingSchema.optional(),
            attemptedAt: instantSchema.optional(),
          })
          .strict()
          .refine((body) => Object.keys(body).length > 0, "give at least one field to change"),
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
        params: idParams,
      },
    },
    async (request, reply) => {
      await ctx.tracking.deleteAttempt(requireUser(request).id, request.params.id);
      return reply.status(204).send();
    },
  );
}

// Scheduled mock interviews: create (default next Friday 15:00 local), weekly series, list, countdown,
// reschedule, cancel one or the rest of a series.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { DIFFICULTIES, INTERVIEW_MODES } from "../../config/constants.js";
import {
  companySchema,
  durationMinutesSchema,
  roleSchema,
  seriesWeeksSchema,
} from "../../services/interviews/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { idParams, signedIn } from "./tracking-schemas.js";

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

export async function scheduleRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ["schedule"];

  app.post(
    "/schedule",
    {
      ...signedIn,
      schema: {
        tags,
        summary:
          "Schedule a mock interview (default: next Friday 15:00 in your timezone, 45 minutes); weeks > 1 makes a weekly series",
        body: z
          .object({
            at: instant.optional(),
            durationMinutes: durationMinutesSchema.optional(),
            mode: z.enum(INTERVIEW_MODES).optional(),
            difficulty: z.enum(DIFFICULTIES).optional(),
            role: roleSchema.optional(),
            company: companySchema.optional(),
            weeks: seriesWeeksSchema.optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const items = await ctx.schedule.schedule(user.id, user.timezone, request.body);
      return reply.status(201).send({ items: await Promise.all(items.map((i) => ctx.schedule.get(user.id, i.id))) });
    },
  );

  app.get(
    "/schedule",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Upcoming scheduled interviews with countdowns",
        querystring: z
          .object({ includePast: z.stringbool().optional(), includeCancelled: z.stringbool().optional() })
          .strict(),
      },
    },
    async (request) => ({ items: await ctx.schedule.list(requireUser(request).id, request.query) }),
  );

  app.get(
    "/schedule/next",
    { ...signedIn, schema: { tags, summary: "The next interview and the seconds until it (null when none)" } },
    async (request) => ({ next: await ctx.schedule.next(requireUser(request).id) }),
  );

  app.get(
    "/schedule/:id",
    { ...signedIn, schema: { tags, summary: "One scheduled interview and its reminders", params: idParams } },
    async (request) => {
      const userId = requireUser(request).id;
      return {
        ...(await ctx.schedule.get(userId, request.params.id)),
        reminders: await ctx.schedule.remindersOf(userId, request.params.id),
      };
    },
  );

  app.patch(
    "/schedule/:id",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Reschedule (its unsent reminders move with it)",
        params: idParams,
        body: z.object({ at: instant, durationMinutes: z.number().int().min(5).max(240).optional() }).strict(),
      },
    },
    async (request) => ctx.schedule.reschedule(requireUser(request).id, request.params.id, request.body),
  );

  app.delete(
    "/schedule/:id",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Cancel one interview, or it and the rest of its series (?scope=series)",
        params: idParams,
        querystring: z.object({ scope: z.enum(["one", "series"]).optional() }).strict(),
      },
    },
    async (request) => ctx.schedule.cancel(requireUser(request).id, request.params.id, request.query.scope),
  );
}

// Scheduled mock interviews: create (default next Friday 15:00 local), weekly series, list, countdown,
// reschedule, cancel one or the rest of a series. Inputs and outputs are the schedule contract's
// (src/services/schedule/contract.ts), which the schedule_interview and get_upcoming_interviews tools use too.
import type { AppContext } from "../../app-context.js";
import {
  cancelledInterviews,
  cancelQuery,
  listScheduleQuery,
  nextInterview,
  rescheduleInput,
  scheduledIdInput,
  scheduledInterviewDetail,
  scheduledInterviews,
  scheduledInterviewView,
  scheduleInterviewInput,
} from "../../services/schedule/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { noQuery, signedIn } from "./tracking-schemas.js";

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
        body: scheduleInterviewInput,
        response: { 201: scheduledInterviews, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.status(201).send(await ctx.schedule.schedule(user.id, user.timezone, request.body));
    },
  );

  app.get(
    "/schedule",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Upcoming scheduled interviews with countdowns",
        querystring: listScheduleQuery,
        response: { 200: scheduledInterviews, ...errorResponses },
      },
    },
    async (request) => ctx.schedule.list(requireUser(request).id, request.query),
  );

  app.get(
    "/schedule/next",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The next interview and the seconds until it (null when none)",
        querystring: noQuery,
        response: { 200: nextInterview, ...errorResponses },
      },
    },
    async (request) => ({ next: await ctx.schedule.next(requireUser(request).id) }),
  );

  app.get(
    "/schedule/:id",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "One scheduled interview and its reminders",
        params: scheduledIdInput,
        querystring: noQuery,
        response: { 200: scheduledInterviewDetail, ...errorResponses },
      },
    },
    async (request) => ctx.schedule.detail(requireUser(request).id, request.params.id),
  );

  app.patch(
    "/schedule/:id",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Reschedule (its unsent reminders move with it)",
        params: scheduledIdInput,
        body: rescheduleInput,
        response: { 200: scheduledInterviewView, ...errorResponses },
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
        params: scheduledIdInput,
        querystring: cancelQuery,
        response: { 200: cancelledInterviews, ...errorResponses },
      },
    },
    async (request) => ctx.schedule.cancel(requireUser(request).id, request.params.id, request.query.scope),
  );
}

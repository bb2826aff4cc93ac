// In-app notifications (interview reminders and others): list, mark one or all read.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { idParams, pagination, signedIn } from "./tracking-schemas.js";

export async function notificationsRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ["notifications"];
  app.get(
    "/notifications",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Notifications, newest first, with the unread count",
        querystring: z.object({ unread: z.stringbool().optional(), ...pagination }).strict(),
      },
    },
    async (request) => ctx.notifications.list(requireUser(request).id, request.query),
  );
  app.post(
    "/notifications/:id/read",
    { ...signedIn, schema: { tags, summary: "Mark one notification read", params: idParams } },
    async (request) => ctx.notifications.markRead(requireUser(request).id, request.params.id),
  );
  app.post(
    "/notifications/read-all",
    { ...signedIn, schema: { tags, summary: "Mark every notification read" } },
    async (request) => ctx.notifications.markAllRead(requireUser(request).id),
  );
}

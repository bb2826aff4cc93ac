// In-app notifications (interview reminders and others): list, mark one or all read.
// Inputs and outputs are the accounts contract's (src/services/accounts/contract.ts).
import type { AppContext } from "../../app-context.js";
import {
  markedAllRead,
  notificationPage,
  notificationsInput,
  notificationView,
} from "../../services/accounts/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { idParams, signedIn } from "./tracking-schemas.js";

export async function notificationsRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ["notifications"];
  app.get(
    "/notifications",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Notifications, newest first, with the unread count",
        querystring: notificationsInput,
        response: { 200: notificationPage, ...errorResponses },
      },
    },
    async (request) => ctx.notifications.list(requireUser(request).id, request.query),
  );
  app.post(
    "/notifications/:id/read",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Mark one notification read",
        params: idParams,
        response: { 200: notificationView, ...errorResponses },
      },
    },
    async (request) => ctx.notifications.markRead(requireUser(request).id, request.params.id),
  );
  app.post(
    "/notifications/read-all",
    {
      ...signedIn,
      schema: { tags, summary: "Mark every notification read", response: { 200: markedAllRead, ...errorResponses } },
    },
    async (request) => ctx.notifications.markAllRead(requireUser(request).id),
  );
}

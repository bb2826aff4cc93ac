// The signed-in account: who am I, settings, password, sessions, deleting the account.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, publicUser, SETTINGS_LIMITS } from "../../services/user-service.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { clearSessionCookie } from "../authenticate.js";

const settingsBody = z
  .object({
    name: z.string().max(MAX_NAME_LENGTH),
    timezone: z.string().min(1).max(64),
    dailyNewLimit: z.number().int().min(SETTINGS_LIMITS.dailyNewLimit.min).max(SETTINGS_LIMITS.dailyNewLimit.max),
    targetRetention: z.number().min(SETTINGS_LIMITS.targetRetention.min).max(SETTINGS_LIMITS.targetRetention.max),
    weeklyHours: z.number().min(SETTINGS_LIMITS.weeklyHours.min).max(SETTINGS_LIMITS.weeklyHours.max),
    interviewDate: z.string().max(10).nullable(),
    focusTopic: z.string().max(64).nullable(),
    webhookUrl: z.string().max(SETTINGS_LIMITS.webhookUrlLength).nullable(),
    blindMode: z.boolean(),
  })
  .partial()
  .strict();

const password = z.string().min(1, "is required").max(MAX_PASSWORD_LENGTH);

export async function meRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/me",
    { schema: { tags: ["account"], summary: "The signed-in user and their settings" } },
    async (request) => {
      const user = requireUser(request);
      return { user: publicUser(await ctx.users.me(user.id)), via: user.via };
    },
  );

  app.patch(
    "/me/settings",
    {
      schema: {
        tags: ["account"],
        summary: "Change settings: timezone, daily new-problem limit, target retention, weekly hours, …",
        body: settingsBody,
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { user: publicUser(await ctx.users.updateSettings(user.id, request.body)) };
    },
  );

  app.post(
    "/me/password",
    {
      schema: {
        tags: ["account"],
        summary: "Change the password (needs the current one); every other session is logged out",
        body: z.object({ currentPassword: password, newPassword: password }).strict(),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const result = await ctx.users.changePassword(user.id, { ...request.body, keepSessionId: request.sessionId });
      return reply.status(200).send(result);
    },
  );

  app.get("/me/sessions", { schema: { tags: ["account"], summary: "Live login sessions" } }, async (request) => {
    const user = requireUser(request);
    const sessions = await ctx.sessions.list(user.id);
    return { sessions: sessions.map((s) => ({ ...s, current: s.id === request.sessionId })) };
  });

  app.delete(
    "/me/sessions/:id",
    {
      schema: {
        tags: ["account"],
        summary: "End one session (e.g. a lost phone's)",
        params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, "is not a session id") }).strict(),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.sessions.revokeById(user.id, request.params.id);
      if (request.params.id === request.sessionId) clearSessionCookie(ctx, request, reply);
      return reply.status(204).send();
    },
  );

  app.delete(
    "/me",
    {
      schema: {
        tags: ["account"],
        summary: "Delete the account and all its data (needs the password)",
        body: z.object({ password }).strict(),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.users.deleteAccount(user.id, request.body.password);
      clearSessionCookie(ctx, request, reply);
      return reply.status(204).send();
    },
  );
}

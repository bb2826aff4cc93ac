// The signed-in account: who am I, settings, password, sessions, deleting the account.
// Inputs and outputs are the accounts contract's (src/services/accounts/contract.ts).
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import {
  changePasswordInput,
  deleteAccountInput,
  meView,
  passwordChanged,
  sessionIdParams,
  sessionsView,
  settingsInput,
  userEnvelope,
} from "../../services/accounts/contract.js";
import { publicUser } from "../../services/accounts/user-service.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { clearSessionCookie } from "../authenticate.js";
import { errorResponses } from "./error-schema.js";

export async function meRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/me",
    {
      schema: {
        tags: ["account"],
        summary: "The signed-in user and their settings",
        response: { 200: meView, ...errorResponses },
      },
    },
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
        body: settingsInput,
        response: { 200: userEnvelope, ...errorResponses },
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
        body: changePasswordInput,
        response: { 200: passwordChanged, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const result = await ctx.users.changePassword(user.id, { ...request.body, keepSessionId: request.sessionId });
      return reply.status(200).send(result);
    },
  );

  app.get(
    "/me/sessions",
    {
      schema: {
        tags: ["account"],
        summary: "Live login sessions",
        response: { 200: sessionsView, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const sessions = await ctx.sessions.list(user.id);
      return { sessions: sessions.map((s) => ({ ...s, current: s.id === request.sessionId })) };
    },
  );

  app.delete(
    "/me/sessions/:id",
    {
      schema: {
        tags: ["account"],
        summary: "End one session (e.g. a lost phone's)",
        params: sessionIdParams,
        response: { 204: z.null().describe("ended"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.sessions.revokeById(user.id, request.params.id);
      if (request.params.id === request.sessionId) clearSessionCookie(ctx, request, reply);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/me",
    {
      schema: {
        tags: ["account"],
        summary: "Delete the account and all its data (needs the password)",
        body: deleteAccountInput,
        response: { 204: z.null().describe("deleted"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.users.deleteAccount(user.id, request.body.password);
      clearSessionCookie(ctx, request, reply);
      return reply.status(204).send(null);
    },
  );
}

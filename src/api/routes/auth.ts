// Signup, login and logout with the session cookie.
// Inputs and outputs are the accounts contract's (src/services/accounts/contract.ts).
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { loginInput, signupInput, userEnvelope } from "../../services/accounts/contract.js";
import { SESSION_COOKIE } from "../../services/accounts/session-service.js";
import { publicUser } from "../../services/accounts/user-service.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { clearSessionCookie, setSessionCookie } from "../authenticate.js";

import { errorResponses } from "./error-schema.js";

const noContent = (what: string) => ({ 204: z.null().describe(what), ...errorResponses });

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(
    "/auth/signup",
    {
      schema: {
        tags: ["auth"],
        summary: "Create an account and log in",
        body: signupInput,
        response: { 201: userEnvelope, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await ctx.users.signup(request.body);
      const session = await ctx.sessions.create(user.id, {
        userAgent: request.headers["user-agent"],
        replacesSessionId: request.sessionId,
      });
      setSessionCookie(ctx, request, reply, session.cookieValue, session.expiresAt);
      return reply.status(201).send({ user: publicUser(user) });
    },
  );

  app.post(
    "/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Log in with email and password (sets the session cookie)",
        body: loginInput,
        response: { 200: userEnvelope, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await ctx.users.login(request.body.email, request.body.password);
      const session = await ctx.sessions.create(user.id, {
        userAgent: request.headers["user-agent"],
        replacesSessionId: request.sessionId,
      });
      setSessionCookie(ctx, request, reply, session.cookieValue, session.expiresAt);
      return reply.status(200).send({ user: publicUser(user) });
    },
  );

  app.post(
    "/auth/logout",
    { schema: { tags: ["auth"], summary: "End this session", response: noContent("logged out") } },
    async (request, reply) => {
      const cookieValue = request.cookies[SESSION_COOKIE];
      if (cookieValue) await ctx.sessions.revoke(cookieValue);
      clearSessionCookie(ctx, request, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/logout-all",
    {
      schema: {
        tags: ["auth"],
        summary: "End every session of this account (log out everywhere)",
        response: noContent("logged out everywhere"),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.sessions.revokeAll(user.id);
      clearSessionCookie(ctx, request, reply);
      return reply.status(204).send(null);
    },
  );
}

// Signup, login and logout with the session cookie.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { SESSION_COOKIE } from "../../services/session-service.js";
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, publicUser } from "../../services/user-service.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { clearSessionCookie, setSessionCookie } from "../authenticate.js";

const credentials = {
  email: z.string().min(1, "is required").max(MAX_EMAIL_LENGTH),
  password: z.string().min(1, "is required").max(MAX_PASSWORD_LENGTH),
};

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(
    "/auth/signup",
    {
      schema: {
        tags: ["auth"],
        summary: "Create an account and log in",
        body: z
          .object({
            ...credentials,
            name: z.string().max(MAX_NAME_LENGTH).optional(),
            timezone: z.string().max(64).optional(),
          })
          .strict(),
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
        body: z.object(credentials).strict(),
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

  app.post("/auth/logout", { schema: { tags: ["auth"], summary: "End this session" } }, async (request, reply) => {
    const cookieValue = request.cookies[SESSION_COOKIE];
    if (cookieValue) await ctx.sessions.revoke(cookieValue);
    clearSessionCookie(ctx, request, reply);
    return reply.status(204).send();
  });

  app.post(
    "/auth/logout-all",
    { schema: { tags: ["auth"], summary: "End every session of this account (log out everywhere)" } },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.sessions.revokeAll(user.id);
      clearSessionCookie(ctx, request, reply);
      return reply.status(204).send();
    },
  );
}

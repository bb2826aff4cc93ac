// Who is asking: the `maang_session` cookie or `Authorization: Bearer <token>` becomes `request.user`.
// Registered on the root instance (not encapsulated) so the hook runs before every route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../app-context.js";
import { UnauthorizedError } from "../errors.js";
import { type ResolvedSession, SESSION_COOKIE } from "../services/accounts/session-service.js";

declare module "fastify" {
  interface FastifyRequest {
    /** the hash id of the session the request came with (to keep it when revoking the others) */
    sessionId?: string;
  }
}

export function sessionCookieOptions(ctx: AppContext, request: FastifyRequest, expiresAt: Date) {
  const mode = ctx.settings.auth.cookieSecure;
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: mode === "true" || (mode === "auto" && request.protocol === "https"),
    expires: expiresAt,
  };
}

export function setSessionCookie(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  cookieValue: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, cookieValue, sessionCookieOptions(ctx, request, expiresAt));
}

export function clearSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): void {
  const { expires: _expires, ...options } = sessionCookieOptions(ctx, request, new Date(0));
  reply.clearCookie(SESSION_COOKIE, options);
}

/** The plugin for `app.register(authentication(ctx))`. */
export function authentication(ctx: AppContext) {
  const plugin = async (app: FastifyInstance): Promise<void> => {
    app.decorateRequest("user", undefined);
    app.decorateRequest("sessionId", undefined);
    const signIn = (request: FastifyRequest, reply: FastifyReply, cookieValue: string, session?: ResolvedSession) => {
      if (!session) {
        // Unknown, expired or logged out: stop the browser from sending it again. Routes that need a
        // user answer 401 through requireUser.
        clearSessionCookie(ctx, request, reply);
        return;
      }
      request.user = { ...session.user, via: "session" };
      request.sessionId = session.sessionId;
      if (session.renewed) setSessionCookie(ctx, request, reply, cookieValue, session.expiresAt);
    };
    // A done callback rather than an async hook: a session this process resolved seconds ago (the usual
    // request) is answered without a promise; the rest waits for the cache or the database.
    app.addHook("onRequest", (request, reply, done) => {
      // Prometheus sends METRICS_TOKEN as a bearer credential: it is not an API token.
      if (request.routeOptions.url === "/metrics") return done();
      const authorization = request.headers.authorization;
      if (authorization && /^bearer\s/i.test(authorization)) {
        const token = authorization.slice(7).trim();
        if (!token) return done(new UnauthorizedError("The Authorization header has no token after `Bearer`."));
        ctx.tokens.authenticate(token).then((user) => {
          request.user = { id: user.id, email: user.email, timezone: user.timezone, via: "token" };
          done();
        }, done);
        return;
      }
      const cookieValue = request.cookies[SESSION_COOKIE];
      if (!cookieValue) return done();
      const memoized = ctx.sessions.resolveMemoized(cookieValue);
      if (memoized) {
        signIn(request, reply, cookieValue, memoized);
        return done();
      }
      ctx.sessions.resolve(cookieValue).then((session) => {
        signIn(request, reply, cookieValue, session);
        done();
      }, done);
    });
  };
  // The fastify-plugin convention without the dependency: the hook applies to the parent instance.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;
  return plugin;
}

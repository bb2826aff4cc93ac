// Checks every request passes before any route runs, so route authors do nothing:
// - no string anywhere in the path, query or body may contain U+0000 (PostgreSQL cannot store it);
// - a browser request that changes state must come from this site (Origin / Sec-Fetch-Site), since the
//   session cookie alone would also ride along on a cross-site form post;
// - an API token cannot manage tokens, sessions, the password or the account (a leaked token must not
//   be able to outlive its own revocation or lock its owner out).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../app-context.js";
import { findNulCharacter, NUL_MESSAGE } from "../config/input-limits.js";
import { AppError, BadRequestError, ForbiddenError } from "../errors.js";
import { MCP_PATH } from "../mcp/http.js";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Routes a session may use but an API token may not: `METHOD /route-pattern`. */
export const SESSION_ONLY_ROUTES = new Set([
  "POST /api/tokens",
  "DELETE /api/tokens/:id",
  "POST /api/me/password",
  "DELETE /api/me",
  "DELETE /api/me/sessions/:id",
  "POST /api/auth/logout-all",
]);

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Whether a state-changing request came from this site. Browsers send `Origin` on every POST, PUT,
 * PATCH and DELETE and `Sec-Fetch-Site` on every request; a client that sends neither is not a browser
 * (curl, a script) and cannot be the victim of a forged cross-site request.
 */
export function isSameOrigin(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  if (typeof origin === "string") {
    const given = origin.toLowerCase();
    if (given === originOf(publicUrl)) return true;
    const host = request.headers.host?.toLowerCase();
    return host !== undefined && (given === `http://${host}` || given === `https://${host}`);
  }
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string") return site === "same-origin" || site === "none";
  return true;
}

/** The cross-site refusal of a state-changing browser request, or undefined when it may go on. */
function crossSiteRefusal(request: FastifyRequest, publicUrl: string | undefined): AppError | undefined {
  if (!STATE_CHANGING.has(request.method) || request.routeOptions.url === MCP_PATH) return undefined;
  // Bearer calls carry their credential explicitly: a cross-site page cannot make a browser add it.
  if (request.user?.via === "token") return undefined;
  if (isSameOrigin(request, publicUrl)) return undefined;
  return new ForbiddenError(
    `Cross-site request refused: ${request.method} ${request.url.split("?")[0]} must come from this site's own pages ` +
      `(Origin "${request.headers.origin ?? ""}", Sec-Fetch-Site "${request.headers["sec-fetch-site"] ?? ""}"). ` +
      "Scripts can use an API token (Authorization: Bearer) instead.",
  );
}

function tokenRefusal(request: FastifyRequest): AppError | undefined {
  if (request.user?.via !== "token") return undefined;
  if (!SESSION_ONLY_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) return undefined;
  return new AppError(
    403,
    "token_not_allowed",
    "An API token cannot manage API tokens or sessions, change the password or delete the account; " +
      "sign in to the dashboard to do that.",
  );
}

// The hooks are synchronous (done callbacks): an async hook costs every request a promise and a
// microtask turn for checks that never wait.
export function registerRequestGuards(app: FastifyInstance, ctx: AppContext): void {
  app.addHook("onRequest", (request, _reply, done) => {
    done(crossSiteRefusal(request, ctx.settings.server.publicUrl) ?? tokenRefusal(request));
  });

  // preValidation: the body is parsed by now, and the route's own schema has not run yet.
  app.addHook("preValidation", (request, _reply, done) => {
    // MCP answers in its own protocol: the tool registry refuses NUL there, as a tool error.
    if (request.routeOptions.url === MCP_PATH) return done();
    const field =
      findNulCharacter(request.params, "params") ??
      findNulCharacter(request.query, "querystring") ??
      findNulCharacter(request.body, "body");
    if (!field) return done();
    done(new BadRequestError(`Invalid request: ${field} ${NUL_MESSAGE}.`, [{ field, message: NUL_MESSAGE }]));
  });
}

// Rate limits, applied centrally so route authors do nothing: login and signup get
// RATE_LIMIT_LOGIN_PER_MINUTE per IP; every other write under /api gets RATE_LIMIT_WRITE_PER_MINUTE per
// user (or per IP when anonymous), one budget across all write routes. Counters live in Redis when
// REDIS_URL is set (shared by every API process), in memory otherwise; if Redis fails the request passes.
import rateLimit, { normalizeIP } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../app-context.js";
import { closeRedis, connectRedis, openRedis } from "../cache/redis-connection.js";
import { AppError } from "../errors.js";
import { MCP_PATH } from "../mcp/http.js";

const LOGIN_ROUTES = new Set(["/api/auth/login", "/api/auth/signup"]);
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Limit = "login" | "write";

export function limitFor(method: string, route: string | undefined): Limit | undefined {
  if (!route || !WRITE_METHODS.has(method)) return undefined;
  if (LOGIN_ROUTES.has(route)) return "login";
  // MCP tool calls change data as much as the REST routes do: one budget for both
  return route.startsWith("/api/") || route === MCP_PATH ? "write" : undefined;
}

function bucket(request: FastifyRequest): string {
  const limit = limitFor(request.method, request.routeOptions.url);
  if (limit === "login") return `login:${normalizeIP(request.ip)}`;
  return request.user ? `write:user:${request.user.id}` : `write:ip:${normalizeIP(request.ip)}`;
}

function retryIn(ttlMs: number): string {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

/** Call before the routes are registered. */
export async function registerRateLimits(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { auth, redis } = ctx.settings;
  const client = redis.url ? openRedis(redis, "rate-limit") : undefined;
  if (client) {
    client.on("error", () => {});
    await connectRedis(client);
    app.addHook("onClose", () => closeRedis(client));
  }
  // Only routes a limit applies to get the plugin's hook: the plugin's own allow list would run its key
  // generator, an allow-list call and three awaits on every read (GET /api/stats included) to let it pass.
  // (onRoute hooks run in registration order: this one marks a route before the plugin's sees it.)
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((method) => limitFor(method, route.url) !== undefined)) return;
    route.config = { ...(route.config as object | undefined), rateLimit: false };
  });
  await app.register(rateLimit, {
    global: true,
    // after authentication (onRequest), so a signed-in user is limited as themselves, not by IP
    hook: "preValidation",
    timeWindow: 60_000,
    redis: client,
    nameSpace: `${redis.prefix}:rate-limit:`,
    skipOnError: true,
    keyGenerator: bucket,
    allowList: (request) => limitFor(request.method, request.routeOptions.url) === undefined,
    max: (_request, key) => (key.startsWith("login:") ? auth.loginPerMinute : auth.writePerMinute),
    errorResponseBuilder: (request, context) => {
      const login = limitFor(request.method, request.routeOptions.url) === "login";
      const what = login
        ? `Too many login or signup attempts from your address (limit ${context.max} a minute)`
        : `Too many changes in a short time (limit ${context.max} a minute)`;
      return new AppError(429, "rate_limited", `${what}; try again in ${retryIn(context.ttl)}.`);
    },
  });
}

// The Fastify application: zod validation, OpenAPI at /docs, one error shape, health probes, the routes.
import cookie from "@fastify/cookie";
import type { FastifyHelmetOptions } from "@fastify/helmet";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppContext } from "../app-context.js";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseFailure } from "../config/database.js";
import type { Settings } from "../config/settings.js";
import { isAppError } from "../errors.js";
import { registerMetrics } from "../metrics/http.js";
import { authentication } from "./authenticate.js";
import { lazyChildLogger } from "./lazy-logger.js";
import { registerRateLimits } from "./rate-limit.js";
import { registerRequestGuards } from "./request-guards.js";
import { registerRoutes } from "./routes/index.js";
import { registerSecurityHeaders, securityHeaders } from "./security-headers.js";
import { registerWebApp } from "./static.js";

export type App = FastifyInstance<
  import("node:http").Server,
  import("node:http").IncomingMessage,
  import("node:http").ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * The dashboard's Content-Security-Policy (docker/nginx.conf sends the same): scripts only from this
 * origin (Vite emits module scripts, index.html has no inline script), inline styles for CodeMirror's
 * injected <style> and React's style attributes, no framing by any site.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The helmet options of every response; the headers they produce are computed once per process. */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  referrerPolicy: { policy: "same-origin" },
  // plain-http LAN deployments are common; HSTS belongs to the TLS proxy in front, if any
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
  frameguard: { action: "deny" },
};

let securityHeaderValues: Record<string, string> | undefined;
const SECURITY_HEADERS = () => {
  securityHeaderValues ??= securityHeaders(HELMET_OPTIONS);
  return securityHeaderValues;
};

/** TRUST_PROXY as Fastify takes it: a hop count becomes "trust the n nearest hops". */
function trustProxyOption(trust: Settings["server"]["trustProxy"]) {
  if (trust === false) return false;
  if (typeof trust === "number") return (_address: string, hop: number) => hop < trust;
  return [...trust];
}

export async function buildApp(ctx: AppContext): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // a request's child logger is made when it first writes a line (lazy-logger.ts)
    childLoggerFactory: lazyChildLogger,
    trustProxy: trustProxyOption(ctx.settings.server.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    // (fastify 5.8 deprecates the top-level disableRequestLogging in favour of a LogController)
    logController: new LogController({ disableRequestLogging: ctx.settings.env === "test" }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        field: `${error.validationContext}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message,
      }));
      const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
      return reply.status(400).send(errorBody("validation_failed", `Invalid request: ${summary}`, details));
    }
    if (isAppError(error)) {
      if (error.retryAfterSeconds) reply.header("retry-after", String(error.retryAfterSeconds));
      return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.details));
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) {
      const limitMb = Math.round((request.routeOptions.bodyLimit ?? 0) / (1024 * 1024));
      const hint =
        request.routeOptions.url === "/api/import"
          ? "an import may be at most IMPORT_MAX_MB megabytes (the server's setting)"
          : "send less at once";
      return reply
        .status(413)
        .send(errorBody("payload_too_large", `The request body is larger than ${limitMb} MB; ${hint}.`));
    }
    if (status >= 400 && status < 500) {
      const code = (error as { code?: string }).code ?? "bad_request";
      return reply.status(status).send(errorBody(code.toLowerCase(), (error as Error).message));
    }
    // A value PostgreSQL refused is the caller's input; a lost connection is an outage, not a bug.
    const failure = databaseFailure(error);
    if (failure?.kind === "bad_value") {
      return reply
        .status(400)
        .send(errorBody("invalid_value", `A value in the request cannot be stored: ${failure.message}.`));
    }
    if (failure?.kind === "unavailable") {
      request.log.warn({ err: error }, "database unavailable");
      return reply
        .status(503)
        .header("retry-after", "5")
        .send(errorBody("database_unavailable", DATABASE_UNAVAILABLE_MESSAGE));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send(errorBody("internal", "Something went wrong on the server; it has been logged."));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`)),
  );

  // helmet's headers, computed once (security-headers.ts): the same for every response
  registerSecurityHeaders(app, SECURITY_HEADERS());

  // Latency of every route below, and GET /metrics for Prometheus (behind METRICS_TOKEN when set).
  registerMetrics(app, ctx.metrics, ctx.settings.server.metricsToken);

  await app.register(swagger, {
    openapi: {
      info: { title: "Maang-Tracker API", version: "0.1.0" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: "maang_session" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    const health = await ctx.database.health();
    const body = {
      status: health.ok && health.vector ? "ready" : "not_ready",
      database: ctx.database.kind,
      ...health,
      // which embedder serves memory search; it loads in the background (search answers by full text meanwhile)
      embeddings: ctx.memory.embeddings.status({ load: true }),
    };
    if (!health.ok) Object.assign(body, { message: DATABASE_UNAVAILABLE_MESSAGE });
    return reply.status(body.status === "ready" ? 200 : 503).send(body);
  });

  // Who is asking (cookie session or bearer token): before the routes, so `request.user` is set for all.
  await app.register(cookie);
  await app.register(authentication(ctx));
  registerRequestGuards(app, ctx);
  await registerRateLimits(app, ctx);
  await registerRoutes(app, ctx);
  // The dashboard last: its catch-all GET serves index.html only for paths no route above claimed.
  await registerWebApp(app, ctx);
  return app;
}

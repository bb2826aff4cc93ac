// The HTTP side of metrics: a latency histogram fed by every response, and GET /metrics for Prometheus.
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Metrics } from "./metrics.js";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Call before the routes are registered, so the hook sees every route. `token`: METRICS_TOKEN, if set. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics, token?: string): void {
  // synchronous (a done callback): nothing here waits, so no promise per response
  app.addHook("onResponse", (request, reply, done) => {
    // The route pattern keeps the label set small; unmatched URLs (404s, scanners) share one label.
    const route = request.routeOptions.url ?? "unmatched";
    if (route !== "/metrics") metrics.recordHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    if (token) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1] ?? "";
      if (!sameSecret(given, token)) {
        return reply
          .status(401)
          .header("www-authenticate", 'Bearer realm="metrics"')
          .send({
            error: { code: "unauthorized", message: "GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`." },
          });
      }
    }
    reply.header("content-type", metrics.contentType);
    return metrics.render();
  });
}

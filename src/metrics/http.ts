// The HTTP side of metrics: a latency histogram fed by every response, and GET /metrics for Prometheus.
import type { FastifyInstance } from "fastify";
import type { Metrics } from "./metrics.js";

/** Call before the routes are registered, so the hook sees every route. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook("onResponse", async (request, reply) => {
    // The route pattern keeps the label set small; unmatched URLs (404s, scanners) share one label.
    const route = request.routeOptions.url ?? "unmatched";
    if (route === "/metrics") return;
    metrics.recordHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    reply.header("content-type", metrics.contentType);
    return metrics.render();
  });
}

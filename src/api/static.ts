// The dashboard: files of web/dist (hashed assets cached for a year, index.html never), and index.html
// for any other GET that is not an API, docs, MCP or metrics path, so the SPA's own routes deep-link.
// With no build, `/` explains how to make one and the API still serves.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { AppContext } from "../app-context.js";
import type { App } from "./app.js";

const SERVER_PREFIXES = ["/api", "/docs", "/mcp", "/metrics", "/healthz", "/readyz"];

export function isServerPath(url: string): boolean {
  const path = url.split("?")[0];
  return SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Maang-Tracker</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Maang-Tracker is running</h1>
<p>The API is at <a href="/api/me">/api</a> and its documentation at <a href="/docs">/docs</a>,
but the dashboard has not been built yet.</p>
<p>Build it with <code>npm run build</code> (or start with <code>npm start</code>, which builds it when missing),
then reload this page.</p></body></html>`;

export async function registerWebApp(app: App, ctx: AppContext): Promise<void> {
  const root = resolve(ctx.settings.server.webDistDir);
  const built = existsSync(join(root, "index.html"));
  if (!built) {
    ctx.logger.warn({ webDistDir: root }, "dashboard not built: `/` explains how to build it (npm run build)");
    app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.type("text/html").send(NOT_BUILT));
    return;
  }

  await app.register(fastifyStatic, {
    root,
    // every file under web/dist gets its own route; all other paths fall to the SPA handler below
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders(reply, filePath) {
      reply.header(
        "cache-control",
        filePath.startsWith(join(root, "assets")) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });

  const sendIndex = async (request: { url: string; method: string }, reply: import("fastify").FastifyReply) => {
    if (isServerPath(request.url)) return reply.callNotFound();
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  };
  app.get("/", { schema: { hide: true } }, sendIndex);
  app.get("/*", { schema: { hide: true } }, sendIndex);
}

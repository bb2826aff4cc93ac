// The security headers of every answer, computed once at start-up. @fastify/helmet calls helmet(options)
// on every request, which re-parses the CSP directives and re-validates every option each time (13 % of
// a cached GET /api/stats's CPU in the issue 15 profile); the headers are the same for every response,
// so helmet runs once here against a recording response and a hook copies the result onto each reply.
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";

type HelmetMiddleware = (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
type Helmet = (options: object) => HelmetMiddleware;

/** helmet, as @fastify/helmet (our dependency) resolves it: the same version the plugin would run. */
function loadHelmet(): Helmet {
  const require = createRequire(import.meta.url);
  const fromPlugin = createRequire(require.resolve("@fastify/helmet"));
  const loaded = fromPlugin("helmet") as Helmet | { default: Helmet };
  return typeof loaded === "function" ? loaded : loaded.default;
}

/** The headers helmet sets for `options` (lower-case names), by running its middleware once. */
export function securityHeaders(options: object): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  loadHelmet()(options)({ headers: {}, method: "GET", url: "/" }, recorder, (error) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}

/** Adds `headers` to every response (before any route, 404s and errors included). */
export function registerSecurityHeaders(app: FastifyInstance, headers: Record<string, string>): void {
  const entries = Object.entries(headers);
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of entries) reply.header(name, value);
    done();
  });
}

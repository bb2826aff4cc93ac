// The runner service's HTTP transport: three routes over the code runner, nothing else. It holds no database,
// cache or key; the only secret it knows is RUNNER_TOKEN, which callers must present (compared in constant time).
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { z } from "zod";
import type { Logger } from "../config/logger.js";
import { isAppError } from "../errors.js";
import type { CodeRunner } from "../services/code-runner/runner.js";
import { COMPARE_MODES, LANGUAGES, type RunRequest } from "../services/code-runner/types.js";

/** Code (64 KB) plus a problem's test cases; anything bigger is not from the API. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const runRequestSchema = z
  .object({
    language: z.enum(LANGUAGES),
    code: z
      .string()
      .min(1)
      .max(256 * 1024),
    signature: z.union([
      z.object({ kind: z.literal("function") }).passthrough(),
      z.object({ kind: z.literal("design") }).passthrough(),
    ]),
    cases: z
      .array(z.object({ args: z.array(z.unknown()), expected: z.unknown().optional(), hidden: z.boolean().optional() }))
      .min(1)
      .max(500),
    compare: z.enum(COMPARE_MODES).optional(),
    custom: z.boolean().optional(),
  })
  .strict();

export interface RunnerServerOptions {
  runner: CodeRunner;
  token: string;
  logger: Logger;
  /** runs waiting for a slot beyond which the runner answers 503 */
  maxQueue: number;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

export function createRunnerServer(options: RunnerServerOptions): Server {
  const expected = digest(options.token);
  const authorized = (request: IncomingMessage) => {
    const header = request.headers.authorization ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7) : "";
    return timingSafeEqual(digest(given), expected);
  };
  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, "runner request failed");
      send(response, 500, {
        error: { code: "internal", message: "The code runner failed on this run; it has been logged." },
      });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/healthz") return send(response, 200, { ok: true });
    if (!authorized(request)) {
      request.resume();
      return send(response, 401, {
        error: { code: "unauthorized", message: "Present the runner's token: Authorization: Bearer <RUNNER_TOKEN>." },
      });
    }
    if (request.method === "GET" && path === "/v1/status")
      return send(response, 200, { languages: options.runner.languages(), sandbox: options.runner.capabilities() });
    if (request.method === "POST" && path === "/v1/run") {
      const body = await readBody(request);
      if (body === undefined)
        return send(response, 413, {
          error: { code: "too_large", message: `The request is larger than ${MAX_BODY_BYTES} bytes.` },
        });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return send(response, 400, { error: { code: "bad_request", message: "The body is not JSON." } });
      }
      const parsed = runRequestSchema.safeParse(json);
      if (!parsed.success)
        return send(response, 400, {
          error: {
            code: "bad_request",
            message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          },
        });
      if (options.runner.queued >= options.maxQueue) {
        response.setHeader("retry-after", "5");
        return send(response, 503, {
          error: { code: "unavailable", message: "The code runner is busy; try again in a few seconds." },
        });
      }
      try {
        return send(response, 200, await options.runner.run(parsed.data as unknown as RunRequest));
      } catch (error) {
        if (isAppError(error))
          return send(response, error.statusCode, { error: { code: error.code, message: error.message } });
        throw error;
      }
    }
    send(response, 404, { error: { code: "not_found", message: `No route ${request.method} ${path}.` } });
  }
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** `host:port` or `unix:/path` → what `server.listen` takes. */
export function listenTarget(listen: string): { path: string } | { host: string; port: number } {
  if (listen.startsWith("unix:")) return { path: listen.slice("unix:".length) };
  const at = listen.lastIndexOf(":");
  return { host: listen.slice(0, at).replace(/^\[|\]$/g, ""), port: Number(listen.slice(at + 1)) };
}

/** Whether a listen address is reachable only from this machine. */
export function isLocalOnly(listen: string): boolean {
  const target = listenTarget(listen);
  return "path" in target || ["127.0.0.1", "::1", "localhost"].includes(target.host);
}

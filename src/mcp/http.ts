// MCP over Streamable HTTP, stateless: each POST carries `Authorization: Bearer <API token>`, is checked for
// an allowed Host and Origin (DNS-rebinding protection), and gets its own server built for that token's user.
import type { IncomingMessage, ServerResponse } from "node:http";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseFailure } from "../config/database.js";
import type { Logger } from "../config/logger.js";
import { isAppError } from "../errors.js";
import type { McpDeps } from "./server.js";

export { MCP_PATH } from "./path.js";

export interface McpHttpOptions {
  deps: McpDeps;
  /** resolves a bearer token to its user, throwing UnauthorizedError for unknown or revoked ones */
  authenticate(token: string): Promise<{ id: number; timezone: string }>;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  /** PUBLIC_URL, whose host and origin are allowed too */
  publicUrl?: string;
  logger: Logger;
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]", "::1"];

function hostnameOf(hostHeader: string): string {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return "";
  }
}

/** Host check: localhost always; otherwise the header (with or without port) must be listed. */
export function isAllowedHost(hostHeader: string | undefined, allowed: readonly string[], publicUrl?: string): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  const name = hostnameOf(host);
  if (LOCAL_HOSTS.includes(name)) return true;
  const listed = allowed.map((h) => h.toLowerCase());
  if (publicUrl) listed.push(new URL(publicUrl).host.toLowerCase(), new URL(publicUrl).hostname.toLowerCase());
  return listed.includes(host) || listed.includes(name);
}

/** Origin check: absent (non-browser clients) or localhost on any port, PUBLIC_URL's, or listed. */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[], publicUrl?: string): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (LOCAL_HOSTS.includes(parsed.hostname.toLowerCase())) return true;
  const listed = allowed.map((o) => o.replace(/\/+$/, "").toLowerCase());
  if (publicUrl) listed.push(new URL(publicUrl).origin.toLowerCase());
  return listed.includes(parsed.origin.toLowerCase());
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function rpcError(code: number, message: string): unknown {
  return { jsonrpc: "2.0", error: { code, message }, id: null };
}

/** Handles one request to `/mcp`; `body` is the already-parsed JSON body when a framework read it. */
/**
 * The MCP SDK and the tool server, imported at the first /mcp request rather than at every start (≈ 150 ms
 * of module loading that most servers never need in their first seconds).
 */
let mcpLoaded:
  | Promise<typeof import("./server.js") & typeof import("@modelcontextprotocol/sdk/server/streamableHttp.js")>
  | undefined;
function mcpModules() {
  mcpLoaded ??= Promise.all([import("./server.js"), import("@modelcontextprotocol/sdk/server/streamableHttp.js")]).then(
    ([server, transport]) => ({ ...server, ...transport }),
  );
  return mcpLoaded;
}

export function createMcpHttpHandler(options: McpHttpOptions) {
  return async function handleMcpRequest(req: IncomingMessage, res: ServerResponse, body?: unknown): Promise<void> {
    const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
    if (!isAllowedHost(req.headers.host, options.allowedHosts, options.publicUrl)) {
      return sendJson(res, 403, {
        error: {
          code: "forbidden_host",
          message: `Host "${req.headers.host ?? ""}" is not allowed for MCP; add it to MCP_ALLOWED_HOSTS.`,
        },
      });
    }
    if (!isAllowedOrigin(origin, options.allowedOrigins, options.publicUrl)) {
      return sendJson(res, 403, {
        error: {
          code: "forbidden_origin",
          message: `Origin "${origin}" is not allowed for MCP; add it to MCP_ALLOWED_ORIGINS.`,
        },
      });
    }

    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const challenge = { "www-authenticate": 'Bearer realm="maang-tracker"' };
    if (!match) {
      return sendJson(
        res,
        401,
        {
          error: {
            code: "unauthorized",
            message:
              "MCP over HTTP needs `Authorization: Bearer <API token>`; create a token under Settings → API tokens.",
          },
        },
        challenge,
      );
    }
    let actor: { id: number; timezone: string };
    try {
      const user = await options.authenticate(match[1]);
      actor = { id: user.id, timezone: user.timezone };
    } catch (error) {
      if (isAppError(error) && error.statusCode === 401)
        return sendJson(res, 401, { error: { code: error.code, message: error.message } }, challenge);
      if (databaseFailure(error)?.kind === "unavailable") {
        options.logger.warn({ err: error }, "MCP authentication: database unavailable");
        return sendJson(
          res,
          503,
          { error: { code: "database_unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } },
          { "retry-after": "5" },
        );
      }
      options.logger.error({ err: error }, "MCP authentication failed");
      return sendJson(res, 500, {
        error: { code: "internal", message: "Authentication failed on the server; it has been logged." },
      });
    }

    if (req.method !== "POST") {
      // Stateless server: no standalone SSE stream (GET) and no session to delete (DELETE).
      return sendJson(res, 405, rpcError(-32000, "Method not allowed: this MCP endpoint is stateless; use POST."), {
        allow: "POST",
      });
    }

    const { buildMcpServer, StreamableHTTPServerTransport } = await mcpModules();
    const server = buildMcpServer(options.deps, actor);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (error) {
      options.logger.error({ err: error }, "MCP request failed");
      sendJson(res, 500, rpcError(-32603, "Internal server error; it has been logged."));
    }
  };
}

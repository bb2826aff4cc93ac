// The one way the dashboard talks to the server: same-origin fetch with the session cookie, JSON in and
// out, and the API's error shape `{ error: { code, message, details? } }` turned into an ApiError whose
// message is the server's own sentence. A 401 anywhere means the session ended: listeners (the app shell)
// send the user to the login page, and drafts kept in sessionStorage survive the round trip.

import type { Method, OkAt } from "./api-schema";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** do not announce a 401 as an expired session (the login form and the first /me check) */
  quiet401?: boolean;
}

const expiredListeners = new Set<() => void>();

export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export function buildUrl(path: string, query?: Query): string {
  const url = path.startsWith("/api") ? path : `/api${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/** Turns a failed response into an ApiError, whatever its body is. */
export async function errorFrom(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = `The server answered ${response.status} ${response.statusText}`.trim();
  let details: unknown;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body?.error?.message) {
      message = body.error.message;
      code = body.error.code ?? code;
      details = body.error.details;
    }
  } catch {
    // not JSON (a proxy's error page): keep the status line
  }
  return new ApiError(response.status, code, message, details);
}

/** Tells the app the session ended (for callers that fetch on their own, like the chat stream). */
export function onSessionExpiredNotify(): void {
  for (const listener of expiredListeners) listener();
}

function announce401(options: RequestOptions, error: ApiError): void {
  if (error.status === 401 && !options.quiet401) for (const listener of expiredListeners) listener();
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    credentials: "same-origin",
    headers: { accept: "application/json" },
    signal: options.signal,
  };
  if (options.body !== undefined) {
    if (options.body instanceof FormData) init.body = options.body;
    else {
      init.body = JSON.stringify(options.body);
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", "Cannot reach the server. Check that it is running and try again.");
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    announce401(options, error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

/**
 * `T` when the caller names it, else what the route declares for this URL (web/src/api-schema.ts): `api.get("/stats")`
 * is typed by the path. Naming `T` is only for routes whose responses are not declared yet.
 */
type Answer<T, M extends Method, P extends string> = [T] extends [never] ? OkAt<M, P> : T;

export const api = {
  get: <T = never, P extends string = string>(path: P, query?: Query, signal?: AbortSignal) =>
    request<Answer<T, "get", P>>(path, { query, signal }),
  post: <T = never, P extends string = string>(
    path: P,
    body: unknown = {},
    options: Omit<RequestOptions, "body" | "method"> = {},
  ) => request<Answer<T, "post", P>>(path, { ...options, method: "POST", body }),
  put: <T = never, P extends string = string>(path: P, body: unknown) =>
    request<Answer<T, "put", P>>(path, { method: "PUT", body }),
  patch: <T = never, P extends string = string>(path: P, body: unknown) =>
    request<Answer<T, "patch", P>>(path, { method: "PATCH", body }),
  del: <T = never, P extends string = string>(path: P) => request<Answer<T, "delete", P>>(path, { method: "DELETE" }),
};

/** Downloads a file from the API (export) and hands it to the browser under the server's file name. */
export async function download(path: string, query?: Query): Promise<string> {
  const response = await fetch(buildUrl(path, query), { credentials: "same-origin" });
  if (!response.ok) {
    const error = await errorFrom(response);
    announce401({}, error);
    throw error;
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? "maang-export";
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = decodeURIComponent(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return a.download;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

// The API's side of the runner service: JSON over HTTP (TCP or a unix socket), authenticated by RUNNER_TOKEN.
// A runner that is down or restarting is a 503 the user can retry, never a crash.
import { type ClientRequest, request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { AppError, UnavailableError } from "../../errors.js";
import type { RunnerClient, RunnerStatus } from "./client.js";
import type { RunReport, RunRequest } from "./types.js";

/** Longest a run may take end to end (compile 60 s + run + queueing) before the API gives up on it. */
const RUN_TIMEOUT_MS = 180_000;

export class RemoteRunner implements RunnerClient {
  readonly location: string;

  constructor(
    private readonly url: string,
    private readonly token: string,
    /** waited for before each call: the embedded runner's first start (resolves at once after that) */
    private readonly ready?: () => Promise<unknown>,
  ) {
    this.location = url;
  }

  status(): Promise<RunnerStatus> {
    return this.call<RunnerStatus>("GET", "/v1/status", undefined, 10_000);
  }

  run(request: RunRequest): Promise<RunReport> {
    return this.call<RunReport>("POST", "/v1/run", request, RUN_TIMEOUT_MS);
  }

  async close(): Promise<void> {}

  private async call<T>(method: string, path: string, body: unknown, timeoutMs: number): Promise<T> {
    if (this.ready) await this.ready();
    return this.send<T>(method, path, body, timeoutMs);
  }

  private send<T>(method: string, path: string, body: unknown, timeoutMs: number): Promise<T> {
    const target = new URL(this.url);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (payload) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(payload.length);
    }
    const options =
      target.protocol === "unix:"
        ? { socketPath: target.pathname, path, method, headers }
        : {
            host: target.hostname,
            port: target.port || undefined,
            path: `${target.pathname.replace(/\/$/, "")}${path}`,
            method,
            headers,
          };
    return new Promise<T>((resolve, reject) => {
      let req: ClientRequest;
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (error) => reject(this.unreachable(error)));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            return reject(new UnavailableError(`The code runner answered ${res.statusCode} without JSON.`, 5));
          }
          const status = res.statusCode ?? 500;
          if (status === 200) return resolve(parsed as T);
          if (status === 401)
            return reject(
              new UnavailableError(
                "The code runner refused this server's RUNNER_TOKEN: give the API and the runner the same RUNNER_TOKEN.",
              ),
            );
          const error = (parsed as { error?: { code?: string; message?: string } }).error;
          const retry = Number(res.headers["retry-after"]) || undefined;
          reject(
            new AppError(
              status,
              error?.code ?? "runner_error",
              error?.message ?? `runner error ${status}`,
              undefined,
              retry,
            ),
          );
        });
      };
      req = target.protocol === "https:" ? httpsRequest(options, onResponse) : httpRequest(options, onResponse);
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      req.on("error", (error) => reject(this.unreachable(error)));
      req.end(payload);
    });
  }

  private unreachable(error: Error): UnavailableError {
    return new UnavailableError(
      `The code runner at ${this.location} is not reachable (${error.message}); it may be restarting. Try again in a few seconds.`,
      5,
    );
  }
}

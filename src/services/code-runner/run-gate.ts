// Everything between a submission and the runner: the sandbox policy (refuse unsandboxed runs unless only the
// machine's owner can submit), fair use (a per-user cap on queued + running submissions and a global bound),
// and the runner's status, cached briefly so every submission does not ask for it.
import type { Logger } from "../../config/logger.js";
import type { Settings } from "../../config/settings.js";
import { TooManyRequestsError, UnavailableError } from "../../errors.js";
import type { RunnerClient, RunnerStatus } from "./client.js";
import type { Language, RunReport, RunRequest } from "./types.js";

const STATUS_TTL_MS = 30_000;
/**
 * How long past its TTL a status may still be used while a fresh one is fetched: a run does not wait for (or
 * fail with) a status call that a runner busy with fork bombs answers late. The runner checks its own
 * sandbox on every run either way.
 */
const STATUS_STALE_MS = 30_000;
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost", "[::1]"]);

/** Whether anyone but the machine's owner could submit code to this server, and why. */
export function submitters(settings: Settings): { ownerOnly: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (!LOOPBACK.has(settings.server.host)) reasons.push(`it listens on ${settings.server.host}, beyond loopback`);
  if (settings.env === "production") reasons.push("NODE_ENV=production");
  if (settings.database.url) reasons.push("it uses a real DATABASE_URL");
  return { ownerOnly: reasons.length === 0, reasons };
}

export interface RunGateDeps {
  client: RunnerClient;
  runner: Settings["runner"];
  /** false when others can submit: an unsandboxed runner is then refused */
  ownerOnly: boolean;
  /** why others can submit, for the refusal message */
  reasons?: string[];
  logger: Logger;
}

export class RunGate {
  private cached: { at: number; status: RunnerStatus } | undefined;
  private refreshing: Promise<RunnerStatus> | undefined;
  private readonly perOwner = new Map<string, number>();
  private total = 0;
  private warned = false;

  constructor(private readonly deps: RunGateDeps) {}

  get location(): string {
    return this.deps.client.location;
  }

  /** Queued + running submissions through this server. */
  get inFlight(): number {
    return this.total;
  }

  /** The runner's languages and sandbox, with this server's policy applied (a refusal, a warning). */
  async status(): Promise<RunnerStatus> {
    const age = this.cached ? Date.now() - this.cached.at : Number.POSITIVE_INFINITY;
    if (this.cached && age < STATUS_TTL_MS) return this.cached.status;
    if (this.cached && age < STATUS_TTL_MS + STATUS_STALE_MS) {
      this.refresh().catch((error: unknown) =>
        this.deps.logger.warn({ err: error, runner: this.location }, "runner status refresh failed"),
      );
      return this.cached.status;
    }
    return this.refresh();
  }

  /** One status call at a time, however many runs ask. */
  private refresh(): Promise<RunnerStatus> {
    this.refreshing ??= this.fetchStatus().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async fetchStatus(): Promise<RunnerStatus> {
    const status = this.withPolicy(await this.deps.client.status());
    this.cached = { at: Date.now(), status };
    if (status.sandbox.warning && !this.warned) {
      this.warned = true;
      this.deps.logger.warn({ runner: this.location }, status.sandbox.warning);
    }
    if (status.sandbox.refusal) this.deps.logger.error({ runner: this.location }, status.sandbox.refusal);
    return status;
  }

  async isAvailable(language: Language): Promise<boolean> {
    return (await this.status()).languages.some((l) => l.id === language && l.available);
  }

  /** One submission of `owner` (a user id; the CLI has none): refused, throttled, or run. */
  async run(request: RunRequest, owner: number | string = "local"): Promise<RunReport> {
    const key = String(owner);
    const mine = this.perOwner.get(key) ?? 0;
    const retryAfter = Math.ceil((this.deps.runner.timeoutMs + 2000) / 1000);
    if (mine >= this.deps.runner.maxPerUser)
      throw new TooManyRequestsError(
        `You already have ${mine} code run${mine === 1 ? "" : "s"} queued or running (the limit is ${this.deps.runner.maxPerUser}); wait for ${mine === 1 ? "it" : "one"} to finish and try again in ${retryAfter} s.`,
        retryAfter,
      );
    if (this.total >= this.deps.runner.maxQueue)
      throw new UnavailableError(
        `The code runner is busy: ${this.total} runs are queued or running, the most this server accepts. Try again in ${retryAfter} s.`,
        retryAfter,
      );
    this.perOwner.set(key, mine + 1);
    this.total++;
    try {
      const refusal = (await this.status()).sandbox.refusal;
      if (refusal) throw new UnavailableError(refusal);
      return await this.deps.client.run(request);
    } finally {
      this.total--;
      const left = (this.perOwner.get(key) ?? 1) - 1;
      if (left > 0) this.perOwner.set(key, left);
      else this.perOwner.delete(key);
    }
  }

  close(): Promise<void> {
    return this.deps.client.close();
  }

  /** The API enforces its own policy too: a runner elsewhere cannot know who can submit to this server. */
  private withPolicy(status: RunnerStatus): RunnerStatus {
    const sandbox = status.sandbox;
    if (sandbox.isolation === "bwrap" || sandbox.refusal || this.deps.runner.sandbox === "off") return status;
    if (this.deps.runner.sandbox === "auto" && this.deps.ownerOnly) return status;
    const why =
      this.deps.runner.sandbox === "required"
        ? "RUNNER_SANDBOX=required"
        : `other people can submit code to this server (${(this.deps.reasons ?? []).join("; ") || "it is not owner-only"})`;
    return {
      ...status,
      sandbox: {
        ...sandbox,
        warning: undefined,
        refusal: `Code runs are refused: the code runner (${this.location}) has no sandbox and ${why}. Install bubblewrap where the runner runs (see docs/operations.md, Code runner), or set RUNNER_SANDBOX=off if you alone use this server.`,
      },
    };
  }
}

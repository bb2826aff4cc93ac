// Fastify gives every request a child logger bound to its request id. With redaction configured
// (src/config/logger.ts), pino's child() runs the bindings through the redactor and serialises them:
// 4–5 % of a cached GET /api/stats's CPU in the issue 15 profile, for a logger most requests never write
// to (request logging is off in tests, and below LOG_LEVEL in production). This factory hands out a
// stand-in that makes the real child on the first line actually written at an enabled level; what that
// line contains, its request id and its redaction are the real child's.
import type { FastifyBaseLogger } from "fastify";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace"] as const;

type Bindings = Record<string, unknown>;
/** pino's logger, as Fastify holds it */
type Logger = FastifyBaseLogger & { isLevelEnabled(level: string): boolean };
type ChildOptions = Parameters<FastifyBaseLogger["child"]>[1];

export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildOptions) {
  // a route with its own log level or serializers gets the real child at once (rare: none here today)
  if (options && Object.keys(options).length > 0) return logger.child(bindings, options);
  return new LazyChild(logger as Logger, bindings) as unknown as FastifyBaseLogger;
}

class LazyChild {
  made: Logger | undefined;
  constructor(
    readonly parent: Logger,
    readonly bindings: Bindings,
  ) {}

  real(): Logger {
    this.made ??= this.parent.child(this.bindings) as Logger;
    return this.made;
  }

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level);
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }

  silent(): void {}
}

for (const level of LEVELS) {
  Object.defineProperty(LazyChild.prototype, level, {
    value(this: LazyChild, ...args: unknown[]) {
      if (!(this.made ?? this.parent).isLevelEnabled(level)) return;
      this.real()[level](...(args as [string]));
    },
  });
}

// The only module that reads the environment. Everything else receives a frozen `Settings`.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");
const int = (min: number, max: number) =>
  z.coerce
    .number({ message: "expected a whole number" })
    .int({ message: "expected a whole number" })
    .min(min, { message: `expected at least ${min}` })
    .max(max, { message: `expected at most ${max}` });
const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
  );
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const list = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Every variable the platform reads: name → schema (with its default). README's settings table mirrors it. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: int(0, 65535).default(3000),
  PUBLIC_URL: optional(url(["http:", "https:"])),
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((v, ctx): false | number | string[] => {
      const value = v.trim().toLowerCase();
      if (value === "" || value === "false" || value === "0" || value === "no") return false;
      if (value === "true" || value === "yes") {
        ctx.addIssue({
          code: "custom",
          message:
            "true would trust any X-Forwarded-For a client sends (a forged address defeats the login rate limit); " +
            "give the number of proxies in front of the app (e.g. 1) or the proxies' addresses (e.g. 172.28.0.10 or 10.0.0.0/8)",
        });
        return z.NEVER;
      }
      if (/^\d+$/.test(value)) return Number(value);
      const addresses = value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = addresses.find(
        (a) => !/^[0-9a-f:.]+(\/\d{1,3})?$/.test(a) && a !== "loopback" && a !== "uniquelocal" && a !== "linklocal",
      );
      if (bad) {
        ctx.addIssue({ code: "custom", message: `"${bad}" is not an IP address or CIDR range` });
        return z.NEVER;
      }
      return addresses;
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),

  DATABASE_URL: optional(url(["postgres:", "postgresql:"])),
  DATA_DIR: z.string().min(1).default("./data"),
  DB_POOL_MAX: int(1, 500).default(10),
  DB_IDLE_TIMEOUT_MS: int(0, 3_600_000).default(30_000),
  DB_CONNECTION_TIMEOUT_MS: int(100, 120_000).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: int(0, 3_600_000).default(30_000),

  REDIS_URL: optional(url(["redis:", "rediss:"])),
  REDIS_TIMEOUT_MS: int(10, 60_000).default(250),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, { message: "expected letters, digits, '.', '_' or '-'" })
    .default("maang"),
  CACHE_MAX_ENTRIES: int(10, 10_000_000).default(10_000),
  CACHE_TTL_SECONDS: int(1, 604_800).default(300),
  // with Redis: how long a process may serve its own copy of a cached response body (0 = always ask Redis)
  CACHE_LOCAL_TTL_MS: int(0, 60_000).default(5_000),

  SESSION_TTL_HOURS: int(1, 24 * 365).default(24 * 14),
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  RATE_LIMIT_LOGIN_PER_MINUTE: int(1, 100_000).default(10),
  RATE_LIMIT_WRITE_PER_MINUTE: int(1, 1_000_000).default(600),
  METRICS_TOKEN: optional(z.string().min(16, { message: "expected at least 16 characters: openssl rand -hex 32" })),
  IMPORT_MAX_MB: int(1, 1024).default(25),
  WEBHOOK_ALLOWED_TARGETS: list.default([]),
  ENCRYPTION_KEY: optional(
    z.string().regex(/^[0-9a-fA-F]{64}$/, { message: "expected 64 hex characters (32 bytes): openssl rand -hex 32" }),
  ),

  EMBEDDING_PROVIDER: z.enum(["auto", "transformers", "use-lite", "hybrid", "openai", "offline"]).default("auto"),
  EMBEDDING_MODEL: z.string().min(1).default("Xenova/all-MiniLM-L6-v2"),
  EMBEDDING_MODEL_DIR: optional(z.string()),
  EMBEDDING_BASE_URL: optional(url(["http:", "https:"])),
  EMBEDDING_API_KEY: optional(z.string()),
  // Only for OpenAI-compatible endpoints that can shorten vectors ("dimensions" in the request); every other
  // model has its own size, and the database stores any size (one partial HNSW index per model).
  EMBEDDING_DIMENSIONS: optional(int(1, 16_000)),
  EMBEDDING_BATCH_SIZE: int(1, 2048).default(32),
  EMBEDDING_LOAD_TIMEOUT_MS: int(1000, 3_600_000).default(60_000),
  HNSW_EF_SEARCH: int(1, 1000).default(200),
  MEMORY_CONTEXT_TOKENS: int(100, 100_000).default(1500),
  MEMORY_EXACT_SEARCH_MAX_ROWS: int(0, 100_000_000).default(20_000),

  LLM_BASE_URL: optional(url(["http:", "https:"])),
  LLM_API_KEY: optional(z.string()),
  LLM_MODEL: optional(z.string()),
  LLM_MAX_STEPS: int(1, 20).default(4),
  LLM_TIMEOUT_MS: int(1000, 600_000).default(60_000),

  JOBS_MODE: z.enum(["auto", "inline", "redis"]).default("auto"),
  WORKER_CONCURRENCY: int(1, 256).default(4),
  REMINDER_POLL_SECONDS: int(1, 3600).default(30),

  RUNNER_TIMEOUT_MS: int(100, 120_000).default(5_000),
  RUNNER_MEMORY_MB: int(32, 8192).default(256),
  RUNNER_MAX_OUTPUT_BYTES: int(1024, 100_000_000).default(1_000_000),
  RUNNER_CONCURRENCY: int(1, 64).default(2),
  RUNNER_URL: optional(url(["http:", "https:", "unix:"])),
  RUNNER_TOKEN: optional(z.string().min(32, { message: "expected at least 32 characters: openssl rand -hex 32" })),
  RUNNER_SANDBOX: z.enum(["auto", "required", "off"]).default("auto"),
  RUNNER_LISTEN: z
    .string()
    .regex(/^(unix:\/.+|\[?[\w.:-]+\]?:\d{1,5})$/, { message: "expected host:port or unix:/path/to.sock" })
    .default("127.0.0.1:4100"),
  RUNNER_MAX_PER_USER: int(1, 64).default(2),
  RUNNER_MAX_QUEUE: int(1, 10_000).default(32),

  LEETCODE_GRAPHQL_URL: url(["http:", "https:"]).default("https://leetcode.com/graphql"),
  LEETCODE_REQUESTS_PER_MINUTE: int(1, 10_000).default(20),

  MCP_ALLOWED_ORIGINS: list.default([]),
  MCP_ALLOWED_HOSTS: list.default([]),
  MAANG_USER: optional(z.string()),

  WEB_DIST_DIR: z.string().min(1).default("web/dist"),
});

type Env = z.output<typeof envSchema>;

export interface Settings {
  readonly env: Env["NODE_ENV"];
  readonly server: {
    readonly host: string;
    readonly port: number;
    readonly publicUrl: string | undefined;
    /** false, a hop count, or the proxies' addresses/CIDRs: never "trust every hop" */
    readonly trustProxy: false | number | readonly string[];
    /** when set, GET /metrics needs `Authorization: Bearer <token>` */
    readonly metricsToken: string | undefined;
    /** the largest POST /api/import body, in bytes */
    readonly importMaxBytes: number;
    readonly webDistDir: string;
  };
  readonly log: { readonly level: Env["LOG_LEVEL"]; readonly format: Env["LOG_FORMAT"] };
  readonly database: {
    readonly url: string | undefined;
    readonly dataDir: string;
    readonly poolMax: number;
    readonly idleTimeoutMs: number;
    readonly connectionTimeoutMs: number;
    readonly statementTimeoutMs: number;
  };
  /** `prefix` namespaces job queues and rate-limit counters, so deployments can share one Redis */
  readonly redis: { readonly url: string | undefined; readonly timeoutMs: number; readonly prefix: string };
  readonly cache: { readonly maxEntries: number; readonly ttlSeconds: number; readonly localTtlMs: number };
  readonly auth: {
    readonly sessionTtlHours: number;
    readonly cookieSecure: "auto" | "true" | "false";
    readonly loginPerMinute: number;
    readonly writePerMinute: number;
    readonly encryptionKey: string | undefined;
  };
  readonly embedding: {
    readonly provider: Env["EMBEDDING_PROVIDER"];
    readonly model: string;
    readonly modelDir: string | undefined;
    readonly baseUrl: string | undefined;
    readonly apiKey: string | undefined;
    /** asked of an OpenAI-compatible endpoint; undefined = the model's own size */
    readonly dimensions: number | undefined;
    readonly batchSize: number;
    readonly loadTimeoutMs: number;
  };
  readonly memory: { readonly efSearch: number; readonly contextTokens: number; readonly exactSearchMaxRows: number };
  readonly llm: {
    readonly baseUrl: string | undefined;
    readonly apiKey: string | undefined;
    readonly model: string | undefined;
    readonly maxSteps: number;
    readonly timeoutMs: number;
  };
  /** `mode`: "redis" = BullMQ, consumed by `maang worker`; "inline" = run in this process (JOBS_MODE=auto picks by REDIS_URL) */
  readonly jobs: {
    readonly mode: "inline" | "redis";
    readonly concurrency: number;
    readonly reminderPollSeconds: number;
  };
  readonly runner: {
    readonly timeoutMs: number;
    readonly memoryMb: number;
    readonly maxOutputBytes: number;
    readonly concurrency: number;
    /** a runner service to call (`maang runner`); unset: `maang serve` starts one as a child process */
    readonly url: string | undefined;
    readonly token: string | undefined;
    /** auto: bubblewrap, or refuse unless only the machine's owner can submit; required; off (no sandbox) */
    readonly sandbox: "auto" | "required" | "off";
    /** where `maang runner` listens: host:port or unix:/path */
    readonly listen: string;
    /** queued + running submissions one user may have */
    readonly maxPerUser: number;
    /** queued + running submissions in all */
    readonly maxQueue: number;
  };
  readonly leetcode: { readonly graphqlUrl: string; readonly requestsPerMinute: number };
  /** hosts, addresses or CIDR ranges a reminder webhook may reach although they are private (a LAN chat server) */
  readonly webhooks: { readonly allowedTargets: readonly string[] };
  readonly mcp: {
    readonly allowedOrigins: readonly string[];
    readonly allowedHosts: readonly string[];
    readonly defaultUser: string | undefined;
  };
}

export class SettingsError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join("; ")}. ` +
        "Fix these environment variables (or .env) and start again.",
    );
    this.name = "SettingsError";
  }
}

/** Reads `.env` in the working directory, if any; real environment variables win over it. */
export function readEnvironment(cwd = process.cwd()): Record<string, string | undefined> {
  const file = resolve(cwd, ".env");
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

/** Validates an environment (default: the process's, with `.env`) and returns frozen settings. */
export function loadSettings(environment: Record<string, string | undefined> = readEnvironment()): Settings {
  const known = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, environment[k]]));
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((i) => ({
        variable: String(i.path[0] ?? "environment"),
        message: `is invalid (${JSON.stringify(environment[String(i.path[0])] ?? "")}): ${i.message}`,
      })),
    );
  }
  const e = parsed.data;
  if (e.RUNNER_URL && !e.RUNNER_TOKEN) {
    throw new SettingsError([
      { variable: "RUNNER_TOKEN", message: "is missing: RUNNER_URL needs the token the runner was started with" },
    ]);
  }
  if (e.JOBS_MODE === "redis" && !e.REDIS_URL) {
    throw new SettingsError([{ variable: "JOBS_MODE", message: "is redis, which needs REDIS_URL to be set" }]);
  }
  return deepFreeze({
    env: e.NODE_ENV,
    server: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: e.PUBLIC_URL,
      trustProxy: e.TRUST_PROXY,
      metricsToken: e.METRICS_TOKEN,
      importMaxBytes: e.IMPORT_MAX_MB * 1024 * 1024,
      webDistDir: e.WEB_DIST_DIR,
    },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    database: {
      url: e.DATABASE_URL,
      dataDir: e.DATA_DIR,
      poolMax: e.DB_POOL_MAX,
      idleTimeoutMs: e.DB_IDLE_TIMEOUT_MS,
      connectionTimeoutMs: e.DB_CONNECTION_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    },
    redis: { url: e.REDIS_URL, timeoutMs: e.REDIS_TIMEOUT_MS, prefix: e.REDIS_PREFIX },
    cache: { maxEntries: e.CACHE_MAX_ENTRIES, ttlSeconds: e.CACHE_TTL_SECONDS, localTtlMs: e.CACHE_LOCAL_TTL_MS },
    auth: {
      sessionTtlHours: e.SESSION_TTL_HOURS,
      cookieSecure: e.COOKIE_SECURE,
      loginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
      writePerMinute: e.RATE_LIMIT_WRITE_PER_MINUTE,
      encryptionKey: e.ENCRYPTION_KEY,
    },
    embedding: {
      provider: e.EMBEDDING_PROVIDER,
      model: e.EMBEDDING_MODEL,
      modelDir: e.EMBEDDING_MODEL_DIR,
      baseUrl: e.EMBEDDING_BASE_URL,
      apiKey: e.EMBEDDING_API_KEY,
      dimensions: e.EMBEDDING_DIMENSIONS,
      batchSize: e.EMBEDDING_BATCH_SIZE,
      loadTimeoutMs: e.EMBEDDING_LOAD_TIMEOUT_MS,
    },
    memory: {
      efSearch: e.HNSW_EF_SEARCH,
      contextTokens: e.MEMORY_CONTEXT_TOKENS,
      exactSearchMaxRows: e.MEMORY_EXACT_SEARCH_MAX_ROWS,
    },
    llm: {
      baseUrl: e.LLM_BASE_URL,
      apiKey: e.LLM_API_KEY,
      model: e.LLM_MODEL,
      maxSteps: e.LLM_MAX_STEPS,
      timeoutMs: e.LLM_TIMEOUT_MS,
    },
    jobs: {
      mode: e.JOBS_MODE === "auto" ? (e.REDIS_URL ? "redis" : "inline") : e.JOBS_MODE,
      concurrency: e.WORKER_CONCURRENCY,
      reminderPollSeconds: e.REMINDER_POLL_SECONDS,
    },
    runner: {
      timeoutMs: e.RUNNER_TIMEOUT_MS,
      memoryMb: e.RUNNER_MEMORY_MB,
      maxOutputBytes: e.RUNNER_MAX_OUTPUT_BYTES,
      concurrency: e.RUNNER_CONCURRENCY,
      url: e.RUNNER_URL,
      token: e.RUNNER_TOKEN,
      sandbox: e.RUNNER_SANDBOX,
      listen: e.RUNNER_LISTEN,
      maxPerUser: e.RUNNER_MAX_PER_USER,
      maxQueue: e.RUNNER_MAX_QUEUE,
    },
    leetcode: { graphqlUrl: e.LEETCODE_GRAPHQL_URL, requestsPerMinute: e.LEETCODE_REQUESTS_PER_MINUTE },
    webhooks: { allowedTargets: e.WEBHOOK_ALLOWED_TARGETS },
    mcp: { allowedOrigins: e.MCP_ALLOWED_ORIGINS, allowedHosts: e.MCP_ALLOWED_HOSTS, defaultUser: e.MAANG_USER },
  });
}

/**
 * The only variables the code runner service reads (`maang runner`): an allow-list, never `.env`, so a database
 * URL, Redis URL or key in the shell or in `.env` cannot reach the process that runs submitted code.
 */
export const RUNNER_ENV_ALLOW_LIST = [
  "NODE_ENV",
  "LOG_LEVEL",
  "LOG_FORMAT",
  "RUNNER_TIMEOUT_MS",
  "RUNNER_MEMORY_MB",
  "RUNNER_MAX_OUTPUT_BYTES",
  "RUNNER_CONCURRENCY",
  "RUNNER_TOKEN",
  "RUNNER_SANDBOX",
  "RUNNER_LISTEN",
  "RUNNER_MAX_QUEUE",
] as const;

/** Variables that must never be in the runner's environment (it warns when they are). */
const SECRET_VARIABLES = [
  "DATABASE_URL",
  "REDIS_URL",
  "ENCRYPTION_KEY",
  "LLM_API_KEY",
  "EMBEDDING_API_KEY",
  "SESSION_SECRET",
  "PGPASSWORD",
  "POSTGRES_PASSWORD",
];

export function loadRunnerSettings(environment: Record<string, string | undefined> = process.env): Settings {
  return loadSettings(Object.fromEntries(RUNNER_ENV_ALLOW_LIST.map((name) => [name, environment[name]])));
}

/** Names (never values) of secret-looking variables present in an environment. */
export function secretsInEnvironment(environment: Record<string, string | undefined> = process.env): string[] {
  return Object.keys(environment).filter(
    (name) => environment[name] && (SECRET_VARIABLES.includes(name) || /(SECRET|PASSWORD|API_KEY)$/.test(name)),
  );
}

/** Settings for tests and tools: the given overrides on top of defaults, ignoring the real environment. */
export function settingsFrom(overrides: Record<string, string | undefined> = {}): Settings {
  return loadSettings(overrides);
}

/** The variables settings understand, for docs and `.env.example` checks. */
export const SETTING_NAMES = Object.keys(envSchema.shape);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// The Docker deployment, checked without a Docker engine: .env.example documents every setting, the
// compose file has what production needs (healthchecks, restart policies, log rotation, ordered start,
// no inline secrets), and every command a container runs exists in the CLI or the npm scripts.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SETTING_NAMES } from "../../src/config/settings.js";

const DOCKER = new URL("../../docker/", import.meta.url).pathname;
const read = (name: string) => readFileSync(join(DOCKER, name), "utf8");
const COMPOSE_ONLY = [
  "POSTGRES_USER",
  "POSTGRES_PASSWORD",
  "POSTGRES_DB",
  "REDIS_PASSWORD",
  "PGADMIN_EMAIL",
  "PGADMIN_PASSWORD",
  "APP_PORT",
  "DASHBOARD_PORT",
  "MCP_PORT",
  "PGADMIN_PORT",
  "PREFETCH_EMBEDDING_MODEL",
  "APP_IMAGE",
  "MCP_IMAGE",
  "DASHBOARD_IMAGE",
  "RUNNER_IMAGE",
];
const SERVICES = ["postgres", "redis", "pgadmin", "migrate", "app", "worker", "mcp", "dashboard", "runner"];
const DOCKERFILES = ["Dockerfile.app", "Dockerfile.mcp", "Dockerfile.dashboard"];
const SECRET = /PASSWORD|SECRET|API_KEY|ENCRYPTION_KEY|TOKEN/;

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  restart?: string;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  logging?: { driver?: string; options?: Record<string, string> };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  networks?: string[];
  volumes?: string[];
}
const compose = parse(read("docker-compose.yml"), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe(".env.example", () => {
  const text = read(".env.example");
  const documented = new Set([...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

  it("lists every variable src/config/settings.ts reads", () => {
    const missing = SETTING_NAMES.filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it("lists nothing the platform or compose does not read (no typos)", () => {
    const unknown = [...documented].filter((name) => !SETTING_NAMES.includes(name) && !COMPOSE_ONLY.includes(name));
    expect(unknown).toEqual([]);
  });

  it("holds no real secret: passwords are placeholders and the encryption key is empty", () => {
    for (const line of text.split("\n").filter((l) => /^[A-Z_]+=/.test(l) && SECRET.test(l.split("=")[0])))
      expect(line).toMatch(/=(change-me-[a-z]+)?$/);
  });
});

describe("docker-compose.yml", () => {
  it("has every service of the deployment", () => {
    expect(Object.keys(compose.services).sort()).toEqual([...SERVICES].sort());
    expect(compose.services.postgres.image).toBe("pgvector/pgvector:pg15");
  });

  it("gives every long-running service a healthcheck; only the one-shot migrate has none", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === "migrate") expect(service.healthcheck).toEqual({ disable: true });
      else expect(service.healthcheck?.test, name).toBeDefined();
    }
    expect(JSON.stringify(compose.services.postgres.healthcheck?.test)).toContain("pg_isready");
    expect(JSON.stringify(compose.services.app.healthcheck?.test)).toContain("/readyz");
    expect(JSON.stringify(compose.services.worker.healthcheck?.test)).toContain("9464/healthz");
  });

  it("gives every service a restart policy and rotated json-file logs", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(["always", "unless-stopped", "on-failure"], name).toContain(service.restart);
      expect(service.logging?.driver, name).toBe("json-file");
      expect(service.logging?.options?.["max-size"], name).toMatch(/^\d+[km]$/);
      expect(Number(service.logging?.options?.["max-file"]), name).toBeGreaterThan(0);
    }
  });

  it("starts in order: databases healthy, then migrations completed, then the app, then the dashboard", () => {
    const conditions = new Set(["service_started", "service_healthy", "service_completed_successfully"]);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(SERVICES, `${name} depends on ${dependency}`).toContain(dependency);
        expect(conditions.has(condition), `${name} → ${dependency}: ${condition}`).toBe(true);
        if (dependency === "migrate") expect(condition).toBe("service_completed_successfully");
        else if (dependency !== "migrate") expect(condition).toBe("service_healthy");
      }
    }
    for (const name of ["app", "worker", "mcp"])
      expect(Object.keys(compose.services[name].depends_on ?? {}).sort()).toEqual(["migrate", "postgres", "redis"]);
    expect(compose.services.dashboard.depends_on).toEqual({ app: { condition: "service_healthy" } });
  });

  it("sends every service that runs submitted code (app, worker, mcp) to the runner service, on its network", () => {
    for (const name of ["app", "worker", "mcp"]) {
      const service = compose.services[name];
      expect(service.environment?.RUNNER_URL, name).toBe("http://runner:4100");
      expect(String(service.environment?.RUNNER_TOKEN), name).toMatch(/^\$\{RUNNER_TOKEN:\?/);
      expect(service.networks, name).toContain("runner");
    }
  });

  it("writes no secret inline: every password, key or token is interpolated from docker/.env", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (SECRET.test(key)) expect(String(value), `${name}.${key}`).toMatch(/^\$\{[A-Z_]+(:[?-][^}]*)?\}$/);
        // a URL's user:password must be interpolations too
        const literal = String(value).replace(/\$\{[^}]*\}/g, "");
        expect(literal, `${name}.${key}`).not.toMatch(/\/\/[^/@]*:[^/@]+@/);
      }
    }
    const redisCommand = JSON.stringify(compose.services.redis.command);
    expect(redisCommand).toContain("--appendonly yes");
    expect(redisCommand).toContain('--requirepass \\"$$REDIS_PASSWORD\\"');
  });

  it("declares every named volume it mounts", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(":")[0];
        if (!source.startsWith(".") && !source.startsWith("/"))
          expect(Object.keys(compose.volumes), `${name}: ${source}`).toContain(source);
      }
    }
  });

  const dockerCompose = spawnSync("docker-compose", ["version"], { encoding: "utf8" });
  it.skipIf(dockerCompose.status !== 0)("passes `docker-compose config -q` with the example environment", () => {
    const dir = mkdtempSync(join(tmpdir(), "maang-compose-"));
    cpSync(DOCKER, dir, { recursive: true });
    cpSync(join(DOCKER, ".env.example"), join(dir, ".env"));
    const result = spawnSync(
      "docker-compose",
      ["-f", join(dir, "docker-compose.yml"), "--env-file", join(dir, ".env"), "config", "-q"],
      {
        encoding: "utf8",
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("the commands containers run", () => {
  const scripts = Object.keys(
    (
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts,
  );
  // What `maang` accepts, read from the command modules main.ts registers (spawning the CLI per check is slow).
  const commandsDir = new URL("../../src/cli/commands/", import.meta.url).pathname;
  const mainSource = readFileSync(new URL("../../src/cli/main.ts", import.meta.url), "utf8");
  const cli = new Map<string, Set<string>>();
  for (const file of readdirSync(commandsDir).filter((f) => f.endsWith(".ts"))) {
    const register = /export function (register\w+)\(/.exec(readFileSync(join(commandsDir, file), "utf8"))?.[1];
    if (!register || !new RegExp(`^${register}\\(program\\);`, "m").test(mainSource)) continue;
    const source = readFileSync(join(commandsDir, file), "utf8");
    for (const block of source.split(/\.command\(/).slice(1)) {
      const name = /^"([\w-]+)/.exec(block)?.[1];
      if (name) cli.set(name, new Set([...block.matchAll(/\.option\(\s*"(?:-\w, )?(--[\w-]+)/g)].map((m) => m[1])));
    }
  }

  /** Splits `maang a && maang b` and checks each: the subcommand exists and knows every --option used. */
  function checkCommandLine(line: string, where: string) {
    for (const part of line.split("&&").map((p) => p.trim().split(/\s+/))) {
      const [program, ...args] = part;
      if (program === "npm") {
        expect(scripts, `${where}: npm script`).toContain(args[args[0] === "run" ? 1 : 0]);
        continue;
      }
      expect(program, where).toBe("maang");
      const subcommand = args[0];
      const options = cli.get(subcommand);
      expect(options, `${where}: maang ${subcommand} is not a registered subcommand`).toBeDefined();
      for (const option of args.filter((a) => a.startsWith("--")))
        expect([...(options ?? [])], `${where}: maang ${subcommand} ${option}`).toContain(option);
    }
  }

  it("compose commands are maang subcommands with options they accept", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.command || (!service.build && !String(service.image).startsWith("${"))) continue;
      const command = Array.isArray(service.command) ? service.command : [service.command];
      const line = command[0] === "sh" && command[1] === "-c" ? command[2] : command.join(" ");
      checkCommandLine(line, `compose ${name}`);
    }
  });

  it.each(DOCKERFILES)(
    "%s: multi-stage, production dependencies only, non-root, healthchecked, its CMD exists",
    (file) => {
      const text = read(file);
      expect(text.match(/^FROM /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
      const finalStage = text.slice(text.lastIndexOf("\nFROM "));
      const user = /^USER (\S+)/m.exec(finalStage)?.[1];
      expect(user).toBeDefined();
      expect(["root", "0"]).not.toContain(user);
      expect(finalStage).toMatch(/^HEALTHCHECK /m);
      for (const line of text.split("\n").filter((l) => /^(ENV|ARG) /.test(l))) expect(line, file).not.toMatch(SECRET);
      if (file !== "Dockerfile.dashboard") {
        expect(text).toContain("npm ci --omit=dev");
        const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(finalStage)?.[1] ?? "[]") as string[];
        checkCommandLine(cmd.join(" "), file);
      }
    },
  );

  it("nginx proxies the API, MCP, docs and metrics to the app and serves the dashboard otherwise", () => {
    const conf = read("nginx.conf");
    expect(conf).toMatch(/location ~ \^\/\(api\|mcp\|docs\|healthz\|readyz\)/);
    expect(conf).toMatch(/location = \/metrics \{[^}]*proxy_pass http:\/\/maang_app;/);
    expect(conf).toContain("server app:3000;");
    expect(conf).toContain("try_files $uri $uri/ /index.html;");
  });
});

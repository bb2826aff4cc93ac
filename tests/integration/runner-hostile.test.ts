// Hostile submissions against the runner as it runs in production: `maang runner` as its own process (as root,
// and as the unprivileged `nobody`), called by a real `maang serve` through RUNNER_URL, attacked through
// POST /api/interviews/run in every installed language. The API holds canary secrets in its environment.
// Every attack must be contained, every verdict right, and the API must answer /healthz throughout.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpp } from "../fixtures/hostile/cpp.js";
import { java } from "../fixtures/hostile/java.js";
import { javascript, typescript } from "../fixtures/hostile/javascript.js";
import { python } from "../fixtures/hostile/python.js";
import { freePort, MAANG_BIN, type Started, startMaang, waitForHttp } from "../helpers/process.js";

const ATTACKS = { python, javascript, typescript, java, cpp } as const;
type LanguageId = keyof typeof ATTACKS;
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const isRoot = process.getuid?.() === 0;
const hasBwrap = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].some((p) => existsSync(p));
const token = randomBytes(32).toString("hex");
const canaries = {
  ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  LLM_API_KEY: `canary-llm-${randomBytes(8).toString("hex")}`,
  MAANG_HOSTILE_CANARY: `canary-env-${randomBytes(8).toString("hex")}`,
};
const dataDir = mkdtempSync(join(tmpdir(), "maang-hostile-data-"));
const matrix: { attack: string; language: string; privilege: string; verdict: string; contained: boolean }[] = [];

interface RunnerProcess {
  privilege: "root" | "unprivileged";
  port: number;
  started: Started;
}
let api: Started;
let apiPort: number;
let proxy: Server;
let proxyPort: number;
let target = 0;
const runners: RunnerProcess[] = [];
let languages: LanguageId[] = [];
let cookie = "";

/**
 * The unprivileged runner must reach the checkout it runs from (`bin/`, `dist/`, `node_modules/`). A checkout
 * inside a 0700 directory (mktemp, a CI workspace) is closed to `nobody`: grant traverse-only permission
 * (o+x, no listing) on the ancestors that lack it, for this test only, and restore their modes afterwards.
 */
const restoredModes: { path: string; mode: number }[] = [];
function letNobodyReachCheckout(): void {
  for (let dir = dirname(dirname(MAANG_BIN)); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      restoredModes.push({ path: dir, mode });
    }
  }
}

/** `maang runner` as the README starts it; as `nobody` through setpriv for the unprivileged half. */
function startRunner(privilege: RunnerProcess["privilege"], port: number): Started {
  const env = {
    RUNNER_TOKEN: token,
    RUNNER_LISTEN: `127.0.0.1:${port}`,
    RUNNER_TIMEOUT_MS: "5000",
    RUNNER_MEMORY_MB: "256",
    RUNNER_CONCURRENCY: "4",
    RUNNER_MAX_QUEUE: "128",
    LOG_LEVEL: "warn",
  };
  if (privilege === "unprivileged" && isRoot) {
    const child = spawn(
      "setpriv",
      ["--reuid=65534", "--regid=65534", "--clear-groups", "--", process.execPath, MAANG_BIN, "runner"],
      {
        env: { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/nonexistent", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.stderr?.on("data", (d) => {
      out += d;
    });
    return {
      child,
      output: () => out,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    };
  }
  return startMaang(["runner"], env);
}

const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`http://127.0.0.1:${apiPort}${path}`, {
    method,
    headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const alive = async () => {
  const health = await fetch(`http://127.0.0.1:${apiPort}/healthz`);
  return health.status === 200 && api.child.exitCode === null;
};

describe.skipIf(!hasBwrap)("hostile submissions through POST /api/interviews/run", () => {
  beforeAll(async () => {
    const privileges: RunnerProcess["privilege"][] = isRoot ? ["root", "unprivileged"] : ["unprivileged"];
    if (isRoot) letNobodyReachCheckout();
    for (const privilege of privileges) {
      const port = await freePort();
      runners.push({ privilege, port, started: startRunner(privilege, port) });
    }
    // The API reaches "the runner" through one loopback address; the test points it at one runner, then the other.
    proxy = createServer((socket) => {
      const upstream = createConnection({ host: "127.0.0.1", port: target });
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyPort = (proxy.address() as { port: number }).port;
    apiPort = await freePort();
    api = startMaang(["serve", "--port", String(apiPort)], {
      ...canaries,
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      DATA_DIR: join(dataDir, "data"),
      RUNNER_URL: `http://127.0.0.1:${proxyPort}`,
      RUNNER_TOKEN: token,
      RUNNER_MAX_PER_USER: "64",
      RUNNER_MAX_QUEUE: "128",
      RUNNER_TIMEOUT_MS: "5000",
      LOG_LEVEL: "warn",
    });
    for (const runner of runners) await waitForHttp(`http://127.0.0.1:${runner.port}/healthz`, runner.started, 60_000);
    target = runners[0].port;
    await waitForHttp(`http://127.0.0.1:${apiPort}/healthz`, api, 150_000);
    const signup = await fetch(`http://127.0.0.1:${apiPort}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `hostile-${randomBytes(6).toString("hex")}@test.example`,
        password: "correct horse battery",
        name: "Mallory",
        timezone: "UTC",
      }),
    });
    cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0];
    const listed = await call("GET", "/api/interviews/languages");
    languages = (listed.body.languages as { id: LanguageId; available: boolean }[])
      .filter((l) => l.available && l.id in ATTACKS)
      .map((l) => l.id);
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
    for (const runner of runners) await runner.started.stop();
    for (const { path, mode } of restoredModes.splice(0)) chmodSync(path, mode);
    proxy?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (matrix.length) console.log(formatMatrix());
    // What the runners logged as errors, to diagnose a failure.
    for (const runner of runners) {
      const errors = runner.started
        .output()
        .split("\n")
        .filter((line) => line.includes('"level":50'));
      if (errors.length) console.log(`${runner.privilege} runner errors:\n${errors.join("\n")}`);
    }
  });

  it("keeps the API's secrets out of the runner's environment entirely", () => {
    for (const runner of runners) {
      const environ = readFileSync(`/proc/${runner.started.child.pid}/environ`, "latin1");
      for (const secret of Object.values(canaries)) expect(environ).not.toContain(secret);
      expect(environ).not.toMatch(/DATABASE_URL|REDIS_URL/);
    }
    if (!isRoot) console.log("skipped: the root half needs this suite to run as root; only the unprivileged half ran");
  });

  for (const privilege of ["root", "unprivileged"] as const) {
    describe.skipIf(privilege === "root" && !isRoot)(`as ${privilege}`, () => {
      beforeAll(() => {
        target = runners.find((r) => r.privilege === privilege)?.port ?? 0;
      });

      it("contains every attack in every language, each verdict right", async () => {
        await Promise.all(languages.map((language) => attackIn(language, privilege)));
      }, 240_000);

      it("contains a fork bomb in every language, and runs the next submission normally", async () => {
        // As root each run has a uid of its own. As an unprivileged user every run shares one uid: a run gets
        // its process allowance on top of what that uid already runs, counted when it starts.
        // Started 400 ms apart, so each bomb's allowance is counted after the previous bomb has grown.
        const bombs = await Promise.all(
          languages.map(async (language, i) => {
            await new Promise((r) => setTimeout(r, i * 400));
            return runIn(language, ATTACKS[language].forkBomb);
          }),
        );
        const after = await Promise.all(languages.map((language) => runIn(language, ATTACKS[language].benign)));
        languages.forEach((language, i) => {
          const ok =
            ["timeout", "runtime_error"].includes(bombs[i].body.verdict as string) &&
            after[i].body.verdict === "accepted";
          matrix.push({
            attack: "fork bomb (then a normal run)",
            language,
            privilege,
            verdict: `${bombs[i].body.verdict}, then ${after[i].body.verdict}`,
            contained: ok,
          });
        });
        languages.forEach((language, i) => {
          const answer = `${language} fork bomb: ${bombs[i].status} ${JSON.stringify(bombs[i].body).slice(0, 600)}`;
          expect(["timeout", "runtime_error"], answer).toContain(bombs[i].body.verdict);
        });
        for (const next of after) expect(next.body.verdict, JSON.stringify(next.body).slice(0, 400)).toBe("accepted");
        expect(await alive()).toBe(true);
      }, 120_000);
    });
  }

  it("left nothing of any run in the host's /tmp, /var/tmp or /dev/shm", () => {
    for (const dir of ["/tmp", "/var/tmp", "/dev/shm"]) {
      const left = readdirSync(dir).filter(
        (n) => (n.startsWith("maang-hostile-") && !n.startsWith("maang-hostile-data")) || n.startsWith("maang-writer-"),
      );
      expect(left, dir).toEqual([]);
    }
  });
});

/** One submission: `minWindow(s, t)` with s = "ports|host paths" to probe, t = a marker id. */
function runIn(language: LanguageId, source: string, t = `${language}-${randomBytes(4).toString("hex")}`) {
  const ports = [5432, 6379, apiPort, proxyPort, ...runners.map((r) => r.port)].join(" ");
  const paths = [
    REPO,
    join(REPO, "package.json"),
    dataDir,
    "/root",
    "/home",
    "/var/run/postgresql",
    "/var/lib/postgresql",
  ].join(" ");
  return call("POST", "/api/interviews/run", {
    problem: "minimum-window-substring",
    language,
    code: source,
    inputs: [[`${ports}|${paths}`, t]],
  });
}

async function attackIn(language: LanguageId, privilege: string): Promise<void> {
  const code = ATTACKS[language];
  const mark = `${language}-${privilege}-${randomBytes(4).toString("hex")}`;
  const run = (source: string, t = mark) => runIn(language, source, t);
  const record = (attack: string, verdict: string, contained: boolean) =>
    matrix.push({ attack, language, privilege, verdict, contained });
  const actual = (r: { body: Record<string, unknown> }) =>
    String((r.body.cases as { actual?: unknown }[] | undefined)?.[0]?.actual ?? "");

  // Another user's run writing its files while the probe looks for them.
  const writer = run(code.writer, `${mark}-w`);
  await new Promise((r) => setTimeout(r, 300));
  const [probe, written, kill, fillDisk, loop, allocate, output] = await Promise.all([
    run(code.probe),
    writer,
    run(code.kill),
    run(code.fillDisk),
    run(code.loop),
    run(code.allocate),
    run(code.output),
  ]);

  expect(probe.body.verdict, JSON.stringify(probe.body).slice(0, 800)).toBe("accepted");
  const [escapes, environs] = actual(probe).split("\n----\n");
  const leaked = Object.values(canaries).some((secret) => (environs ?? "").includes(secret));
  const byKind = (prefix: string) => escapes.split(",").filter((e) => e.startsWith(prefix));
  record("read /proc/*/environ for the API's secrets", probe.body.verdict as string, !leaked);
  record("connect to the PostgreSQL unix socket", probe.body.verdict as string, byKind("pg-socket").length === 0);
  record(
    "connect to 127.0.0.1 :5432 :6379, the API and the runner",
    probe.body.verdict as string,
    byKind("tcp:").length === 0,
  );
  record("read another concurrent run's files", probe.body.verdict as string, byKind("foreign:").length === 0);
  record(
    "see the app dir, DATA_DIR, /root, /home, /var/run/postgresql",
    probe.body.verdict as string,
    byKind("visible:").length === 0,
  );
  expect(leaked).toBe(false);
  expect(escapes).toBe("");
  expect(written.body.verdict).toBe("accepted");

  const hostFiles = ["/tmp", "/var/tmp", "/dev/shm"].flatMap((d) =>
    readdirSync(d)
      .filter((n) => n.includes(mark))
      .map((n) => `${d}/${n}`),
  );
  record(
    "write to /tmp, /var/tmp, /dev/shm (nothing on the host)",
    probe.body.verdict as string,
    hostFiles.length === 0,
  );
  expect(hostFiles).toEqual([]);

  record("kill the parent, pid 1 and -1", kill.body.verdict as string, await alive());
  expect(["accepted", "runtime_error"]).toContain(kill.body.verdict);

  const filled = Number(actual(fillDisk)) || 0;
  // /work and /tmp are 64 MB tmpfs each, /dev/shm, /var/tmp and /run 16 MB: 176 MB at most, none of it on disk.
  const diskOk = ["accepted", "runtime_error"].includes(fillDisk.body.verdict as string) && filled <= 176 * 1024 * 1024;
  record("fill the disk", `${fillDisk.body.verdict} (${Math.round(filled / 1048576)} MB)`, diskOk);
  expect(diskOk, JSON.stringify(fillDisk.body).slice(0, 500)).toBe(true);
  record("infinite loop", loop.body.verdict as string, loop.body.verdict === "timeout");
  expect(loop.body.verdict).toBe("timeout");
  record("allocate 2 GB", allocate.body.verdict as string, allocate.body.verdict === "memory_limit");
  expect(allocate.body.verdict, JSON.stringify(allocate.body).slice(0, 500)).toBe("memory_limit");
  record("print 200 MB", output.body.verdict as string, output.body.verdict === "output_limit");
  expect(output.body.verdict).toBe("output_limit");

  expect(await alive()).toBe(true);
  for (const runner of runners) expect(runner.started.child.exitCode).toBe(null);
}

function formatMatrix(): string {
  const lines = ["attack | language | privilege | verdict | contained", "---|---|---|---|---"];
  for (const m of matrix)
    lines.push(`${m.attack} | ${m.language} | ${m.privilege} | ${m.verdict} | ${m.contained ? "yes" : "NO"}`);
  return lines.join("\n");
}

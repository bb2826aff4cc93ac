// maang runner: the code runner service. Its own process, started from an empty allow-list of variables
// (RUNNER_*, NODE_ENV, LOG_*; never `.env`), so no database URL, Redis URL or key is in the process that
// starts submitted code. `maang serve` starts one itself unless RUNNER_URL points at one.
import { rmSync } from "node:fs";
import type { Command } from "commander";
import { createLogger } from "../../config/logger.js";
import { loadRunnerSettings, secretsInEnvironment } from "../../config/settings.js";
import { createRunnerServer, isLocalOnly, listenTarget } from "../../runner/server.js";
import { CodeRunner } from "../../services/code-runner/runner.js";

/** Like the CLI's `action`, without importing the server's modules: one line on stderr and exit code 1. */
class CliError extends Error {}
function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      process.stderr.write(`maang runner: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  };
}

export function registerRunnerCommand(program: Command): void {
  program
    .command("runner")
    .description("serve the code runner (submitted code in bubblewrap sandboxes) for `maang serve` via RUNNER_URL")
    .option("--listen <address>", "host:port or unix:/path (default RUNNER_LISTEN or 127.0.0.1:4100)")
    .option("--describe", "print the sandbox in use and its bwrap command line, then exit")
    .option("--with-parent", "exit when standard input closes (the server that started this runner has gone)")
    .action(
      action(async (opts: { listen?: string; describe?: boolean; withParent?: boolean }) => {
        const settings = loadRunnerSettings({ ...process.env, ...(opts.listen ? { RUNNER_LISTEN: opts.listen } : {}) });
        const logger = createLogger(settings, { name: "maang-runner" });
        const listen = settings.runner.listen;
        const runner = new CodeRunner({
          ...settings.runner,
          // A runner reachable from other machines, or in production, never runs code unsandboxed on its own say.
          unsandboxedAllowed: isLocalOnly(listen) && settings.env !== "production",
        });
        const caps = runner.capabilities();
        if (opts.describe) {
          process.stdout.write(`${JSON.stringify(caps, null, 2)}\n`);
          if (caps.isolation === "bwrap") process.stdout.write(`${runner.sandbox.describe()}\n`);
          runner.dispose();
          return;
        }
        const token = settings.runner.token;
        if (!token) {
          runner.dispose();
          throw new CliError(
            "RUNNER_TOKEN is not set: give the runner and the API the same token (openssl rand -hex 32).",
          );
        }
        const leaked = secretsInEnvironment();
        if (leaked.length)
          logger.warn(
            { variables: leaked },
            "the runner's environment holds secrets it never needs: start it with only RUNNER_* variables",
          );
        if (caps.warning) logger.warn(caps.warning);
        if (caps.refusal) logger.error(caps.refusal);
        const started = Date.now();
        void runner.precompileCppHeader().then((ok) => {
          if (ok) logger.info({ ms: Date.now() - started }, "C++ precompiled header ready");
        });
        const server = createRunnerServer({ runner, token, logger, maxQueue: settings.runner.maxQueue });
        const target = listenTarget(listen);
        if ("path" in target) rmSync(target.path, { force: true });
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(target, () => resolve());
        });
        logger.info(
          {
            listen,
            sandbox: caps.isolation,
            privilege: caps.privilege,
            seccomp: caps.seccomp,
            languages: runner
              .languages()
              .filter((l) => l.available)
              .map((l) => l.id),
          },
          `code runner listening on ${listen}`,
        );
        const stop = () => {
          server.close();
          runner.dispose();
          process.exit(0);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
        if (opts.withParent) {
          process.stdin.on("end", stop);
          process.stdin.on("error", stop);
          process.stdin.resume();
        }
      }),
    );
}

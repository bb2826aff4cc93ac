import { configDefaults, defineConfig } from "vitest/config";

/**
 * Files that open neither a database nor Redis of the environment's (they build their own embedded ones,
 * or none): DATABASE_URL and REDIS_URL cannot change what they test, so the run on the real servers leaves
 * them to the embedded run (CI runs both; decision 0018).
 */
const SERVER_INDEPENDENT = [
  "tests/unit/**",
  "web/src/**",
  "tests/integration/api-types.test.ts",
  "tests/integration/compiled-start.test.ts",
  "tests/integration/data-dir-permissions.test.ts",
  "tests/integration/jobs-outage.test.ts",
  "tests/integration/question-bank.test.ts",
  "tests/integration/sandbox-start.test.ts",
];
const onRealServers = Boolean(process.env.DATABASE_URL || process.env.REDIS_URL);

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "web/src/**/*.test.{ts,tsx}"],
    exclude: [...configDefaults.exclude, ...(onRealServers ? SERVER_INDEPENDENT : [])],
    pool: "forks",
    // the embedded database every test file starts from (migrated and seeded once)
    globalSetup: ["tests/global-setup.ts"],
    // A worker runs its files one after another in one process (modules, PGlite's compiled WebAssembly
    // and the transpiled sources loaded once): the files share no state but what they create themselves.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each integration file opens its own embedded database; two at a time fits a 2-core machine.
    maxWorkers: 2,
  },
});

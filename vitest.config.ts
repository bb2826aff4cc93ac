import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "web/src/**/*.test.{ts,tsx}"],
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

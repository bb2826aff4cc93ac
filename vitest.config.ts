import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "web/src/**/*.test.{ts,tsx}"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each integration file opens its own embedded database; two at a time fits a 2-core machine.
    maxWorkers: 2,
  },
});

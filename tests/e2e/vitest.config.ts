// The browser suite: one real server on the embedded defaults, one Chromium, steps in order.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    // the dashboard's build, then the suite's migrated and seeded DATA_DIR each server starts from
    globalSetup: ["tests/e2e/global-setup.ts", "tests/global-setup.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

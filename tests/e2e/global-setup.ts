// Builds the dashboard once before the browser suite, so it always tests the current sources.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const result = spawnSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
    { cwd: root, stdio: "inherit" },
  );
  if (result.status !== 0) throw new Error("building the dashboard failed");
}

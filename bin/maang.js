#!/usr/bin/env node
// Runs the compiled CLI in dist/ when it was built from the current src/ (`npm install` and `npm start`
// build it; see docs/decisions/0006-compiled-start-up.md); otherwise the TypeScript through tsx's loader,
// which transpiles at start. MAANG_RUN_FROM_SOURCE=1 forces the latter.
import { freshDistEntry } from "./server-build.mjs";

const compiled = process.env.MAANG_RUN_FROM_SOURCE === "1" ? undefined : freshDistEntry();
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}

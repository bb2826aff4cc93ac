#!/usr/bin/env node
// Runs the compiled CLI in dist/ when it was built from the current src/ (`npm install` and `npm start`
// build it; see docs/decisions/0006-compiled-start-up.md); otherwise the TypeScript through tsx's loader,
// which transpiles at start. MAANG_RUN_FROM_SOURCE=1 forces the latter.
import { freshDistEntry } from "./server-build.mjs";

// The code runner service loads its own small entry point (none of the server's modules).
const entry = process.argv[2] === "runner" ? "runner/main" : "cli/main";
const compiled = process.env.MAANG_RUN_FROM_SOURCE === "1" ? undefined : freshDistEntry(entry);
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(`../src/${entry}.ts`);
}

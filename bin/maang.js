#!/usr/bin/env node
// Runs the compiled CLI in dist/ when it was built from the current src/ (`npm install` and `npm start`
// build it; see docs/decisions/0006-compiled-start-up.md); otherwise the TypeScript through tsx's loader,
// which transpiles at start. MAANG_RUN_FROM_SOURCE=1 forces the latter.
import module from "node:module";
import { freshDistEntry } from "./server-build.mjs";

// Node 22.1+ keeps compiled code of every module on disk between starts (the production image's Node);
// on Node 20 this does not exist and nothing changes. A cache it cannot write is skipped, never an error.
module.enableCompileCache?.();

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

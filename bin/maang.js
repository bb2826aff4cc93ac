#!/usr/bin/env node
// Runs the compiled CLI when dist/ was built from the current src/ (`npm install` and `npm start` build it;
// see docs/decisions/0006-compiled-start-up.md): dist/maang.cjs, the CLI and its packages in one file, with
// V8's code cache (bin/code-cache.mjs); otherwise the TypeScript through tsx's loader, which transpiles at
// start. MAANG_RUN_FROM_SOURCE=1 forces the latter; MAANG_BUNDLE=off runs dist/'s one file per module instead.
import module from "node:module";
import { runBundle } from "./code-cache.mjs";
import { BUNDLE, freshBuild } from "./server-build.mjs";

// Node 22.1+ keeps compiled code of every module it loads on disk between starts (the production image's
// Node): the packages outside the bundle, and everything when the bundle is not used. A cache it cannot
// write is skipped, never an error.
module.enableCompileCache?.();

// The code runner service loads its own small entry point (none of the server's modules).
const entry = process.argv[2] === "runner" ? "runner/main" : "cli/main";
const built = process.env.MAANG_RUN_FROM_SOURCE === "1" ? {} : freshBuild(entry);
const bundleHash = entry === "cli/main" && process.env.MAANG_BUNDLE !== "off" ? built.bundleHash : undefined;
if (bundleHash) {
  const command = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
  runBundle(BUNDLE, { bundleHash, command });
} else if (built.entry) {
  await import(built.entry);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(`../src/${entry}.ts`);
}

#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so there is no separate build step for the server.
import { register } from "tsx/esm/api";

register();
// The code runner service loads its own small entry point (none of the server's modules).
if (process.argv[2] === "runner") await import("../src/runner/main.ts");
else await import("../src/cli/main.ts");

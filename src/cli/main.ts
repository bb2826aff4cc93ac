// `maang`: one entry point for the server, the worker, the MCP server and every admin task.
import { Command } from "commander";
import { registerAdaptiveCommands } from "./commands/adaptive.js";
import { registerDatabaseCommands } from "./commands/database.js";
import { registerImportCommands } from "./commands/import.js";
import { registerInterviewCommands } from "./commands/interview.js";
import { registerMcpCommand } from "./commands/mcp.js";
import { registerMemoryCommands } from "./commands/memory.js";
import { registerRunnerCommand } from "./commands/runner.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTrackingCommands } from "./commands/tracking.js";
import { registerUserCommands } from "./commands/user.js";
import { registerWorkerCommand } from "./commands/worker.js";

const program = new Command("maang")
  .description("Maang-Tracker: interview preparation tracker, reviews, mock interviews, AI mentor, MCP server")
  .option("--json", "print machine-readable JSON")
  .showHelpAfterError("(run `maang --help` for usage)")
  .configureOutput({ outputError: (message, write) => write(message) });

registerServeCommand(program);
registerDatabaseCommands(program);
registerImportCommands(program);
registerMcpCommand(program);
registerUserCommands(program);
registerMemoryCommands(program);
registerTrackingCommands(program);
registerWorkerCommand(program);
registerInterviewCommands(program);
registerRunnerCommand(program);
registerAdaptiveCommands(program);

// no top-level await: dist/maang.cjs (the bundle bin/maang.js runs) is CommonJS
program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// `maang runner` loads only this: the runner command and what it needs, not the server's modules (database,
// cache, LLM clients), so it starts in a moment and holds nothing it does not use.
import { Command } from "commander";
import { registerRunnerCommand } from "../cli/commands/runner.js";

const program = new Command("maang").showHelpAfterError("(run `maang runner --help` for usage)");
registerRunnerCommand(program);
await program.parseAsync(process.argv);

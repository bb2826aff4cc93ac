// maang user create
import type { Command } from "commander";
import { createUser, publicUser } from "../../services/user-service.js";
import { action, output, withContext } from "../runtime.js";

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("manage accounts");
  user
    .command("create")
    .description("create an account")
    .requiredOption("--email <email>", "login email")
    .requiredOption("--password <password>", `password (at least 8 characters)`)
    .option("--name <name>", "display name")
    .option("--timezone <tz>", "IANA timezone, e.g. Europe/Berlin", "UTC")
    .action(
      action(async (opts: { email: string; password: string; name?: string; timezone: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          const created = publicUser(await createUser(ctx.db, opts));
          output(command, created, () => `Created user ${created.email} (id ${created.id}).`);
        });
      }),
    );
}

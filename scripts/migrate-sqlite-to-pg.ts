// Migrates the old platform's SQLite files into the database named by DATABASE_URL (or the embedded one):
//   npx tsx scripts/migrate-sqlite-to-pg.ts maang_data.db interview.db ... [--user EMAIL] [--dry-run]
// The same as `maang import-sqlite`; the logic lives in src/services/legacy-import/.
import { Command } from "commander";
import { registerImportCommands } from "../src/cli/commands/import.js";

const program = new Command("migrate-sqlite-to-pg").option("--json", "print machine-readable JSON");
registerImportCommands(program);
await program.parseAsync([process.argv[0], process.argv[1], "import-sqlite", ...process.argv.slice(2)]);

// `npm run bench -- <name>...` runs bench/<name>.ts (each exports `run(): Promise<void>`); no name runs all.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !["run.ts", "lib.ts"].includes(f))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const requested = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = requested.length > 0 ? requested : available;
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(", ")}`);
    process.exit(2);
  }
}
for (const name of names) {
  console.log(`\n## bench: ${name}`);
  const module = (await import(`./${name}.ts`)) as { run: () => Promise<void> };
  await module.run();
}
process.exit(0);

// `npm run bench -- export-size`: how large the json export of a busy account is, to size IMPORT_MAX_MB
// (POST /api/import must take any export this server writes). The account: 5,000 attempts with notes,
// 300 problem notes, 2,000 memories, 100 conversations of 100 messages (the mentor's long history).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { createAppContext } from "../src/app-context.js";
import { loadSettings } from "../src/config/settings.js";
import { createUser } from "../src/services/accounts/user-service.js";
import { printTable } from "./lib.js";

export async function run(): Promise<void> {
  const settings = loadSettings({
    ...process.env,
    DATA_DIR: process.env.DATABASE_URL ? "./data" : ":memory:",
    LOG_LEVEL: "warn",
  });
  const ctx = await createAppContext({ settings, migrate: true, seed: true });
  try {
    const user = await createUser(ctx.db, {
      email: `export-size-${randomUUID().slice(0, 8)}@bench.example`,
      password: "correct horse battery",
    });
    const id = user.id;
    const note = "Sliding window over the sorted input; the shrink condition was the trap. ".repeat(3);
    await ctx.db.execute(sql`insert into attempts (user_id, problem_id, outcome, minutes, language, notes)
      select ${id}, (select id from problems order by id offset (g % 250) limit 1), 'solved', 25, 'python', ${note}
      from generate_series(1, 5000) g`);
    await ctx.db.execute(sql`insert into problem_notes (user_id, problem_id, body)
      select ${id}, p.id, ${note.repeat(4)} from (select id from problems order by id limit 250) p`);
    await ctx.db.execute(sql`insert into memories (user_id, kind, text, content_hash)
      select ${id}, 'note', ${note} || g, md5(g::text) from generate_series(1, 2000) g`);
    await ctx.db.execute(
      sql`insert into conversations (user_id, title) select ${id}, 'Chat ' || g from generate_series(1, 100) g`,
    );
    await ctx.db.execute(sql`insert into messages (conversation_id, user_id, role, content)
      select c.id, ${id}, case when g % 2 = 0 then 'user' else 'assistant' end, ${note.repeat(2)}
      from conversations c, generate_series(1, 100) g where c.user_id = ${id}`);
    const started = performance.now();
    const file = await ctx.exports.export(id, "json");
    const ms = performance.now() - started;
    const bytes = Buffer.byteLength(file.body as string | Buffer);
    const rows = 5000 + 250 + 2000 + 100 + 10000;
    printTable("json export of a busy account", [
      {
        attempts: 5000,
        memories: 2000,
        messages: 10000,
        "export MB": (bytes / 1048576).toFixed(2),
        "bytes / row": Math.round(bytes / rows),
        "export ms": Math.round(ms),
        IMPORT_MAX_MB: settings.server.importMaxBytes / 1048576,
      },
    ]);
    await ctx.db.execute(sql`delete from users where id = ${id}`);
  } finally {
    await ctx.close();
  }
}

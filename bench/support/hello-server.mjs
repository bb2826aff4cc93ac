// The bare part of the API rows: Fastify hello-world, plain JavaScript (no transpiler), one process.
// Prints {"port": N} once listening; `--exit-after-listen` is unused: start-up is measured to the first 200.
// GET /body answers a fixed JSON text of BARE_BODY_BYTES (default 8,689, the size of the stats body the api
// bench reads), sent as-is like the app's cached stats: the same bare server with the same payload.
import Fastify from "fastify";

const bytes = Number(process.env.BARE_BODY_BYTES ?? 8689);
const filler = "x".repeat(Math.max(0, bytes - 12));
const body = JSON.stringify({ filler }).slice(0, bytes);

const app = Fastify({ logger: false });
app.get("/healthz", async () => ({ status: "ok" }));
app.get("/body", (_request, reply) => reply.type("application/json; charset=utf-8").send(body));
const port = Number(process.argv[2] ?? 0);
await app.listen({ host: "127.0.0.1", port });
console.log(JSON.stringify({ port: app.server.address().port }));

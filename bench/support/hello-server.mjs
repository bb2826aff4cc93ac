// The bare part of the API rows: Fastify hello-world, plain JavaScript (no transpiler), one process.
// Prints {"port": N} once listening; `--exit-after-listen` is unused: start-up is measured to the first 200.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/healthz", async () => ({ status: "ok" }));
const port = Number(process.argv[2] ?? 0);
await app.listen({ host: "127.0.0.1", port });
console.log(JSON.stringify({ port: app.server.address().port }));

// Fallback load generator when `wrk` is not installed: autocannon, but in this separate process.
// argv: <url> <connections> <seconds> <METHOD> [<data file>] — the same data file format as wrk-report.lua.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const [url, connections, seconds, method, dataFile] = process.argv.slice(2);
const lines = dataFile ? readFileSync(dataFile, "utf8").split("\n").filter(Boolean) : [];
let index = 0;
const samples: number[] = [];
const instance = autocannon({
  url: url as string,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: 30,
  requests: [
    {
      method: (method ?? "GET") as "GET",
      setupRequest: (request) => {
        if (lines.length === 0) return request;
        const line = lines[index++ % lines.length] as string;
        const [cookie, body] = line.split("\t");
        const headers: Record<string, string> = { cookie: cookie as string };
        if (body) headers["content-type"] = "application/json";
        return { ...request, headers, ...(body ? { body } : {}) };
      },
    },
  ],
});
instance.on("response", (_c: unknown, _s: number, _b: number, ms: number) => samples.push(ms));
const result = await instance;
samples.sort((a, b) => a - b);
const at = (p: number) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil(p * samples.length) - 1))] ?? 0;
console.log(
  `WRK_JSON ${JSON.stringify({
    requests: samples.length,
    duration_us: result.duration * 1e6,
    socket_errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    p50_us: at(0.5) * 1000,
    p95_us: at(0.95) * 1000,
    p99_us: at(0.99) * 1000,
  })}`,
);
process.exit(0);

// `maang memory …` as scripts run it: real processes, one data folder (or DATABASE_URL), JSON on stdout.
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OfflineEmbedder } from "../../src/memory/offline-embedder.js";
import { uniqueEmail } from "../helpers/context.js";
import { preparedDataDir } from "../helpers/data-dir-template.js";
import { MAANG_BIN } from "../helpers/process.js";

// Each command is a process that opens the database (and, the first time, migrates it): tens of seconds
// on a loaded 2-core machine.
const SLOW = 900_000;
const dataDir = preparedDataDir("maang-memory-cli-");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function maang(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAANG_BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        DATABASE_URL: process.env.DATABASE_URL,
        REDIS_URL: process.env.REDIS_URL,
        EMBEDDING_PROVIDER: "offline",
        LOG_FORMAT: "json",
        ...env,
      } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function json<T>(args: string[], env?: Record<string, string>): Promise<T> {
  const run = await maang([...args, "--json"], env);
  if (run.code !== 0) throw new Error(`maang ${args.join(" ")} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

interface Hit {
  id: number;
  externalId: string | null;
  text: string;
  kind: string;
  createdAt: string;
  score: number;
}

const alice = uniqueEmail("cli-alice");
const bob = uniqueEmail("cli-bob");

describe("maang memory (CLI)", () => {
  it(
    "adds, imports and searches, each user seeing only their own memories",
    async () => {
      for (const email of [alice, bob]) {
        await json(["user", "create", "--email", email, "--password", "correct horse battery"]);
      }
      const added = await json<{ created: { id: number; kind: string }[] }>([
        "memory",
        "add",
        "--user",
        alice,
        "--text",
        "Union find with path compression solved redundant connection.",
        "--kind",
        "fact",
        "--at",
        "2026-11-20T10:00:00Z",
      ]);
      expect(added.created).toMatchObject([{ kind: "fact", embedded: true }]);

      const file = join(dataDir, "memories.jsonl");
      writeFileSync(
        file,
        [
          JSON.stringify({ text: "Dijkstra needs a priority queue; skip stale heap entries.", external_id: "n-1" }),
          JSON.stringify({
            text: "Behavioral: my conflict story is the migration plan.",
            kind: "message",
            created_at: "2026-10-01",
          }),
          "{not json",
          "",
          JSON.stringify({ kind: "note" }),
          JSON.stringify({ text: "Dijkstra needs a priority queue; skip stale heap entries.", external_id: "n-dup" }),
          JSON.stringify({ text: "ok", kind: "diary" }),
        ].join("\n"),
      );
      const run = await maang(["memory", "import", "--user", alice, "--file", file, "--json"]);
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout);
      expect(summary).toMatchObject({ lines: 6, imported: 2, duplicates: 1 });
      expect(summary.invalid).toEqual([
        { line: 3, error: expect.stringMatching(/^not valid JSON/) },
        { line: 5, error: '"text" must be a non-empty string' },
        { line: 7, error: expect.stringMatching(/^"kind" must be one of/) },
      ]);
      // the same text for Bob: stored for him separately
      await json([
        "memory",
        "add",
        "--user",
        bob,
        "--text",
        "Dijkstra needs a priority queue; skip stale heap entries.",
      ]);

      // "PQ" only matches by meaning: the import embedded before the command exited
      const hits = await json<Hit[]>(["memory", "search", "--user", alice, "--query", "PQ", "--limit", "5"]);
      expect(hits.map((h) => h.externalId)).toEqual(["n-1"]);
      expect(Object.keys(hits[0]).sort()).toEqual(["createdAt", "externalId", "id", "kind", "score", "text"]);
      expect(hits[0].score).toBeGreaterThan(0);
      const dsu = await json<Hit[]>(["memory", "search", "--user", alice, "--query", "DSU"]);
      expect(dsu).toMatchObject([{ kind: "fact", createdAt: "2026-11-20T10:00:00.000Z", externalId: null }]);
      const bobs = await json<Hit[]>(["memory", "search", "--user", bob, "--query", "PQ"]);
      expect(bobs).toHaveLength(1);
      expect(bobs[0].id).not.toBe(hits[0].id);
    },
    SLOW,
  );

  it(
    "reindexes a user's memories after a model change, and then has nothing left to do",
    async () => {
      // an OpenAI-compatible endpoint serving the offline embedder's vectors under another model name
      const offline = new OfflineEmbedder();
      const server = createServer((request, response) => {
        let body = "";
        request.on("data", (c) => {
          body += c;
        });
        request.on("end", () => {
          const { input } = JSON.parse(body) as { input: string[] };
          const data = input.map((text, index) => ({ index, embedding: Array.from(offline.embedOne(text)) }));
          response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const env = {
        EMBEDDING_PROVIDER: "openai",
        EMBEDDING_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        EMBEDDING_MODEL: "mini-test",
      };
      try {
        const first = await json<{ embedded: number }>(["memory", "reindex", "--user", alice], env);
        expect(first).toEqual({ model: "openai:mini-test", total: 3, embedded: 3 });
        const hits = await json<Hit[]>(["memory", "search", "--user", alice, "--query", "PQ"], env);
        expect(hits.map((h) => h.externalId)).toEqual(["n-1"]);
        const second = await json<{ embedded: number }>(["memory", "reindex", "--user", alice], env);
        expect(second).toEqual({ model: "openai:mini-test", total: 0, embedded: 0 });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
    SLOW,
  );

  it(
    "fails with one line and exit code 1 for an unknown user or bad options",
    async () => {
      const unknown = await maang(["memory", "search", "--user", "nobody@test.example", "--query", "dp"]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr.trim()).toBe(
        "maang: No user with the email nobody@test.example; create one with `maang user create`.",
      );
      const kind = await maang(["memory", "add", "--user", alice, "--text", "x", "--kind", "diary"]);
      expect(kind.code).toBe(1);
      expect(kind.stderr).toMatch(/--kind must be one of note, fact, message\./);
      const missing = await maang(["memory", "import", "--user", alice, "--file", join(dataDir, "nope.jsonl")]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/Cannot read .*nope\.jsonl/);
    },
    SLOW,
  );

  it(
    "falls back from transformers to the packaged sentence encoder, and says which in the log and in db status",
    async () => {
      const env = { EMBEDDING_PROVIDER: "auto", EMBEDDING_MODEL_DIR: join(dataDir, "no-model-here") };
      const run = await maang(["memory", "search", "--user", alice, "--query", "union find", "--json"], env);
      expect(run.code).toBe(0);
      // alice's memories carry vectors of the offline model: until a reindex, full text finds them
      expect(JSON.parse(run.stdout)).toHaveLength(1);
      const notes = run.stderr.split("\n").filter((l) => l.includes("Universal Sentence Encoder lite"));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/all-MiniLM-L6-v2 did not load.*EMBEDDING_MODEL_DIR/);
      const status = await json<{
        embeddings: { state: string; provider: string; dimensions: number; memoriesWithoutVector: number };
      }>(["db", "status"], env);
      expect(status.embeddings).toMatchObject({ state: "ready", provider: "hybrid", dimensions: 896 });
      expect(status.embeddings.memoriesWithoutVector).toBeGreaterThan(0);
      const text = await maang(["db", "status"], env);
      expect(text.stdout).toMatch(
        /embeddings: hybrid use-lite-en-v1~gloss1\+offline-hash-v1@0\.4 \(896 dimensions, tfjs-wasm/,
      );
      expect(text.stdout).toMatch(/memories without its vector \(run maang memory reindex\)/);
    },
    SLOW,
  );
});

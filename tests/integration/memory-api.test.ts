// /api/memories through the real HTTP stack (Fastify inject), as signed-up users.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createTestContext } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let ctx: AppContext;
let app: App;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  // inline jobs even with Redis: these tests read vectors right after writing and run no worker
  ctx = await createTestContext({ JOBS_MODE: "inline" });
  app = await createTestApp(ctx);
  alice = await signUp(app, { timezone: "Europe/Berlin" });
  bob = await signUp(app);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function call(user: TestUser | undefined, method: "GET" | "POST" | "DELETE", url: string, payload?: unknown) {
  const response = await app.inject({ method, url, payload: payload as object, headers: user?.headers ?? {} });
  return { status: response.statusCode, body: response.body ? response.json() : undefined };
}

describe("memories API", () => {
  it("says in /readyz which embedder serves memory search", async () => {
    await ctx.memory.embeddings.embedder();
    const ready = await call(undefined, "GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.embeddings).toMatchObject({
      state: "ready",
      provider: "offline",
      model: "offline-hash-v1",
      dimensions: 384,
    });
  });

  it("refuses anonymous callers with 401", async () => {
    for (const [method, url] of [
      ["GET", "/api/memories"],
      ["GET", "/api/memories/search?q=dp"],
      ["POST", "/api/memories"],
      ["DELETE", "/api/memories/1"],
    ] as const) {
      const response = await call(undefined, method, url, method === "POST" ? { text: "x" } : undefined);
      expect(response.status, `${method} ${url}`).toBe(401);
      expect(response.body.error.code).toBe("unauthorized");
    }
  });

  it("stores a note (201), skips the same text again (200), and finds it by meaning", async () => {
    const created = await call(alice, "POST", "/api/memories", {
      text: "Kadane's algorithm: keep the best subarray sum ending here; reset when it goes negative.",
      kind: "fact",
    });
    expect(created.status).toBe(201);
    expect(created.body.duplicates).toBe(0);
    expect(created.body.created[0]).toMatchObject({ kind: "fact", source: "api", importance: 0.7 });
    const again = await call(alice, "POST", "/api/memories", {
      text: "kadane's algorithm: keep the best subarray sum ending here; reset when it goes negative.",
    });
    expect(again).toEqual({ status: 200, body: { created: [], duplicates: 1 } });

    await ctx.jobs.drain();
    const found = await call(alice, "GET", "/api/memories/search?q=maximum%20subarray&limit=5");
    expect(found.status).toBe(200);
    expect(found.body.hits.map((h: { id: number }) => h.id)).toEqual([created.body.created[0].id]);
    expect(found.body.model).toBe("offline-hash-v1");
    // Bob has no such memory
    expect((await call(bob, "GET", "/api/memories/search?q=maximum%20subarray")).body.hits).toEqual([]);
  });

  it("reads 'today' in the user's timezone and says which range it used", async () => {
    await call(alice, "POST", "/api/memories", { text: "Practised segment trees for range sums." });
    const found = await call(alice, "GET", "/api/memories/search?q=segment%20trees%20today");
    expect(found.body.hits).toHaveLength(1);
    expect(found.body.timeRange.matched).toBe("today");
    // Berlin midnight is 23:00 or 22:00 UTC
    expect(found.body.timeRange.from).toMatch(/T2[23]:00:00\.000Z$/);
  });

  it("rejects bad input with 400 and a message that says what is wrong", async () => {
    const empty = await call(alice, "POST", "/api/memories", { text: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/text/);
    const unknown = await call(alice, "POST", "/api/memories", { text: "ok", mood: "happy" });
    expect(unknown.status).toBe(400);
    const kind = await call(alice, "POST", "/api/memories", { text: "ok", kind: "summary" });
    expect(kind.status).toBe(400);
    const noQuery = await call(alice, "GET", "/api/memories/search?q=");
    expect(noQuery.status).toBe(400);
    expect(noQuery.body.error.message).toMatch(/q/);
    const limit = await call(alice, "GET", "/api/memories/search?q=dp&limit=1000");
    expect(limit.status).toBe(400);
  });

  it("lists page by page, reads one, and answers 404 for another user's memory", async () => {
    const user = await signUp(app);
    for (const text of ["first note on heaps", "second note on tries", "third note on graphs"]) {
      expect((await call(user, "POST", "/api/memories", { text })).status).toBe(201);
    }
    const page = await call(user, "GET", "/api/memories?limit=2&offset=0");
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.body.items).toHaveLength(2);
    const id = page.body.items[0].id;
    expect((await call(user, "GET", `/api/memories/${id}`)).body.id).toBe(id);
    const foreign = await call(bob, "GET", `/api/memories/${id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe(`No memory ${id}.`);
    expect((await call(bob, "DELETE", `/api/memories/${id}`)).status).toBe(404);
    expect((await call(user, "GET", `/api/memories/${id}`)).status).toBe(200);
  });

  it("deletes one memory, and all of them only with ?confirm=true", async () => {
    const user = await signUp(app);
    const a = await call(user, "POST", "/api/memories", { text: "note about monotonic stacks" });
    await call(user, "POST", "/api/memories", { text: "note about bit tricks" });
    expect((await call(user, "DELETE", `/api/memories/${a.body.created[0].id}`)).status).toBe(204);
    expect((await call(user, "DELETE", `/api/memories/${a.body.created[0].id}`)).status).toBe(404);
    const unconfirmed = await call(user, "DELETE", "/api/memories");
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.message).toMatch(/confirm=true/);
    expect((await call(user, "GET", "/api/memories")).body.total).toBe(1);
    expect(await call(user, "DELETE", "/api/memories?confirm=true")).toEqual({ status: 200, body: { deleted: 1 } });
    expect((await call(user, "GET", "/api/memories")).body.total).toBe(0);
    // Alice's memories are untouched
    expect((await call(alice, "GET", "/api/memories")).body.total).toBeGreaterThan(0);
  });
});

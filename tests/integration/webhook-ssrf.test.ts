// Issue 17, item 5: a reminder webhook cannot be aimed at the server's own network — loopback, private,
// link-local and cloud metadata addresses are refused when the URL is saved and again when a reminder
// is sent (on the address actually connected to), redirects are not followed, and WEBHOOK_ALLOWED_TARGETS
// opens a LAN target on purpose.
import { createServer, type Server } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { reminders, users } from "../../src/database/schema.js";
import { blockedReason } from "../../src/services/shared/webhook-target.js";
import { createTestContext, usingPostgres, usingRedis } from "../helpers/context.js";
import { createTestApp, signUp } from "../helpers/http.js";

const clock = new FakeClock("2026-03-04T10:00:00Z");
let ctx: AppContext;
let app: App;
let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({}, { clock });
  app = await createTestApp(ctx);
  server = createServer((request, response) => {
    hits.push(request.url ?? "");
    request.resume();
    if (request.url === "/redirect") response.writeHead(302, { location: "/target" }).end();
    else response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await app?.close();
  await ctx?.close();
});

const REFUSED = [
  "http://127.0.0.1:9/hook",
  "http://169.254.169.254/latest/meta-data/",
  "http://[::1]/hook",
  "http://0.0.0.0/hook",
  "http://[::ffff:127.0.0.1]/hook",
  "http://[::ffff:a9fe:a9fe]/hook",
  "http://[fd00::1]/hook",
  "http://[fe80::1]/hook",
  "http://10.0.0.5/hook",
  "http://192.168.1.20/hook",
  "http://localhost:8080/hook",
  "http://2130706433/hook",
];

/** Saves `url` behind the API's back (as an import or an old row could), then sends one due reminder. */
async function sendReminderTo(url: string): Promise<string | null> {
  const user = await signUp(app);
  await ctx.db.update(users).set({ webhookUrl: url }).where(eq(users.id, user.id));
  clock.set("2026-03-04T10:00:00Z");
  const {
    items: [interview],
  } = await ctx.schedule.schedule(user.id, "UTC", { at: new Date("2026-03-05T15:00:00Z") });
  clock.set("2026-03-04T15:00:30Z");
  await ctx.notifications.sendDueReminders();
  const rows = await ctx.db.select().from(reminders).where(eq(reminders.scheduledInterviewId, interview.id));
  const sent = rows.find((r) => r.kind === "24h");
  expect(sent?.sentAt).not.toBeNull();
  return sent?.error ?? null;
}

describe(`webhook targets on ${usingPostgres ? "PostgreSQL" : "PGlite"} + ${usingRedis ? "Redis" : "memory cache"}`, () => {
  it.each(REFUSED)("refuses to save %s as the webhook URL", async (webhookUrl) => {
    const user = await signUp(app);
    const response = await app.inject({
      method: "PATCH",
      url: "/api/me/settings",
      headers: user.headers,
      payload: { webhookUrl },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toMatch(/webhookUrl/);
  });

  it.each(["http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/", "http://localhost:8080/hook"])(
    "refuses to import %s as the webhook URL, with the settings' message, and imports nothing",
    async (webhookUrl) => {
      const source = await signUp(app);
      const exported = await app.inject({ method: "GET", url: "/api/export?format=json", headers: source.headers });
      expect(exported.statusCode).toBe(200);
      const doc = exported.json();
      doc.profile.webhookUrl = webhookUrl;
      const target = await signUp(app);
      const byImport = await app.inject({ method: "POST", url: "/api/import", headers: target.headers, payload: doc });
      expect(byImport.statusCode, byImport.body).toBe(400);
      const bySettings = await app.inject({
        method: "PATCH",
        url: "/api/me/settings",
        headers: target.headers,
        payload: { webhookUrl },
      });
      expect(byImport.json().error.message).toBe(bySettings.json().error.message);
      const [row] = await ctx.db.select({ webhookUrl: users.webhookUrl }).from(users).where(eq(users.id, target.id));
      expect(row.webhookUrl).toBeNull();
    },
  );

  it("classifies IPv4-mapped, NAT64 and 6to4 forms by the IPv4 address inside", () => {
    expect(blockedReason("::ffff:169.254.169.254")).toMatch(/metadata/);
    expect(blockedReason("64:ff9b::7f00:1")).toMatch(/loopback/);
    expect(blockedReason("2002:c0a8:0101::1")).toMatch(/private/);
    expect(blockedReason("93.184.216.34")).toBeUndefined();
    expect(blockedReason("2606:4700::1111")).toBeUndefined();
  });

  it("does not post to a loopback address at send time, whether written as an address or a name", async () => {
    hits.length = 0;
    expect(await sendReminderTo(`http://127.0.0.1:${port}/hook`)).toMatch(
      /webhook: 127\.0\.0\.1 is a loopback address/,
    );
    expect(await sendReminderTo(`http://localhost:${port}/hook`)).toMatch(/loopback address/);
    expect(hits).toEqual([]);
  });
});

describe("WEBHOOK_ALLOWED_TARGETS", () => {
  let allowed: AppContext;
  beforeAll(async () => {
    allowed = await createTestContext({ WEBHOOK_ALLOWED_TARGETS: "127.0.0.1" }, { clock });
  });
  afterAll(async () => {
    await allowed?.close();
  });

  it("lets a listed LAN target receive reminders, and follows no redirect", async () => {
    const user = await allowed.users.signup({
      email: `lan-${Date.now()}@test.example`,
      password: "correct horse battery",
    });
    const saved = await allowed.users.updateSettings(user.id, { webhookUrl: `http://127.0.0.1:${port}/redirect` });
    expect(saved.webhookUrl).toContain("/redirect");
    hits.length = 0;
    clock.set("2026-03-04T10:00:00Z");
    const {
      items: [interview],
    } = await allowed.schedule.schedule(user.id, "UTC", { at: new Date("2026-03-05T15:00:00Z") });
    clock.set("2026-03-04T15:00:30Z");
    await allowed.notifications.sendDueReminders();
    expect(hits).toEqual(["/redirect"]);
    const rows = await allowed.db.select().from(reminders).where(eq(reminders.scheduledInterviewId, interview.id));
    expect(rows.find((r) => r.kind === "24h")?.error).toBe("webhook: HTTP 302 redirect (not followed)");
  });
});

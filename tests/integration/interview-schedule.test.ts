// Scheduling and reminders on a fake clock, default slots per timezone, and a mock interview end to end.
import { createServer as createHttpServer, type Server } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { notifications, reminders, users } from "../../src/database/schema.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { defaultSlot } from "../../src/services/schedule/schedule-service.js";
import { createTestContext, uniqueEmail } from "../helpers/context.js";

describe("default slot", () => {
  // Wednesday 2026-03-04 10:00 UTC
  const now = new Date("2026-03-04T10:00:00Z");
  it("is next Friday 15:00 in Asia/Kolkata (09:30 UTC)", () => {
    expect(defaultSlot(now, "Asia/Kolkata").toISOString()).toBe("2026-03-06T09:30:00.000Z");
  });
  it("is next Friday 15:00 in America/Los_Angeles (23:00 UTC, PST)", () => {
    expect(defaultSlot(now, "America/Los_Angeles").toISOString()).toBe("2026-03-06T23:00:00.000Z");
  });
  it("follows daylight saving time: after 8 March Los Angeles is UTC-7", () => {
    expect(defaultSlot(new Date("2026-03-10T10:00:00Z"), "America/Los_Angeles").toISOString()).toBe(
      "2026-03-13T22:00:00.000Z",
    );
  });
  it("takes the following week once Friday 15:00 has passed", () => {
    expect(defaultSlot(new Date("2026-03-06T10:00:00Z"), "Asia/Kolkata").toISOString()).toBe(
      "2026-03-13T09:30:00.000Z",
    );
  });
});

describe("reminders", () => {
  const clock = new FakeClock("2026-03-04T10:00:00Z");
  let ctx: AppContext;
  let second: AppContext;
  let userId: number;

  beforeAll(async () => {
    ctx = await createTestContext({}, { clock });
    // a second context (a second worker) on the same database when it is a real server
    second = process.env.DATABASE_URL ? await createTestContext({}, { clock }) : ctx;
    userId = (
      await createUser(ctx.db, { email: uniqueEmail("remind"), password: "correct horse", timezone: "Asia/Kolkata" })
    ).id;
  }, 60_000);
  afterAll(async () => {
    if (second !== ctx) await second.close();
    await ctx.close();
  });

  it("sends exactly one reminder of each kind, even with two sweeps at once", async () => {
    const {
      items: [interview],
    } = await ctx.schedule.schedule(userId, "Asia/Kolkata", {});
    expect(interview.scheduledAt).toBe("2026-03-06T09:30:00.000Z");
    const rows = await ctx.db.select().from(reminders).where(eq(reminders.scheduledInterviewId, interview.id));
    expect(rows.map((r) => r.kind).sort()).toEqual(["1h", "24h", "5m"]);

    clock.set("2026-03-05T09:31:00Z"); // 24 h reminder due
    // The shared database may hold other tests' due reminders: count this user's notifications.
    const mine = async () => (await ctx.db.select().from(notifications).where(eq(notifications.userId, userId))).length;
    await Promise.all([ctx.notifications.sendDueReminders(), second.notifications.sendDueReminders()]);
    expect(await mine()).toBe(1);
    clock.set("2026-03-06T09:26:00Z"); // 1 h and 5 min due
    await Promise.all([ctx.notifications.sendDueReminders(), second.notifications.sendDueReminders()]);
    expect(await mine()).toBe(3);
    await Promise.all([ctx.notifications.sendDueReminders(), second.notifications.sendDueReminders()]);
    expect(await mine()).toBe(3);
    const after = await ctx.db.select().from(reminders).where(eq(reminders.scheduledInterviewId, interview.id));
    expect(after.every((r) => r.sentAt !== null && r.error === null)).toBe(true);

    const sent = await ctx.db.select().from(notifications).where(eq(notifications.userId, userId));
    expect(sent).toHaveLength(3);
    expect(sent.map((n) => n.title).sort()).toEqual([
      "Your coding mock interview starts in 1 hour",
      "Your coding mock interview starts in 24 hours",
      "Your coding mock interview starts in 5 minutes",
    ]);
  });

  it("creates only future reminders, and a cancelled series sends nothing", async () => {
    clock.set("2026-03-10T10:00:00Z");
    const { items: series } = await ctx.schedule.schedule(userId, "Asia/Kolkata", {
      weeks: 3,
      at: new Date("2026-03-10T10:30:00Z"),
    });
    expect(series.map((s) => s.difficulty)).toEqual(["easy", "medium", "hard"]);
    const first = await ctx.db.select().from(reminders).where(eq(reminders.scheduledInterviewId, series[0].id));
    expect(first.map((r) => r.kind)).toEqual(["5m"]);
    const { cancelled } = await ctx.schedule.cancel(userId, series[1].id, "series");
    expect([...cancelled].sort((a, b) => a - b)).toEqual([series[1].id, series[2].id]);
    clock.set("2026-03-10T10:26:00Z");
    const before = (await ctx.db.select().from(notifications).where(eq(notifications.userId, userId))).length;
    await ctx.notifications.sendDueReminders();
    const later = await ctx.db.select().from(reminders).where(eq(reminders.scheduledInterviewId, series[2].id));
    expect(later).toHaveLength(0);
    // only the first interview's 5-minute reminder; the cancelled ones lost theirs
    expect(await ctx.db.select().from(reminders).where(eq(reminders.scheduledInterviewId, series[1].id))).toHaveLength(
      0,
    );
    const sent = await ctx.db.select().from(notifications).where(eq(notifications.userId, userId));
    expect(sent.length - before).toBe(1);
  });
});

describe("webhook reminders", () => {
  const clock = new FakeClock("2026-03-04T10:00:00Z");
  let ctx: AppContext;
  let server: Server;
  let received: unknown[] = [];
  let failNext = false;

  beforeAll(async () => {
    // the test's receiver listens on loopback, which webhooks may reach only when listed
    ctx = await createTestContext({ WEBHOOK_ALLOWED_TARGETS: "127.0.0.1" }, { clock });
    server = createHttpServer((request, response) => {
      let body = "";
      request.on("data", (c) => {
        body += c;
      });
      request.on("end", () => {
        received.push(JSON.parse(body));
        response.writeHead(failNext ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await ctx.close();
  });

  it("posts Slack/Discord-compatible JSON once, and records a failure without retrying", async () => {
    const port = (server.address() as { port: number }).port;
    const user = await createUser(ctx.db, { email: uniqueEmail("hook"), password: "correct horse", timezone: "UTC" });
    await ctx.db
      .update(users)
      .set({ webhookUrl: `http://127.0.0.1:${port}/hook` })
      .where(eq(users.id, user.id));
    const {
      items: [interview],
    } = await ctx.schedule.schedule(user.id, "UTC", { at: new Date("2026-03-06T15:00:00Z") });
    clock.set("2026-03-05T15:00:30Z");
    received = [];
    await ctx.notifications.sendDueReminders();
    const mine = received.filter((r) => JSON.stringify(r).includes("24 hours"));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({
      text: expect.stringContaining("starts in 24 hours"),
      content: expect.stringContaining("starts in 24 hours"),
    });

    failNext = true;
    clock.set("2026-03-06T14:00:30Z");
    await ctx.notifications.sendDueReminders();
    await ctx.notifications.sendDueReminders();
    const rows = await ctx.db.select().from(reminders).where(eq(reminders.scheduledInterviewId, interview.id));
    expect(rows.find((r) => r.kind === "1h")?.error).toBe("webhook: HTTP 500");
    expect(received.filter((r) => JSON.stringify(r).includes("1 hour"))).toHaveLength(1);
    // the in-app notification still arrived
    const list = await ctx.notifications.list(user.id);
    expect(list.total).toBe(2);
  });
});

describe("a coding mock interview", () => {
  let ctx: AppContext;
  let userId: number;
  beforeAll(async () => {
    ctx = await createTestContext();
    userId = (await createUser(ctx.db, { email: uniqueEmail("mock"), password: "correct horse" })).id;
  }, 60_000);
  afterAll(() => ctx.close());

  it("grades submissions, counts hints and writes a report with a band", async () => {
    const session = await ctx.interviews.startSession(userId, { mode: "coding", question: "two-sum" });
    expect(session.question.content).not.toHaveProperty("hints");
    const wrong = await ctx.interviews.submitCode(userId, session.id, {
      language: "js",
      code: "var twoSum = () => [0, 0];",
    });
    expect(wrong.verdict).toBe("wrong_answer");
    const hint = await ctx.interviews.nextHint(userId, session.id);
    expect(hint.number).toBe(1);
    const right = await ctx.interviews.submitCode(userId, session.id, {
      language: "python",
      code: "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n        for i, n in enumerate(nums):\n            if target - n in seen:\n                return [seen[target - n], i]\n            seen[n] = i\n",
    });
    expect(right.verdict).toBe("accepted");
    const done = await ctx.interviews.finishSession(userId, session.id);
    expect(done.status).toBe("finished");
    expect(done.report?.tests).toEqual({ passed: 6, total: 6, verdict: "accepted" });
    expect(done.report?.hintsUsed).toBe(1);
    expect(done.report?.complexity?.time).toBe("O(n)");
    expect(done.report?.rubric.band).toMatch(/hire/);
    await expect(ctx.interviews.submitCode(userId, session.id, { language: "js", code: "x" })).rejects.toThrow(
      /finished/,
    );
  }, 60_000);
});

// In-app notifications, and the reminder sweep that turns due reminder rows into notifications and webhook
// posts. Each reminder is claimed with `UPDATE … WHERE sent_at IS NULL RETURNING`, so with any number of
// workers sweeping at once it is sent exactly once; a webhook failure is recorded, never retried.
import { and, asc, count, desc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import type { Database } from "../../config/database.js";
import type { Logger } from "../../config/logger.js";
import { notifications, reminders, scheduledInterviews, users } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";
import type { NotificationView } from "../accounts/contract.js";
import { type PageRequest, pageBounds } from "../shared/page.js";
import { postWebhook, WebhookTargetPolicy } from "../shared/webhook-target.js";

export const WEBHOOK_TIMEOUT_MS = 5_000;
const SWEEP_BATCH = 200;

/** A notification as the API shows it: dates as ISO strings, no user id. */
function notificationOf(row: typeof notifications.$inferSelect): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export interface NotificationDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** where webhooks may go (WEBHOOK_ALLOWED_TARGETS); public addresses only when absent */
  webhookTargets?: WebhookTargetPolicy;
}

export interface SweepReport {
  claimed: number;
  notified: number;
  webhooksSent: number;
  webhookErrors: number;
  skipped: number;
}

const KIND_TEXT: Record<string, string> = { "24h": "in 24 hours", "1h": "in 1 hour", "5m": "in 5 minutes" };

export class NotificationService {
  constructor(private readonly deps: NotificationDeps) {}

  async notify(userId: number, input: { kind: string; title: string; body?: string }) {
    const [row] = await this.deps.db
      .insert(notifications)
      .values({
        userId,
        kind: input.kind,
        title: input.title,
        body: input.body ?? "",
        createdAt: this.deps.clock.now(),
      })
      .returning();
    return row;
  }

  async list(userId: number, options: PageRequest & { unread?: boolean } = {}) {
    const { limit, offset } = pageBounds(options);
    const where = and(eq(notifications.userId, userId), options.unread ? isNull(notifications.readAt) : undefined);
    const [items, [{ total }], [{ unread }]] = await Promise.all([
      this.deps.db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit)
        .offset(offset),
      this.deps.db.select({ total: count() }).from(notifications).where(where),
      this.deps.db
        .select({ unread: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
    ]);
    return { items: items.map(notificationOf), total, unread, limit, offset };
  }

  async markRead(userId: number, id: number) {
    const [row] = await this.deps.db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${this.deps.clock.now()})` })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .returning();
    if (!row) throw new NotFoundError(`No notification ${id}.`);
    return notificationOf(row);
  }

  async markAllRead(userId: number) {
    const rows = await this.deps.db
      .update(notifications)
      .set({ readAt: this.deps.clock.now() })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { marked: rows.length };
  }

  /** Sends every reminder that is due now and not yet claimed. Safe to run concurrently. */
  async sendDueReminders(): Promise<SweepReport> {
    const now = this.deps.clock.now();
    const report: SweepReport = { claimed: 0, notified: 0, webhooksSent: 0, webhookErrors: 0, skipped: 0 };
    for (;;) {
      const due = await this.deps.db
        .select({ id: reminders.id })
        .from(reminders)
        .where(and(isNull(reminders.sentAt), lte(reminders.dueAt, now)))
        .orderBy(asc(reminders.dueAt))
        .limit(SWEEP_BATCH);
      for (const { id } of due) await this.sendReminder(id, now, report);
      // every row of a batch leaves the due set (claimed here or by another worker), so this ends
      if (due.length < SWEEP_BATCH) return report;
    }
  }

  private async sendReminder(id: number, now: Date, report: SweepReport): Promise<void> {
    const [claimed] = await this.deps.db
      .update(reminders)
      .set({ sentAt: now })
      .where(and(eq(reminders.id, id), isNull(reminders.sentAt)))
      .returning();
    if (!claimed) return; // another worker got it
    report.claimed++;
    const [row] = await this.deps.db
      .select({ interview: scheduledInterviews, webhookUrl: users.webhookUrl, timezone: users.timezone })
      .from(scheduledInterviews)
      .innerJoin(users, eq(users.id, scheduledInterviews.userId))
      .where(eq(scheduledInterviews.id, claimed.scheduledInterviewId));
    if (row?.interview.status !== "scheduled" || row.interview.scheduledAt.getTime() <= now.getTime()) {
      await this.deps.db
        .update(reminders)
        .set({ error: "skipped: the interview is no longer upcoming" })
        .where(eq(reminders.id, id));
      report.skipped++;
      return;
    }
    const { title, body } = reminderText(claimed.kind, row.interview, row.timezone);
    await this.notify(claimed.userId, { kind: "interview_reminder", title, body });
    report.notified++;
    if (row.webhookUrl) {
      const error = await this.postWebhook(row.webhookUrl, `${title}\n${body}`);
      if (error) {
        report.webhookErrors++;
        await this.deps.db
          .update(reminders)
          .set({ error: `webhook: ${error}` })
          .where(eq(reminders.id, id));
      } else report.webhooksSent++;
    }
  }

  /** Slack reads `text`, Discord reads `content`: one body serves both. Returns an error message or null. */
  private async postWebhook(url: string, text: string): Promise<string | null> {
    const policy = this.deps.webhookTargets ?? new WebhookTargetPolicy();
    const error = await postWebhook(policy, url, { text, content: text }, WEBHOOK_TIMEOUT_MS);
    if (error) this.deps.logger.warn({ error }, "reminder webhook failed");
    return error;
  }
}

function reminderText(kind: string, interview: typeof scheduledInterviews.$inferSelect, timezone: string) {
  const when = new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(interview.scheduledAt);
  const what = [interview.difficulty, interview.mode.replace("_", " "), "mock interview"].filter(Boolean).join(" ");
  return {
    title: `Your ${what} starts ${KIND_TEXT[kind] ?? "soon"}`,
    body: `${when}, ${interview.durationMinutes} minutes${interview.company ? `, ${interview.company}` : ""}${interview.role ? ` (${interview.role})` : ""}.`,
  };
}

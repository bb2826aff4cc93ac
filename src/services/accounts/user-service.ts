// Accounts: signup, login (argon2id; legacy bcrypt hashes are upgraded at login), logout, `me`, password
// change, account deletion and per-user settings. Sessions and API tokens live in their own services.
import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Cache } from "../../cache/cache.js";
import { cacheKeys } from "../../cache/cache.js";
import type { Clock } from "../../config/clock.js";
import { type Database, type Queryable, queryRows } from "../../config/database.js";
import type { Logger } from "../../config/logger.js";
import { apiTokens, topics, type User, users } from "../../database/schema.js";
import { BadRequestError, ConflictError, NotFoundError, UnauthorizedError } from "../../errors.js";
import { WebhookTargetPolicy } from "../shared/webhook-target.js";
import {
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_TIMEZONE_LENGTH,
  type PublicUser,
  SETTINGS_LIMITS,
} from "./contract.js";
import type { SessionService } from "./session-service.js";

export const MIN_PASSWORD_LENGTH = 8;
export type { PublicUser };
export { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, SETTINGS_LIMITS };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const LOGIN_FAILED_MESSAGE = "Email or password is incorrect.";

/** A user as the API shows it: never the password hash. */
export function publicUser(user: User): PublicUser {
  const {
    id,
    email,
    name,
    timezone,
    dailyNewLimit,
    targetRetention,
    weeklyHours,
    interviewDate,
    focusTopic,
    webhookUrl,
    blindMode,
    createdAt,
  } = user;
  return {
    id,
    email,
    name,
    timezone,
    dailyNewLimit,
    // real (float4) columns come back as e.g. 0.8999999761581421
    targetRetention: Math.round(targetRetention * 1e4) / 1e4,
    weeklyHours: Math.round(weeklyHours * 1e4) / 1e4,
    interviewDate,
    focusTopic,
    webhookUrl,
    blindMode,
    createdAt: createdAt.toISOString(),
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validateEmail(email: string): void {
  if (email.length > MAX_EMAIL_LENGTH)
    throw new BadRequestError(`The email is too long: at most ${MAX_EMAIL_LENGTH} characters.`);
  if (!EMAIL.test(normaliseEmail(email))) throw new BadRequestError(`"${email}" is not an email address.`);
}

export function validatePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new BadRequestError(`The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new BadRequestError(`The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`);
}

export function validateCredentials(email: string, password: string): void {
  validateEmail(email);
  validatePassword(password);
}

/** True for names the runtime knows (`Europe/Berlin`, `UTC`, …); `Mars/Olympus` is not one. */
export function isValidTimezone(timezone: string): boolean {
  if (!timezone || timezone.length > MAX_TIMEZONE_LENGTH) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export function validateTimezone(timezone: string): void {
  if (!isValidTimezone(timezone))
    throw new BadRequestError(`"${timezone}" is not an IANA timezone; use a name such as Europe/Berlin or UTC.`);
}

export function hashPassword(password: string): Promise<string> {
  // 2 = Algorithm.Argon2id (an ambient const enum, which isolatedModules cannot read)
  return hash(password, { algorithm: 2 as never });
}

export function verifyArgon2(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Checks a password against a stored hash of either algorithm. */
export async function verifyPassword(user: Pick<User, "passwordHash" | "passwordAlgo">, password: string) {
  if (user.passwordAlgo === "bcrypt") return bcrypt.compare(password, user.passwordHash).catch(() => false);
  return verifyArgon2(user.passwordHash, password);
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return user;
}

export async function createUser(
  db: Queryable,
  input: { email: string; password: string; name?: string; timezone?: string },
): Promise<User> {
  validateCredentials(input.email, input.password);
  const timezone = input.timezone ?? "UTC";
  validateTimezone(timezone);
  const name = input.name?.trim() ?? "";
  if (name.length > MAX_NAME_LENGTH)
    throw new BadRequestError(`The name is too long: at most ${MAX_NAME_LENGTH} characters.`);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ email, passwordHash, name, timezone })
    .onConflictDoNothing()
    .returning();
  if (!created) throw new ConflictError(`An account with the email ${email} already exists; log in instead.`);
  return created;
}

export interface SettingsPatch {
  name?: string;
  timezone?: string;
  dailyNewLimit?: number;
  targetRetention?: number;
  weeklyHours?: number;
  interviewDate?: string | null;
  focusTopic?: string | null;
  webhookUrl?: string | null;
  /** hide difficulty, rating and topics until an attempt is logged (services/adaptive/blind-mode.ts) */
  blindMode?: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface AccountSummary {
  id: number;
  email: string;
  name: string;
  createdAt: Date;
}

export class UserService {
  /** A real argon2id hash, verified when the email is unknown so both failures take the same time. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly deps: {
      db: Database;
      cache: Cache;
      clock: Clock;
      logger: Logger;
      sessions: SessionService;
      /** where webhooks may go (WEBHOOK_ALLOWED_TARGETS); public addresses only when absent */
      webhookTargets?: WebhookTargetPolicy;
    },
  ) {}

  async signup(input: { email: string; password: string; name?: string; timezone?: string }): Promise<User> {
    return createUser(this.deps.db, input);
  }

  /** Checks the credentials; a wrong email and a wrong password fail the same way. */
  async login(email: string, password: string): Promise<User> {
    const user = email.length <= MAX_EMAIL_LENGTH ? await findUserByEmail(this.deps.db, email) : undefined;
    if (!user) {
      this.dummyHash ??= hashPassword("not a real password, only for timing");
      await verifyArgon2(await this.dummyHash, password);
      throw new UnauthorizedError(LOGIN_FAILED_MESSAGE);
    }
    if (!(await verifyPassword(user, password))) throw new UnauthorizedError(LOGIN_FAILED_MESSAGE);
    if (user.passwordAlgo !== "argon2id") return this.upgradeHash(user, password);
    return user;
  }

  /** Accounts imported from the old platform carry bcrypt hashes: replace them at the first good login. */
  private async upgradeHash(user: User, password: string): Promise<User> {
    const passwordHash = await hashPassword(password);
    const [updated] = await this.deps.db
      .update(users)
      .set({ passwordHash, passwordAlgo: "argon2id", updatedAt: this.deps.clock.now() })
      .where(eq(users.id, user.id))
      .returning();
    this.deps.logger.info({ userId: user.id }, "upgraded a legacy bcrypt password hash to argon2id");
    return updated ?? user;
  }

  async me(userId: number): Promise<User> {
    const [user] = await this.deps.db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new NotFoundError("This account no longer exists.");
    return user;
  }

  async changePassword(
    userId: number,
    input: { currentPassword: string; newPassword: string; keepSessionId?: string },
  ): Promise<{ sessionsRevoked: number; tokensRevoked: number }> {
    const user = await this.me(userId);
    if (!(await verifyPassword(user, input.currentPassword)))
      throw new BadRequestError("The current password is incorrect.");
    validatePassword(input.newPassword);
    const passwordHash = await hashPassword(input.newPassword);
    const now = this.deps.clock.now();
    const result = await this.deps.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash, passwordAlgo: "argon2id", updatedAt: now })
        .where(eq(users.id, userId));
      const sessionsRevoked = await this.deps.sessions.revokeAll(userId, {
        exceptSessionId: input.keepSessionId,
        db: tx,
      });
      // A password change is what a user does when they fear a leak: every API token ends with it too.
      const tokens = await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      return { sessionsRevoked, tokensRevoked: tokens.length };
    });
    // again after the commit: a lookup during the transaction may have cached a session or token anew
    await this.forgetCaches(userId);
    return result;
  }

  /** Deletes the account and, through the foreign keys' ON DELETE CASCADE, everything it owns. */
  async deleteAccount(userId: number, password: string): Promise<void> {
    const user = await this.me(userId);
    if (!(await verifyPassword(user, password)))
      throw new BadRequestError("The password is incorrect; the account was not deleted.");
    await this.deps.db.delete(users).where(eq(users.id, userId));
    await this.forgetCaches(userId);
  }

  /** Deletes an account without a password (administrators, through the CLI). */
  async deleteByEmail(email: string): Promise<AccountSummary> {
    const user = await findUserByEmail(this.deps.db, email);
    if (!user) throw new NotFoundError(`No account with the email ${normaliseEmail(email)}.`);
    await this.deps.db.delete(users).where(eq(users.id, user.id));
    await this.forgetCaches(user.id);
    return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
  }

  async list(options: { limit?: number; offset?: number } = {}): Promise<AccountSummary[]> {
    return this.deps.db
      .select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })
      .from(users)
      .orderBy(asc(users.id))
      .limit(options.limit ?? 1000)
      .offset(options.offset ?? 0);
  }

  async byEmail(email: string): Promise<User> {
    const user = await findUserByEmail(this.deps.db, email);
    if (!user) throw new NotFoundError(`No account with the email ${normaliseEmail(email)}.`);
    return user;
  }

  async updateSettings(userId: number, patch: SettingsPatch): Promise<User> {
    const values = await this.validateSettings(patch);
    if (Object.keys(values).length === 0) return this.me(userId);
    const [updated] = await this.deps.db
      .update(users)
      .set({ ...values, updatedAt: this.deps.clock.now() })
      .where(eq(users.id, userId))
      .returning();
    if (!updated) throw new NotFoundError("This account no longer exists.");
    // The timezone is part of the cached auth identity, and settings feed cached stats and plans.
    await this.forgetCaches(userId);
    return updated;
  }

  private async validateSettings(patch: SettingsPatch): Promise<Partial<typeof users.$inferInsert>> {
    const values: Partial<typeof users.$inferInsert> = {};
    if (patch.name !== undefined) {
      const name = patch.name.trim();
      if (name.length > MAX_NAME_LENGTH)
        throw new BadRequestError(`The name is too long: at most ${MAX_NAME_LENGTH} characters.`);
      values.name = name;
    }
    if (patch.timezone !== undefined) {
      validateTimezone(patch.timezone);
      values.timezone = patch.timezone;
    }
    if (patch.dailyNewLimit !== undefined) {
      const { min, max } = SETTINGS_LIMITS.dailyNewLimit;
      if (!Number.isInteger(patch.dailyNewLimit) || patch.dailyNewLimit < min || patch.dailyNewLimit > max)
        throw new BadRequestError(`dailyNewLimit must be a whole number from ${min} to ${max}.`);
      values.dailyNewLimit = patch.dailyNewLimit;
    }
    if (patch.targetRetention !== undefined) {
      const { min, max } = SETTINGS_LIMITS.targetRetention;
      if (!(patch.targetRetention >= min && patch.targetRetention <= max))
        throw new BadRequestError(`targetRetention must be between ${min} and ${max} (0.9 = recall 90 % when due).`);
      values.targetRetention = patch.targetRetention;
    }
    if (patch.weeklyHours !== undefined) {
      const { min, max } = SETTINGS_LIMITS.weeklyHours;
      if (!(patch.weeklyHours >= min && patch.weeklyHours <= max))
        throw new BadRequestError(`weeklyHours must be between ${min} and ${max}.`);
      values.weeklyHours = patch.weeklyHours;
    }
    if (patch.interviewDate !== undefined) {
      if (patch.interviewDate !== null && !isCalendarDate(patch.interviewDate))
        throw new BadRequestError(`interviewDate "${patch.interviewDate}" is not a date: use YYYY-MM-DD.`);
      values.interviewDate = patch.interviewDate;
    }
    if (patch.blindMode !== undefined) values.blindMode = patch.blindMode;
    if (patch.focusTopic !== undefined) {
      if (patch.focusTopic !== null) {
        const [topic] = await this.deps.db
          .select({ id: topics.id })
          .from(topics)
          .where(eq(topics.id, patch.focusTopic));
        if (!topic) {
          const known = await this.deps.db.select({ id: topics.id }).from(topics).orderBy(asc(topics.position));
          throw new BadRequestError(
            `focusTopic "${patch.focusTopic}" is not a topic; use one of: ${known.map((t) => t.id).join(", ")}.`,
          );
        }
      }
      values.focusTopic = patch.focusTopic;
    }
    if (patch.webhookUrl !== undefined) {
      if (patch.webhookUrl !== null) await checkWebhookUrl(patch.webhookUrl, this.deps.webhookTargets);
      values.webhookUrl = patch.webhookUrl;
    }
    return values;
  }

  /** Whether the user owns any data beyond the account itself (an import needs an empty account). */
  async hasData(userId: number, db: Queryable = this.deps.db): Promise<boolean> {
    const [row] = await queryRows<{ any: boolean }>(
      db,
      sql`
      select exists (select 1 from attempts where user_id = ${userId})
          or exists (select 1 from problem_notes where user_id = ${userId})
          or exists (select 1 from review_cards where user_id = ${userId})
          or exists (select 1 from weakness_snapshots where user_id = ${userId})
          or exists (select 1 from study_plans where user_id = ${userId})
          or exists (select 1 from interview_sessions where user_id = ${userId})
          or exists (select 1 from scheduled_interviews where user_id = ${userId})
          or exists (select 1 from conversations where user_id = ${userId})
          or exists (select 1 from memories where user_id = ${userId})
          or exists (select 1 from problems where owner_user_id = ${userId}) as any`,
    );
    return Boolean(row?.any);
  }

  private async forgetCaches(userId: number): Promise<void> {
    await this.deps.sessions.forgetUser(userId);
    try {
      await this.deps.cache.invalidateTags(cacheKeys.userTag(userId));
    } catch (error) {
      this.deps.logger.warn({ err: error }, "cache invalidation failed");
    }
  }
}

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The save-time check of a webhook URL, wherever one is stored (settings, an import): its form, then
 * where it points (WEBHOOK_ALLOWED_TARGETS; public addresses only without it). The send-time check
 * still applies, for names that resolve differently later.
 */
export async function checkWebhookUrl(value: string, targets: WebhookTargetPolicy = new WebhookTargetPolicy()) {
  validateWebhookUrl(value);
  await targets.checkUrl(new URL(value));
}

export function validateWebhookUrl(value: string): void {
  if (value.length > SETTINGS_LIMITS.webhookUrlLength)
    throw new BadRequestError(`webhookUrl is too long: at most ${SETTINGS_LIMITS.webhookUrlLength} characters.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadRequestError(`webhookUrl "${value}" is not a URL; use one starting with https:// or http://.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new BadRequestError(`webhookUrl must start with https:// or http:// (got ${url.protocol}//).`);
}

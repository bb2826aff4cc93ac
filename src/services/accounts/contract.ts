// The accounts use cases' contract, written once: signing up and in, the account and its settings,
// password, sessions, API tokens and in-app notifications — what they accept, what they return (dates as
// ISO strings, never a password hash or a token's hash) and their limits. The REST routes and the CLI use
// these; the services keep what zod cannot say (an email not taken, a timezone that exists, the password right).
import { z } from "zod";
import { recordIdParams } from "../../config/input-limits.js";
import { MAX_WEEKLY_HOURS } from "../roadmap/contract.js";
import { pageOf, pageRequest } from "../shared/pagination.js";

export const MAX_PASSWORD_LENGTH = 256;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 100;
/** IANA names are under 40 characters (America/Argentina/ComodRivadavia is the longest). */
export const MAX_TIMEZONE_LENGTH = 64;
export const MAX_TOPIC_ID_LENGTH = 64;
export const MAX_TOKEN_NAME_LENGTH = 100;
export const MAX_TOKENS_PER_USER = 100;
export const SETTINGS_LIMITS = {
  dailyNewLimit: { min: 0, max: 100 },
  targetRetention: { min: 0.7, max: 0.99 },
  weeklyHours: { min: 0, max: MAX_WEEKLY_HOURS },
  webhookUrlLength: 2048,
} as const;

const tooLong = (max: number) => `is too long (at most ${max} characters)`;

// ---- inputs -------------------------------------------------------------------------------------------

const email = z.string().min(1, "is required").max(MAX_EMAIL_LENGTH, tooLong(MAX_EMAIL_LENGTH));
const password = z.string().min(1, "is required").max(MAX_PASSWORD_LENGTH, tooLong(MAX_PASSWORD_LENGTH));

export const loginInput = z.object({ email, password }).strict();

export const signupInput = z
  .object({
    email,
    password,
    name: z.string().max(MAX_NAME_LENGTH, tooLong(MAX_NAME_LENGTH)).optional(),
    timezone: z
      .string()
      .max(MAX_TIMEZONE_LENGTH, tooLong(MAX_TIMEZONE_LENGTH))
      .optional()
      .describe("IANA, e.g. Europe/Paris"),
  })
  .strict();

const { dailyNewLimit, targetRetention, weeklyHours, webhookUrlLength } = SETTINGS_LIMITS;

export const settingsInput = z
  .object({
    name: z.string().max(MAX_NAME_LENGTH, tooLong(MAX_NAME_LENGTH)),
    timezone: z.string().min(1, "is required").max(MAX_TIMEZONE_LENGTH, tooLong(MAX_TIMEZONE_LENGTH)),
    dailyNewLimit: z
      .number()
      .int("must be a whole number")
      .min(dailyNewLimit.min, `is at least ${dailyNewLimit.min}`)
      .max(dailyNewLimit.max, `is at most ${dailyNewLimit.max}`),
    targetRetention: z
      .number()
      .min(targetRetention.min, `is at least ${targetRetention.min}`)
      .max(targetRetention.max, `is at most ${targetRetention.max}`),
    weeklyHours: z
      .number()
      .min(weeklyHours.min, `is at least ${weeklyHours.min}`)
      .max(weeklyHours.max, `is at most ${weeklyHours.max}`),
    interviewDate: z.string().max(10, "must be a date, YYYY-MM-DD").nullable(),
    focusTopic: z.string().max(MAX_TOPIC_ID_LENGTH, tooLong(MAX_TOPIC_ID_LENGTH)).nullable(),
    webhookUrl: z.string().max(webhookUrlLength, tooLong(webhookUrlLength)).nullable(),
    blindMode: z.boolean(),
  })
  .partial()
  .strict();

export const changePasswordInput = z.object({ currentPassword: password, newPassword: password }).strict();
export const deleteAccountInput = z.object({ password }).strict();
export const sessionIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, "is not a session id") }).strict();

export const createTokenInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "is required")
      .max(MAX_TOKEN_NAME_LENGTH, tooLong(MAX_TOKEN_NAME_LENGTH))
      .describe("what the token is for, e.g. claude-desktop"),
  })
  .strict();
export const tokenIdParams = recordIdParams;

export const notificationsInput = z
  .object({ unread: z.stringbool().optional().describe("only unread ones"), ...pageRequest })
  .strict();

// ---- outputs (dates as ISO strings) ------------------------------------------------------------------

export const publicUserView = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  timezone: z.string(),
  dailyNewLimit: z.number().int(),
  targetRetention: z.number(),
  weeklyHours: z.number(),
  interviewDate: z.string().nullable(),
  focusTopic: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  blindMode: z.boolean(),
  createdAt: z.string(),
});
export const userEnvelope = z.object({ user: publicUserView });
export const meView = userEnvelope.extend({
  via: z.enum(["session", "token"]).describe("how this request was signed in"),
});

export const passwordChanged = z.object({
  sessionsRevoked: z.number().int().describe("your other sessions, logged out"),
  tokensRevoked: z.number().int(),
});

export const sessionInfoView = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export const sessionsView = z.object({ sessions: z.array(sessionInfoView.extend({ current: z.boolean() })) });

export const tokenInfoView = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe("the token's first characters, to recognise it"),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const tokensView = z.object({ tokens: z.array(tokenInfoView) });
export const createdTokenView = z.object({
  token: tokenInfoView.extend({ token: z.string().describe("the token: shown this once, never stored") }),
});

export const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationPage = pageOf(notificationView).extend({ unread: z.number().int() });
export const markedAllRead = z.object({ marked: z.number().int() });

export type PublicUser = z.infer<typeof publicUserView>;
export type TokenInfo = z.infer<typeof tokenInfoView>;
export type SessionInfo = z.infer<typeof sessionInfoView>;
export type NotificationView = z.infer<typeof notificationView>;

// Accounts: creating users and checking passwords. (Sessions, tokens and settings build on this.)
import { hash, verify } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import type { Queryable } from "../config/database.js";
import { type User, users } from "../database/schema.js";
import { BadRequestError, ConflictError } from "../errors.js";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type PublicUser = Pick<
  User,
  | "id"
  | "email"
  | "name"
  | "timezone"
  | "dailyNewLimit"
  | "targetRetention"
  | "weeklyHours"
  | "interviewDate"
  | "focusTopic"
  | "createdAt"
>;

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
    createdAt,
  } = user;
  return {
    id,
    email,
    name,
    timezone,
    dailyNewLimit,
    targetRetention,
    weeklyHours,
    interviewDate,
    focusTopic,
    createdAt,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validateCredentials(email: string, password: string): void {
  if (!EMAIL.test(normaliseEmail(email))) throw new BadRequestError(`"${email}" is not an email address.`);
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new BadRequestError(`The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new BadRequestError(`The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`);
}

export function hashPassword(password: string): Promise<string> {
  // 2 = Algorithm.Argon2id (an ambient const enum, which isolatedModules cannot read)
  return hash(password, { algorithm: 2 as never });
}

export function verifyArgon2(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
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
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ email, passwordHash, name: input.name?.trim() ?? "", timezone: input.timezone ?? "UTC" })
    .onConflictDoNothing()
    .returning();
  if (!created) throw new ConflictError(`An account with the email ${email} already exists; log in instead.`);
  return created;
}

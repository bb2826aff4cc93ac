// The per-user settings the learning services read (timezone, limits, retention, hours, dates).
import { eq } from "drizzle-orm";
import type { Queryable } from "../../config/database.js";
import { users } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";

export interface Learner {
  id: number;
  email: string;
  timezone: string;
  dailyNewLimit: number;
  targetRetention: number;
  weeklyHours: number;
  interviewDate: string | null;
  focusTopic: string | null;
}

export async function loadLearner(db: Queryable, userId: number): Promise<Learner> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      timezone: users.timezone,
      dailyNewLimit: users.dailyNewLimit,
      targetRetention: users.targetRetention,
      weeklyHours: users.weeklyHours,
      interviewDate: users.interviewDate,
      focusTopic: users.focusTopic,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new NotFoundError(`No user with id ${userId}.`);
  return row;
}

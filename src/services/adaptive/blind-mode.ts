// Blind mode (a user setting): a problem's difficulty, rating and topics stay hidden until the learner has
// logged an attempt of it, so that recognising the pattern is part of the practice. Every view that shows a
// problem the learner has not attempted passes through `hideUnattempted`; the export does not (it is the
// user's own data, complete).
import { eq } from "drizzle-orm";
import type { Queryable } from "../../config/database.js";
import { users } from "../../database/schema.js";

export async function isBlind(db: Queryable, userId: number | null): Promise<boolean> {
  if (userId === null) return false;
  const [row] = await db.select({ blind: users.blindMode }).from(users).where(eq(users.id, userId));
  return row?.blind ?? false;
}

export interface RevealableProblem {
  difficulty: string | null;
  rating: number | null;
  topics: unknown[];
}

/** The view with difficulty, rating and topics blanked, and `hidden: true` so a client can say why. */
export function hideUnattempted<T extends RevealableProblem>(
  view: T,
  blind: boolean,
  attempted: boolean,
): T & { hidden: boolean } {
  if (!blind || attempted) return { ...view, hidden: false };
  return { ...view, difficulty: null, rating: null, topics: [], hidden: true };
}

// Interview statistics per mode: sessions, finished, scores, hints, accepted coding sessions and bands.
import { and, eq, sql } from "drizzle-orm";
import { INTERVIEW_MODES } from "../../config/constants.js";
import type { Database } from "../../config/database.js";
import { interviewSessions } from "../../database/schema.js";

export async function interviewStats(db: Database, userId: number) {
  const rows = await db
    .select({
      mode: interviewSessions.mode,
      sessions: sql<number>`count(*)`.mapWith(Number),
      finished: sql<number>`count(*) filter (where ${interviewSessions.status} <> 'active')`.mapWith(Number),
      averageScore: sql<number | null>`round(avg(${interviewSessions.score})::numeric, 1)`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
      bestScore: sql<number | null>`max(${interviewSessions.score})`,
      averageHints: sql<
        number | null
      >`round(avg(${interviewSessions.hintsUsed}) filter (where ${interviewSessions.status} <> 'active'), 2)`.mapWith(
        (v) => (v === null ? null : Number(v)),
      ),
      accepted:
        sql<number>`count(*) filter (where ${interviewSessions.report}->'tests'->>'verdict' = 'accepted')`.mapWith(
          Number,
        ),
    })
    .from(interviewSessions)
    .where(eq(interviewSessions.userId, userId))
    .groupBy(interviewSessions.mode);
  const bands = await db
    .select({
      mode: interviewSessions.mode,
      band: sql<string>`${interviewSessions.report}->'rubric'->>'band'`,
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(interviewSessions)
    .where(and(eq(interviewSessions.userId, userId), sql`${interviewSessions.report} is not null`))
    .groupBy(interviewSessions.mode, sql`${interviewSessions.report}->'rubric'->>'band'`);
  return {
    modes: INTERVIEW_MODES.map((mode) => {
      const r = rows.find((x) => x.mode === mode);
      return {
        mode,
        sessions: r?.sessions ?? 0,
        finished: r?.finished ?? 0,
        averageScore: r?.averageScore ?? null,
        bestScore: r?.bestScore ?? null,
        averageHints: r?.averageHints ?? null,
        ...(mode === "coding" ? { accepted: r?.accepted ?? 0 } : {}),
        bands: Object.fromEntries(bands.filter((b) => b.mode === mode).map((b) => [b.band, b.n])),
      };
    }),
  };
}

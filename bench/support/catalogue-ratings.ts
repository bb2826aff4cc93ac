// The benches that log attempts move catalogue problem ratings (a problem's first attempts refine it once it
// stops being provisional); they read them first and put them back at the end in one statement, so a
// database shared with the test suite keeps its seeded ratings.
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "../../src/config/database.js";

export interface CatalogueRating {
  id: number;
  rating: number | null;
  deviation: number | null;
  source: string | null;
  rated: number;
}

export function catalogueRatings(db: Database): Promise<CatalogueRating[]> {
  return queryRows<CatalogueRating>(
    db,
    sql`select id, rating, rating_deviation as deviation, rating_source as source, rated_attempts as rated
          from problems where owner_user_id is null`,
  );
}

/** One statement (2,780 single-row updates took minutes on a loaded machine). */
export async function restoreCatalogueRatings(db: Database, ratings: CatalogueRating[]): Promise<void> {
  await db.execute(
    sql`update problems p set rating = v.rating, rating_deviation = v.deviation, rating_source = v.source,
               rated_attempts = v.rated
          from unnest(${sql.param(ratings.map((r) => r.id))}::int[], ${sql.param(ratings.map((r) => r.rating))}::float8[],
                      ${sql.param(ratings.map((r) => r.deviation))}::float8[], ${sql.param(ratings.map((r) => r.source))}::text[],
                      ${sql.param(ratings.map((r) => r.rated))}::int[]) as v(id, rating, deviation, source, rated)
         where p.id = v.id`,
  );
}

// The glossary as a list of memory search: a question that names a glossary entry (a problem, an employer,
// an interview or study term) finds the memories that name the same entry by another of its names — "LCA"
// finds "lowest common ancestor", "time limit exceeded" finds "TLE", "online assessment" finds "OA" — which
// neither full text (other words) nor the hash embedder (whose vocabulary lacks most of these) can.
import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "../config/database.js";
import { GLOSSES, namedEntries } from "./glossary.js";

/** Memories naming the entries, read to check (a name in more memories than this says little). */
const GLOSSARY_LIST_ROWS = 200;

/** The ids of the user's memories (within `where`) that name one of `entries`, newest first. */
export async function memoriesNaming(db: Database, where: SQL, entries: number[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const names = entries.flatMap((entry) => GLOSSES[entry].names);
  const query = sql.join(
    names.map((name) => sql`phraseto_tsquery('english', ${name})`),
    sql` || `,
  );
  const rows = await queryRows<{ id: number; text: string }>(
    db,
    sql`select m.id, m.text from memories m where ${where} and m.tsv @@ (${query})
        order by m.created_at desc, m.id desc limit ${GLOSSARY_LIST_ROWS}`,
  );
  // full text matches stems and phrases loosely; the name must really be there, as the glossary reads it
  return rows
    .filter((row) => namedEntries(row.text).some((entry) => entries.includes(entry)))
    .map((row) => Number(row.id));
}

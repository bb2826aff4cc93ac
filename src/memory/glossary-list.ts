// The glossary as a ranked list of memory search: a question in everyday words ("the store that forgets
// whatever was used longest ago") is close, for the sentence encoder, to the plain-English gloss of the name
// it describes ("LRU Cache": "a fixed-size store that evicts ..."), much closer than to a note that only
// names the problem. So the question is compared with every gloss, and the memories that name one of the
// nearest glosses' entries are ranked by that closeness. The gloss vectors are computed once per process.
import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "../config/database.js";
import type { Embedder, MeaningPart } from "./embedding-service.js";
import { GLOSSES, namedEntries } from "./glossary.js";

/** The nearest glosses a question is expanded with (3 and 8 measured worse or no better: decision 0003). */
export const GLOSSARY_LIST_ENTRIES = 5;
/** Cosine (sentence-encoder part) from which a gloss counts as near. */
export const GLOSSARY_LIST_FLOOR = 0.4;
const GLOSS_BATCH = 8;
/** Memories naming the chosen entries, read to rank (a name in more memories than this says little). */
const GLOSSARY_LIST_ROWS = 200;

export interface GlossaryHit {
  id: number;
  /** cosine of the question with the nearest gloss this memory names */
  similarity: number;
}

/**
 * The gloss vectors of one sentence encoder, computed in the background when first asked for; until they
 * are ready the list is empty (search never waits for them).
 */
export class GlossaryVectors {
  private vectors: Float32Array[] | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly encoder: Pick<Embedder, "embed">) {}

  /** Starts the computation (about 6 s for 400 glosses with USE-lite) and resolves when it is done. */
  ready(): Promise<void> {
    this.loading ??= this.compute().then(
      (vectors) => {
        this.vectors = vectors;
      },
      (error: unknown) => {
        this.loading = undefined; // a later search tries again
        throw error;
      },
    );
    return this.loading;
  }

  // Small batches with a turn of the event loop between them: a server computing these right after start
  // keeps answering requests (a batch of 8 holds the thread ≈ 100 ms; all 400 glosses take ≈ 8 s).
  private async compute(): Promise<Float32Array[]> {
    const texts = GLOSSES.map((g) => g.gloss);
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += GLOSS_BATCH) {
      for (const v of await this.encoder.embed(texts.slice(i, i + GLOSS_BATCH))) out.push(unit(v));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  }

  /** The vectors when computed; otherwise undefined, and the computation is started. */
  now(): Float32Array[] | undefined {
    if (!this.vectors) this.ready().catch(() => {});
    return this.vectors;
  }
}

/** The glossary entries nearest to a question vector's sentence-encoder part, nearest first. */
export function nearestEntries(
  vectors: Float32Array[],
  question: Float32Array,
  meaning: MeaningPart,
): { entry: number; similarity: number }[] {
  const part = unit(question.subarray(meaning.offset - 1, meaning.offset - 1 + meaning.dimensions));
  return vectors
    .map((v, entry) => ({ entry, similarity: dot(v, part) }))
    .filter((e) => e.similarity >= GLOSSARY_LIST_FLOOR)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, GLOSSARY_LIST_ENTRIES);
}

/** The user's memories that name one of `entries`, by the closeness of the nearest entry they name. */
export async function memoriesNaming(
  db: Database,
  where: SQL,
  entries: { entry: number; similarity: number }[],
): Promise<GlossaryHit[]> {
  if (entries.length === 0) return [];
  const names = entries.flatMap((e) => GLOSSES[e.entry].names);
  const query = sql.join(
    names.map((name) => sql`phraseto_tsquery('english', ${name})`),
    sql` || `,
  );
  const rows = await queryRows<{ id: number; text: string }>(
    db,
    sql`select m.id, m.text from memories m where ${where} and m.tsv @@ (${query})
        order by m.created_at desc, m.id desc limit ${GLOSSARY_LIST_ROWS}`,
  );
  const closeness = new Map(entries.map((e) => [e.entry, e.similarity]));
  const hits: GlossaryHit[] = [];
  for (const row of rows) {
    // full text matches stems and phrases loosely; the name must really be there, as the glossary reads it
    const best = Math.max(...namedEntries(row.text).map((entry) => closeness.get(entry) ?? -1));
    if (best >= GLOSSARY_LIST_FLOOR) hits.push({ id: Number(row.id), similarity: best });
  }
  return hits.sort((a, b) => b.similarity - a.similarity || b.id - a.id);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(v, (x) => x / norm);
}

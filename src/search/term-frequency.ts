// How common a search term is, from PostgreSQL's own statistics of the search-term column (the
// most common elements ANALYZE keeps, with their frequencies). Search uses it to send a rare word
// straight to the index instead of first walking the newest items looking for it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface TermFrequencies {
  /** Share of items holding each common term. */
  common: Map<string, number>;
  /** Every term not listed is rarer than this. */
  below: number;
}

/** Statistics change slowly; they are read again after this long. */
const REFRESH_MS = 10 * 60_000;
const cache = new WeakMap<object, { at: number; value: TermFrequencies | null }>();

/** Null until the table has been analysed (a new or small database). */
export async function termFrequencies(db: Kysely<Database>): Promise<TermFrequencies | null> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < REFRESH_MS) return hit.value;
  const { rows } = await sql<{ elems: string[] | null; freqs: number[] | null }>`
    SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
    FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'feedback' AND attname = 'search_terms'`.execute(db);
  let value: TermFrequencies | null = null;
  const row = rows[0];
  if (row?.elems && row.freqs && row.elems.length > 0) {
    // The last three frequencies are the minimum, the maximum and the share of empty arrays.
    const freqs = row.freqs.map(Number);
    const common = new Map(row.elems.map((e, i) => [e, freqs[i]] as const));
    value = { common, below: freqs[row.elems.length + 0] ?? Math.min(...common.values()) };
  }
  cache.set(db, { at: Date.now(), value });
  return value;
}

/** The largest share of items that can hold all these terms: the rarest term's share. */
export function estimateShare(terms: string[], f: TermFrequencies): number {
  return Math.min(...terms.map((t) => f.common.get(t) ?? f.below));
}

/** Reads the statistics afresh on the next search (after ANALYZE, or in tests). */
export function forgetTermFrequencies(db: Kysely<Database>): void {
  cache.delete(db);
}

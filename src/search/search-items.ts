// /fb search: items whose text contains every word typed, newest first, a page at a time. The GIN
// index on search terms finds candidates; the folded text is checked for each whole word, so a
// bigram match that is not the word ("物流" when only "物" and "流" occur apart) is dropped.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { shortIdOf } from '../items/item-row.js';
import { maskText } from '../privacy/mask.js';
import { searchWordOf } from './search-terms.js';

export interface SearchHit {
  id: string; shortId: string; createdAt: Date; channel: string; topic: string; state: string; customerId: string;
  /** Masked (again, in case something stored before masking rules grew). */
  text: string;
}

export interface SearchPage { hits: SearchHit[]; page: number; hasMore: boolean }

export const SEARCH_LIMITS = { pageSize: 10, maxPage: 100, maxWords: 8, maxWordChars: 50 } as const;

export async function searchItems(db: Kysely<Database>, words: string[], page = 1, pageSize: number = SEARCH_LIMITS.pageSize): Promise<SearchPage> {
  const parsed = words.map(searchWordOf).filter((w) => w.needle.length > 0);
  if (parsed.length === 0) return { hits: [], page, hasMore: false };
  const terms = [...new Set(parsed.flatMap((w) => w.terms))];
  const likes = parsed.map((w) => sql`lower(normalize(text, NFKC)) LIKE ${`%${escapeLike(w.needle)}%`}`);
  const where = sql.join([...(terms.length > 0 ? [sql`search_terms @> ${sql.val(terms)}::text[]`] : []), ...likes], sql` AND `);
  const { rows } = await sql<{ id: string; seq: number; created_at: Date; channel: string; topic: string; state: string; customer_id: string; text: string }>`
    SELECT id, seq, created_at, channel, topic, state, customer_id, text FROM feedback
    WHERE ${where}
    ORDER BY created_at DESC, seq DESC
    LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`.execute(db);
  return {
    page,
    hasMore: rows.length > pageSize,
    hits: rows.slice(0, pageSize).map((r) => ({
      id: r.id, shortId: shortIdOf(r.seq), createdAt: new Date(r.created_at), channel: r.channel, topic: r.topic, state: r.state,
      customerId: r.customer_id, text: maskText(r.text),
    })),
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

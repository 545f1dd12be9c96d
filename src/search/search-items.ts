// /fb search: items whose text contains every word typed, newest first, a page at a time.
// Two ways to a page, so both common and rare words stay fast at any table size:
//  1. Walk the newest items backwards by created_at, checking each: a common word fills a page
//     after a few dozen rows, and the walk stops there.
//  2. When the newest few thousand items do not fill the page, the word is rare: the GIN index
//     on search terms finds every candidate and only those are sorted.
// Each candidate's folded text is checked for each whole word, so a bigram match that is not the
// word ("物流" when only "物" and "流" occur apart) is dropped.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { shortIdOf } from '../items/item-row.js';
import { maskText } from '../privacy/mask.js';
import { searchWordOf } from './search-terms.js';
import { estimateShare, termFrequencies } from './term-frequency.js';

export interface SearchHit {
  id: string; shortId: string; createdAt: Date; channel: string; topic: string; state: string; customerId: string;
  /** Masked (again, in case something stored before masking rules grew). */
  text: string;
}

export interface SearchPage { hits: SearchHit[]; page: number; hasMore: boolean }

export const SEARCH_LIMITS = { pageSize: 10, maxPage: 100, maxWords: 8, maxWordChars: 50 } as const;
/**
 * How many of the newest items the first way walks before handing over to the index: enough for a
 * word in about one item of 400 to fill the page asked for (deeper pages walk further), few
 * enough that a rare word loses only a few milliseconds here.
 */
const WINDOW = { min: 4_000, perWantedRow: 200, max: 50_000 } as const;
/** A word in fewer items than this share (by the database's statistics) goes straight to the index. */
const RARE_SHARE = 0.002;

type HitRow = { id: string; seq: number; created_at: Date; channel: string; topic: string; state: string; customer_id: string; text: string };

export async function searchItems(db: Kysely<Database>, words: string[], page = 1, pageSize: number = SEARCH_LIMITS.pageSize): Promise<SearchPage> {
  const parsed = words.map(searchWordOf).filter((w) => w.needle.length > 0);
  if (parsed.length === 0) return { hits: [], page, hasMore: false };
  const terms = [...new Set(parsed.flatMap((w) => w.terms))];
  const textHasAll = sql.join(parsed.map((w) => sql`lower(normalize(text, NFKC)) LIKE ${`%${escapeLike(w.needle)}%`}`), sql` AND `);
  // The cheap array test first; the text is folded only for rows that pass it.
  const matches: RawBuilder<unknown> = terms.length > 0 ? sql`CASE WHEN search_terms @> ${sql.val(terms)}::text[] THEN ${textHasAll} ELSE false END` : textHasAll;
  const wanted = pageSize + 1;
  const offset = (page - 1) * pageSize;
  const columns = sql`id, seq, created_at, channel, topic, state, customer_id, text`;
  let window = Math.min(WINDOW.max, Math.max(WINDOW.min, (offset + wanted) * WINDOW.perWantedRow));
  const frequencies = terms.length > 0 ? await termFrequencies(db) : null;
  if (frequencies) {
    // Known to be rare: no walk. Known to be common: walk about three times as far as it should need.
    const share = estimateShare(terms, frequencies);
    window = share < RARE_SHARE ? 0 : Math.min(WINDOW.max, Math.max(200, Math.ceil(((offset + wanted) / share) * 3)));
  }

  // 1. The newest items, walked in order; the outer LIMIT stops the walk as soon as the page is full.
  let rows: HitRow[] = [];
  if (window > 0) {
    const recent = await sql<HitRow>`
      SELECT ${columns} FROM (
        SELECT ${columns}, search_terms FROM feedback ORDER BY created_at DESC, seq DESC LIMIT ${window}
      ) newest WHERE ${matches} LIMIT ${wanted} OFFSET ${offset}`.execute(db);
    rows = recent.rows;
  }
  if (rows.length < wanted) {
    // 2. Too few among the newest: every candidate from the index, then sorted. The sort key is an
    // expression so that the planner cannot choose to walk the created_at index for a rare word.
    const all = await sql<HitRow>`
      SELECT ${columns} FROM feedback WHERE ${terms.length > 0 ? sql`search_terms @> ${sql.val(terms)}::text[] AND ` : sql``}${textHasAll}
      ORDER BY created_at + interval '0 seconds' DESC, seq DESC LIMIT ${wanted} OFFSET ${offset}`.execute(db);
    rows = all.rows;
  }
  rows.sort((a, b) => +new Date(b.created_at) - +new Date(a.created_at) || b.seq - a.seq);
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

// Hourly statistics rollups kept current by the database itself, and a word index for search.
// Forward-only.
//
// Rollups: every change to feedback appends its effect to stats_deltas in the same transaction
// (a statement trigger, so one group-commit batch adds one aggregated insert). Deltas are only
// ever inserted, never updated: concurrent intake batches and card actions touch no shared row.
// A compactor folds them into stats_hourly now and then; readers add the two, so numbers are
// exact at every moment. Each measure is counted at the UTC hour of its own moment: received and
// negative at created_at, responded at first_response_at, resolved at resolved_at, closed at
// closed_at. Dimensions: all, topic, channel, kind, priority, sentiment, agent (the assignee).
//
// Search: Chinese has no spaces, so words are found inside text by its Han bigrams ("物流很慢" →
// 物流, 流很, 很慢) and Latin words by themselves, kept in a generated array with a GIN index.
// pg_trgm does not fit: a two-character Chinese word yields no trigram to look up.
import { sql, type Kysely } from 'kysely';

const MEASURES = ['received', 'negative', 'responded', 'response_secs', 'response_late', 'resolved', 'resolve_secs', 'resolve_late', 'closed'];
const measureColumns = MEASURES.map((m) => `${m} ${m.endsWith('_secs') ? 'bigint' : 'integer'} NOT NULL DEFAULT 0`).join(',\n     ');
const sums = MEASURES.map((m) => `sum(${m})`).join(', ');
const nonZero = MEASURES.map((m) => `sum(${m}) <> 0`).join(' OR ');
const CONTRIB_ARGS = `n.created_at, n.first_response_at, n.resolved_at, n.closed_at, n.response_due_at, n.resolve_due_at,
  n.sentiment, n.topic, n.channel, n.kind, n.priority, n.assignee_id`;

/** One aggregated insert of the contributions of the rows in the given transition tables, each times its sign. */
function deltaInsert(parts: { table: string; sign: number }[]): string {
  const union = parts.map((p) => `SELECT c.* FROM ${p.table} n, LATERAL feedback_stats_contrib(${p.sign}, ${CONTRIB_ARGS}) c`).join(' UNION ALL ');
  return `INSERT INTO stats_deltas (hour, dim, val, ${MEASURES.join(', ')})
    SELECT hour, dim, val, ${sums} FROM (${union}) x GROUP BY hour, dim, val HAVING ${nonZero};`;
}

/**
 * The body of an item's contribution: one row per moment it counts at (arrival, first response,
 * resolution, closing) and per dimension, each measure times sign; `at` is what the moment is
 * reported as (here its UTC hour; migration 012 reads the moment itself).
 */
export function contributionSelect(at: string): string {
  return `     SELECT ${at}, d.dim, d.val,
            sign * e.received, sign * e.negative, sign * e.responded, sign * e.response_secs, sign * e.response_late,
            sign * e.resolved, sign * e.resolve_secs, sign * e.resolve_late, sign * e.closed
     FROM (VALUES
       (created_at, 1, (sentiment = 'negative')::int, 0, 0::bigint, 0, 0, 0::bigint, 0, 0),
       (first_response_at, 0, 0, 1, greatest(0, extract(epoch FROM first_response_at - created_at))::bigint,
          (first_response_at > response_due_at)::int, 0, 0::bigint, 0, 0),
       (resolved_at, 0, 0, 0, 0::bigint, 0, 1, greatest(0, extract(epoch FROM resolved_at - created_at))::bigint,
          (resolved_at > resolve_due_at)::int, 0),
       (closed_at, 0, 0, 0, 0::bigint, 0, 0, 0::bigint, 0, 1)
     ) AS e(at, received, negative, responded, response_secs, response_late, resolved, resolve_secs, resolve_late, closed)
     CROSS JOIN (VALUES ('all', ''), ('topic', topic), ('channel', channel), ('kind', kind), ('priority', priority),
                        ('sentiment', sentiment), ('agent', coalesce(assignee_id, ''))) AS d(dim, val)
     WHERE e.at IS NOT NULL
`;
}

const STATEMENTS = [
  `CREATE TABLE stats_hourly (
     hour timestamptz NOT NULL,
     dim text NOT NULL,
     val text NOT NULL,
     ${measureColumns},
     PRIMARY KEY (dim, hour, val))`,
  // Append-only; the compactor deletes what it has folded in.
  `CREATE TABLE stats_deltas (
     hour timestamptz NOT NULL,
     dim text NOT NULL,
     val text NOT NULL,
     ${measureColumns})`,
  // One item's contribution to every (hour, dim, val) it counts in, times sign (+1 new row, -1 old row).
  `CREATE FUNCTION feedback_stats_contrib(sign integer, created_at timestamptz, first_response_at timestamptz,
     resolved_at timestamptz, closed_at timestamptz, response_due_at timestamptz, resolve_due_at timestamptz,
     sentiment text, topic text, channel text, kind text, priority text, assignee_id text)
   RETURNS TABLE (hour timestamptz, dim text, val text, ${MEASURES.map((m) => `${m} ${m.endsWith('_secs') ? 'bigint' : 'integer'}`).join(', ')})
   LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
${contributionSelect("date_trunc('hour', e.at, 'UTC')")}   $$`,
  `CREATE FUNCTION feedback_stats_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${deltaInsert([{ table: 'new_rows', sign: 1 }])} RETURN NULL; END $$`,
  `CREATE FUNCTION feedback_stats_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${deltaInsert([{ table: 'new_rows', sign: 1 }, { table: 'old_rows', sign: -1 }])} RETURN NULL; END $$`,
  `CREATE FUNCTION feedback_stats_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${deltaInsert([{ table: 'old_rows', sign: -1 }])} RETURN NULL; END $$`,
  `CREATE TRIGGER feedback_stats_insert AFTER INSERT ON feedback REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION feedback_stats_on_insert()`,
  `CREATE TRIGGER feedback_stats_update AFTER UPDATE ON feedback REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION feedback_stats_on_update()`,
  `CREATE TRIGGER feedback_stats_delete AFTER DELETE ON feedback REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION feedback_stats_on_delete()`,
  // What exists already, folded in once.
  `INSERT INTO stats_hourly (hour, dim, val, ${MEASURES.join(', ')})
     SELECT hour, dim, val, ${sums} FROM feedback n, LATERAL feedback_stats_contrib(1, ${CONTRIB_ARGS}) c
     GROUP BY hour, dim, val`,
  // "Open now" and "response overdue now" are about the present, not a period: small partial
  // indexes answer them by counting only the open items.
  `CREATE INDEX feedback_open_now_idx ON feedback (created_at)
     WHERE state IN ('new', 'claimed', 'waiting_customer', 'escalated')`,
  `CREATE INDEX feedback_awaiting_response_idx ON feedback (response_due_at)
     WHERE first_response_at IS NULL AND state IN ('new', 'claimed', 'waiting_customer', 'escalated')`,
  // Newest first: search results, a customer's history and exports walk this.
  `CREATE INDEX feedback_created_idx ON feedback (created_at)`,
  `CREATE INDEX feedback_customer_created_idx ON feedback (customer_id, created_at)`,
  // Search terms: Han bigrams, a lone Han character, and Latin/digit words, NFKC-folded and lower-cased.
  `CREATE FUNCTION feedback_search_terms(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
     SELECT coalesce(array_agg(DISTINCT term), '{}') FROM (
       SELECT m[1] AS term FROM regexp_matches(lower(normalize(t, NFKC)), '([a-z0-9]+)', 'g') AS m
       UNION ALL
       SELECT CASE WHEN char_length(h[1]) = 1 THEN h[1] ELSE substr(h[1], i, 2) END
       FROM regexp_matches(normalize(t, NFKC), '([\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+)', 'g') AS h,
            generate_series(1, greatest(1, char_length(h[1]) - 1)) AS i
     ) x
   $$`,
  `ALTER TABLE feedback ADD COLUMN search_terms text[] GENERATED ALWAYS AS (feedback_search_terms(text)) STORED`,
  `CREATE INDEX feedback_search_terms_idx ON feedback USING gin (search_terms)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

/** The measure columns, in order, for code that reads or folds the rollups. */
export const STATS_MEASURES = MEASURES;

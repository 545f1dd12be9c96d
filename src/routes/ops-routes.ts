// /healthz: the process answers. /readyz: the database answers and every migration has run, and
// if not, why. /metrics: Prometheus.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { migrationsDone } from '../db/migrate.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnreachable, unreachableReason } from '../http/database-unreachable.js';

/** /readyz answers within this even when the database does not: a hung server counts as unreachable. */
const READY_CHECK_MS = 3_000;

export function registerOpsRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_req, reply) => {
    const checks: Record<string, string> = {};
    const reasons: string[] = [];
    let undeliveredMessages: number | null = null;
    let undeliverableChats: { platform: string; chat: string; messages: number; error: string }[] = [];
    try {
      await withinTime(sql`select 1`.execute(deps.db), READY_CHECK_MS);
      checks.database = 'ok';
      checks.migrations = (await migrationsDone(deps.db)) ? 'ok' : 'pending';
      if (checks.migrations === 'pending') reasons.push('migrations pending');
      const failed = await deps.db.selectFrom('outbox').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'failed').executeTakeFirst();
      undeliveredMessages = failed?.n ?? 0;
      // Which chats stopped taking messages, and the platform's last word on why.
      undeliverableChats = (await deps.db.selectFrom('outbox')
        .select(['platform', 'chat_id', sql<number>`count(*)::int`.as('messages'), sql<string>`max(last_error)`.as('error')])
        .where('status', '=', 'failed').where('platform', '<>', 'customer')
        .groupBy(['platform', 'chat_id']).orderBy('platform').orderBy('chat_id').limit(20).execute())
        .map((c) => ({ platform: c.platform, chat: c.chat_id, messages: c.messages, error: c.error }));
    } catch (error) {
      const unreachable = isDatabaseUnreachable(error) || (error as Error).name === 'TimeoutError';
      checks.database = unreachable ? 'unreachable' : 'error';
      reasons.push(unreachable ? `database unreachable (${unreachableReason(error)})` : `database error (${errorCode(error)})`);
    }
    const ready = checks.database === 'ok' && checks.migrations === 'ok';
    if (!ready) reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return reply.code(ready ? 200 : 503).send({ ready, checks, ...(reasons.length ? { reasons } : {}), undeliveredMessages, undeliverableChats });
  });

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// A SQLSTATE or the error's class name: enough for an operator to look up, nothing a stranger can use.
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : error instanceof Error ? error.name : 'unknown';
}

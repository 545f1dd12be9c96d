// /healthz: the process answers. /readyz: the database answers and every migration has run.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { migrationsDone } from '../db/migrate.js';

export function registerOpsRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_req, reply) => {
    const checks: Record<string, string> = {};
    try {
      await sql`select 1`.execute(deps.db);
      checks.database = 'ok';
      checks.migrations = (await migrationsDone(deps.db)) ? 'ok' : 'pending';
    } catch {
      checks.database = 'unreachable';
    }
    const failed = await deps.db.selectFrom('outbox').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'failed')
      .executeTakeFirst().catch(() => undefined);
    const ready = checks.database === 'ok' && checks.migrations === 'ok';
    return reply.code(ready ? 200 : 503).send({ ready, checks, undeliveredMessages: failed?.n ?? null });
  });

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}

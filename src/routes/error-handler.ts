// One error handler maps faults to HTTP. 5xx bodies never echo internals or personal data.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { InputError, inputRefusalBody, inputRefusalStatus } from '../http/guard-requests.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnreachable, unreachableReason } from '../http/database-unreachable.js';

export function registerErrorHandler(app: FastifyInstance, deps: Deps): void {
  const { t } = deps;
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof InputError) return reply.code(inputRefusalStatus(error.refusal.problem)).send(inputRefusalBody(error.refusal, t));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'too_large', message: t('error.too_large') });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: 'unsupported_media_type', message: t('error.media_type') });
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return reply.code(400).send({ error: 'bad_json', message: t('intake.bad_json') });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: 'bad_request', message: t('error.bad_request') });
    }
    // The sender retries after the pause; whatever was stored before the outage then answers as a
    // duplicate, so a retry never doubles an item.
    if (isDatabaseUnreachable(error)) {
      req.log.warn({ reason: unreachableReason(error) }, 'database unreachable');
      return reply.code(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        .send({ error: 'database_unavailable', message: t('error.database_unavailable') });
    }
    req.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: t('error.internal') });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not_found', message: t('error.not_found') }));
}

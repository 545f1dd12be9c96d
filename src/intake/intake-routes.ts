// POST /intake/:source and /intake/:source/batch. The signature is checked on the raw bytes
// before anything is parsed; every refusal names the field or the reason, never a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { verifyIntakeSignature } from './signature.js';
import { FeedbackDraftSchema, MAX_BATCH_ITEMS, MAX_ITEM_BYTES, SOURCE_NAME, describeIssues } from './draft-schema.js';
import { ingestFeedback, type IngestResult } from './ingest.js';

const MAX_BATCH_BYTES = 8 * 1024 * 1024;
// Items are checked one by one below, so one bad item does not refuse the rest.
const BatchSchema = z.object({ items: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) });

type BatchResult =
  | { index: number; status: 'created' | 'duplicate'; id: string; shortId: string }
  | { index: number; status: 'rejected'; errors: { field: string; message: string }[] };

export async function registerIntakeRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    // Keep the body as the exact bytes that were signed.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    scope.post<{ Params: { source: string } }>('/intake/:source', { bodyLimit: MAX_ITEM_BYTES }, async (req, reply) => {
      const signed = readSignedJson(req, deps, reply);
      if (!signed) return reply;
      const { source, json } = signed;
      const draft = FeedbackDraftSchema.safeParse(json);
      if (!draft.success) return reply.code(422).send(invalid(deps, describeIssues(draft.error)));
      const result = await ingestFeedback(deps, source, draft.data);
      deps.metrics.intake.inc({ source, outcome: result.status });
      return sendResult(reply, deps, result);
    });

    scope.post<{ Params: { source: string } }>('/intake/:source/batch', { bodyLimit: MAX_BATCH_BYTES }, async (req, reply) => {
      const signed = readSignedJson(req, deps, reply);
      if (!signed) return reply;
      const { source, json } = signed;
      const batch = BatchSchema.safeParse(json);
      if (!batch.success) return reply.code(422).send(invalid(deps, describeIssues(batch.error)));
      const results: BatchResult[] = [];
      for (const [index, entry] of batch.data.items.entries()) {
        if (JSON.stringify(entry).length > MAX_ITEM_BYTES) {
          results.push({ index, status: 'rejected', errors: [{ field: `items.${index}`, message: deps.t('intake.item_too_large') }] });
          continue;
        }
        const draft = FeedbackDraftSchema.safeParse(entry);
        if (!draft.success) {
          results.push({ index, status: 'rejected', errors: describeIssues(draft.error, `items.${index}.`) });
          continue;
        }
        const result = await ingestFeedback(deps, source, draft.data);
        deps.metrics.intake.inc({ source, outcome: result.status });
        results.push(result.status === 'rejected'
          ? { index, status: 'rejected', errors: [{ field: `items.${index}.text`, message: deps.t(`intake.rejected.${result.reason}`) }] }
          : { index, status: result.status, id: result.id, shortId: result.shortId });
      }
      const count = (status: string) => results.filter((r) => r.status === status).length;
      return reply.code(202).send({ created: count('created'), duplicates: count('duplicate'), rejected: count('rejected'), results });
    });
  });
}

/** Signature first, then the source name, then JSON: each failure has been answered when this returns undefined. */
function readSignedJson(req: FastifyRequest<{ Params: { source: string } }>, deps: Deps, reply: FastifyReply): { source: string; json: unknown } | undefined {
  const raw = authenticate(req.headers, req.body, deps, reply);
  if (raw === undefined) return undefined;
  const source = checkSource(req.params.source, deps, reply);
  if (!source) return undefined;
  const json = parseJson(raw, deps, reply);
  return json === undefined ? undefined : { source, json };
}

function authenticate(headers: Record<string, string | string[] | undefined>, body: unknown, deps: Deps, reply: FastifyReply): string | undefined {
  const raw = typeof body === 'string' ? body : '';
  const check = verifyIntakeSignature({
    rawBody: raw, timestamp: header(headers['x-feedback-timestamp']), signature: header(headers['x-feedback-signature']),
    secret: deps.intakeSecret, now: deps.clock.now(),
  });
  if (check.ok) return raw;
  void reply.code(401).send({ error: check.reason, message: deps.t(`intake.auth.${check.reason}`) });
  return undefined;
}

function checkSource(source: string, deps: Deps, reply: FastifyReply): string | undefined {
  if (SOURCE_NAME.test(source)) return source;
  void reply.code(400).send({ error: 'bad_source', message: deps.t('intake.bad_source'), errors: [{ field: 'source', message: deps.t('intake.bad_source') }] });
  return undefined;
}

function parseJson(raw: string, deps: Deps, reply: FastifyReply): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    void reply.code(400).send({ error: 'bad_json', message: deps.t('intake.bad_json'), errors: [{ field: '(body)', message: deps.t('intake.bad_json') }] });
    return undefined;
  }
}

export function invalid(deps: Deps, errors: { field: string; message: string }[]) {
  return { error: 'invalid', message: deps.t('intake.invalid', { fields: errors.map((e) => e.field).join(', ') }), errors };
}

function sendResult(reply: FastifyReply, deps: Deps, result: IngestResult) {
  if (result.status === 'rejected') {
    const message = deps.t(`intake.rejected.${result.reason}`);
    return reply.code(422).send({ error: result.reason, message, errors: [{ field: 'text', message }] });
  }
  return reply.code(result.status === 'created' ? 202 : 200).send({ id: result.id, short_id: result.shortId, status: result.status });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

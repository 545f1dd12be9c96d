// POST /intake/:source, /intake/:source/batch and /intake/:source/survey. The signature is checked
// on the raw bytes before anything is parsed, then the input guard, then the schema; every refusal
// names the field or the reason, never a 500. A database that cannot be reached answers 503 (error-handler.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { verifyIntakeSignature } from './signature.js';
import { FeedbackDraftSchema, MAX_BATCH_ITEMS, MAX_ITEM_BYTES, SOURCE_NAME, type FeedbackDraft } from './draft-schema.js';
import { fieldErrors } from '../i18n/field-errors.js';
import { ingestFeedback, type IngestResult } from './ingest.js';
import { recordSurveyAnswer, SurveyAnswerSchema } from './survey-answer.js';
import { checkJsonValue, parseJsonBytes, type InputRefusal } from '../http/input-guard.js';
import { inputRefusalBody, inputRefusalStatus } from '../http/guard-requests.js';
import { ATTACHMENT_BODY_BYTES, readAttachments, type PreparedAttachment } from '../attachments/read-attachments.js';

const MAX_BATCH_BYTES = 8 * 1024 * 1024;
// Items are checked one by one below, so one bad item does not refuse the rest.
const BatchSchema = z.object({ items: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) });

type FieldError = { field: string; message: string };
type BatchResult =
  | { index: number; status: 'created' | 'duplicate'; id: string; short_id: string }
  | { index: number; status: 'rejected'; errors: FieldError[] };

export async function registerIntakeRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    // Keep the body as the exact bytes that were signed; they are decoded only after the check.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    // An item is at most 64 KiB; its attachments (base64) have limits of their own on top.
    scope.post<{ Params: { source: string } }>('/intake/:source', { bodyLimit: MAX_ITEM_BYTES + ATTACHMENT_BODY_BYTES }, async (req, reply) => {
      const signed = readSignedJson(req, deps, reply);
      if (!signed) return reply;
      const { source, json } = signed;
      const refusal = checkJsonValue(json);
      if (refusal) return refuse(reply, deps, refusal);
      if (itemBytes(json) > MAX_ITEM_BYTES) return reply.code(413).send({ error: 'too_large', message: deps.t('error.too_large') });
      const draft = FeedbackDraftSchema.safeParse(json);
      if (!draft.success) return reply.code(422).send(invalid(deps, fieldErrors(draft.error, deps.t)));
      // Every attachment is checked whole before anything is stored: a refused one refuses the item.
      const files = await readAttachments(draft.data.attachments, deps.t);
      if (!files.ok) return reply.code(files.status).send({ error: files.error, message: files.errors[0]!.message, errors: files.errors });
      const result = await ingestFeedback(deps, source, draft.data, { attachments: files.attachments });
      deps.metrics.intake.inc({ source, outcome: result.status });
      return sendResult(reply, deps, result);
    });

    // A survey answer for an item already taken: recorded on that item, never a second item.
    scope.post<{ Params: { source: string } }>('/intake/:source/survey', { bodyLimit: MAX_ITEM_BYTES }, async (req, reply) => {
      const signed = readSignedJson(req, deps, reply);
      if (!signed) return reply;
      const refusal = checkJsonValue(signed.json);
      if (refusal) return refuse(reply, deps, refusal);
      const answer = SurveyAnswerSchema.safeParse(signed.json);
      if (!answer.success) return reply.code(422).send(invalid(deps, fieldErrors(answer.error, deps.t)));
      const result = await recordSurveyAnswer(deps.db, signed.source, answer.data, deps.clock.now());
      if (result.status === 'unknown_item') {
        const message = deps.t('intake.survey.unknown_item');
        return reply.code(404).send({ error: 'unknown_item', message, errors: [{ field: answer.data.item === undefined ? 'external_id' : 'item', message }] });
      }
      return reply.code(200).send({ id: result.id, short_id: result.shortId, status: result.status });
    });

    scope.post<{ Params: { source: string } }>('/intake/:source/batch', { bodyLimit: MAX_BATCH_BYTES }, async (req, reply) => {
      const signed = readSignedJson(req, deps, reply);
      if (!signed) return reply;
      const { source, json } = signed;
      // The envelope is checked without its items; each item is checked on its own below.
      const envelope = json !== null && typeof json === 'object' && !Array.isArray(json) ? { ...json, items: [] } : json;
      const refusal = checkJsonValue(envelope);
      if (refusal) return refuse(reply, deps, refusal);
      const batch = BatchSchema.safeParse(json);
      if (!batch.success) return reply.code(422).send(invalid(deps, fieldErrors(batch.error, deps.t)));
      // Every item is judged before any is stored; the good ones then go to the group commit
      // together (one or a few statements instead of one commit per item). Each item is still
      // taken whole or not at all, and a bad one refuses only itself. `?history=1` (the
      // importer's --history) stores them without cards.
      const history = (req.query as Record<string, string | undefined>).history === '1';
      const checked = await Promise.all(batch.data.items.map((entry, index) => checkBatchItem(deps, entry, index)));
      const results: BatchResult[] = await Promise.all(checked.map(async (item, index): Promise<BatchResult> => {
        if (!item.ok) return { index, status: 'rejected', errors: item.errors };
        const result = await ingestFeedback(deps, source, item.draft, { history, attachments: item.attachments });
        deps.metrics.intake.inc({ source, outcome: result.status });
        return result.status === 'rejected'
          ? { index, status: 'rejected', errors: [{ field: `items.${index}.text`, message: deps.t(`intake.rejected.${result.reason}`) }] }
          : { index, status: result.status, id: result.id, short_id: result.shortId };
      }));
      const count = (status: string) => results.filter((r) => r.status === status).length;
      return reply.code(202).send({ created: count('created'), duplicates: count('duplicate'), rejected: count('rejected'), results });
    });
  });
}

type CheckedItem = { ok: true; draft: FeedbackDraft; attachments: PreparedAttachment[] } | { ok: false; errors: FieldError[] };

async function checkBatchItem(deps: Deps, entry: unknown, index: number): Promise<CheckedItem> {
  const refusal = checkJsonValue(entry, undefined, `items.${index}`);
  if (refusal) return { ok: false, errors: inputRefusalBody(refusal, deps.t).errors };
  if (itemBytes(entry) > MAX_ITEM_BYTES) {
    return { ok: false, errors: [{ field: `items.${index}`, message: deps.t('intake.item_too_large') }] };
  }
  const draft = FeedbackDraftSchema.safeParse(entry);
  if (!draft.success) return { ok: false, errors: fieldErrors(draft.error, deps.t, `items.${index}.`) };
  const files = await readAttachments(draft.data.attachments, deps.t, `items.${index}.`);
  return files.ok ? { ok: true, draft: draft.data, attachments: files.attachments } : { ok: false, errors: files.errors };
}

/** The item's size without its attachments, which are held to their own limits. Safe: the guard has bounded its depth. */
function itemBytes(json: unknown): number {
  const item = json !== null && typeof json === 'object' && !Array.isArray(json) ? { ...json, attachments: undefined } : json;
  return Buffer.byteLength(JSON.stringify(item) ?? '');
}

/** Signature first, then the source name, then strict UTF-8 and JSON: each failure has been answered when this returns undefined. */
function readSignedJson(req: FastifyRequest<{ Params: { source: string } }>, deps: Deps, reply: FastifyReply): { source: string; json: unknown } | undefined {
  const raw = authenticate(req.headers, req.body, deps, reply);
  if (raw === undefined) return undefined;
  const source = checkSource(req.params.source, deps, reply);
  if (!source) return undefined;
  const parsed = parseJsonBytes(raw, header(req.headers['content-type']));
  if (!parsed.ok) {
    void refuse(reply, deps, parsed.refusal);
    return undefined;
  }
  return { source, json: parsed.value };
}

function authenticate(headers: Record<string, string | string[] | undefined>, body: unknown, deps: Deps, reply: FastifyReply): Buffer | undefined {
  const raw = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
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

function refuse(reply: FastifyReply, deps: Deps, refusal: InputRefusal) {
  return reply.code(inputRefusalStatus(refusal.problem)).send(inputRefusalBody(refusal, deps.t));
}

export function invalid(deps: Deps, errors: FieldError[]) {
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

// One POST route per chat platform: the raw body reaches the adapter untouched (signatures are
// over the exact bytes), a refused request leaves a log line and a metric, and anything slower
// than the platform's deadline is acknowledged at once and followed up.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AdapterError, type ChatAdapter, type InboundAnswer } from '../../adapters/chat-adapter.js';
import type { Deps } from '../deps.js';
import { handleInbound } from './handle-inbound.js';
import { checkJsonValue, decodeUtf8Exactly } from '../http/input-guard.js';
import { InputError, inputRefusalBody, inputRefusalStatus } from '../http/guard-requests.js';

const RAW_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'application/xml', 'text/xml'];

export async function registerChatRoute(app: FastifyInstance, deps: Deps, adapter: ChatAdapter, path: string): Promise<void> {
  const { receive, answer } = adapter;
  if (!receive || !answer) throw new Error(`the ${adapter.platform} adapter cannot receive requests`);
  await app.register(async (scope) => {
    // In this scope only: keep bodies as the exact bytes that were signed, and hand the adapter
    // their text only when the bytes are UTF-8, so that text and bytes are the same signed thing
    // (a lenient decode would let two different invalid bytes pass one signature).
    scope.removeContentTypeParser(RAW_TYPES);
    scope.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer' }, (_req, body, done) => {
      const text = decodeUtf8Exactly(body as Buffer);
      if (text === undefined) done(new InputError({ field: '(body)', problem: 'bad_encoding' }), undefined);
      else done(null, text);
    });

    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      let inbound;
      try {
        inbound = await receive.call(adapter, { method: req.method === 'GET' ? 'GET' : 'POST', headers: req.headers, rawBody: typeof req.body === 'string' ? req.body : '', query: req.query as Record<string, string> }, deps.clock.now());
      } catch (error) {
        if (!(error instanceof AdapterError)) throw error;
        deps.metrics.inboundRefused.inc({ platform: adapter.platform, reason: error.code });
        req.log.warn({ platform: adapter.platform, reason: error.code, detail: error.message }, 'inbound request refused');
        const status = error.code === 'bad_signature' ? 401 : 400;
        return reply.code(status).send({ error: error.code, message: deps.t(status === 401 ? 'intake.auth.bad_signature' : 'error.bad_request') });
      }
      // The input guard over what the adapter read: a field no row could hold (U+0000, a lone
      // surrogate, absurd nesting) is refused here, naming it, before any database work.
      const refusal = checkJsonValue(inbound);
      if (refusal) {
        deps.metrics.inboundRefused.inc({ platform: adapter.platform, reason: 'bad_request' });
        return reply.code(inputRefusalStatus(refusal.problem)).send(inputRefusalBody(refusal, deps.t));
      }
      const work = handleInbound(deps, adapter.platform, inbound);
      const late = Symbol('late');
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([work, new Promise<typeof late>((resolve) => { timer = setTimeout(() => resolve(late), adapter.answerWithinMs ?? 2500); })]);
      clearTimeout(timer);
      let decided: InboundAnswer;
      if (result === late) {
        decided = { kind: 'pending' };
        void work.then((done) => adapter.followUp?.(inbound, done))
          .catch((error) => deps.log.error({ platform: adapter.platform, err: String(error) }, 'late answer failed'));
      } else {
        decided = result;
      }
      const http = await answer.call(adapter, inbound, decided);
      if (http.after) {
        void http.after().catch((error) => deps.log.warn({ platform: adapter.platform, err: String(error) }, 'answer follow-up failed'));
      }
      reply.code(http.status);
      if (http.headers) reply.headers(http.headers);
      return http.body === undefined ? reply.send() : reply.send(http.body);
    };
    scope.post(path, handler);
    if (adapter.verifiesUrlByGet) scope.get(path, handler);
  });
}

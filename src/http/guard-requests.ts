// Puts the input guard in front of every route: the URL (path and query) is checked on arrival,
// and every application/json body is decoded strictly and checked before a handler sees it.
// Routes that must keep the raw bytes for a signature (intake, platform events) replace the
// parser in their own scope and call readJsonBytes / checkJsonValue themselves.
import type { FastifyInstance } from 'fastify';
import type { Translate } from '../i18n/translate.js';
import { INPUT_LIMITS, readJsonBytes, stringProblem, type InputLimits, type InputProblem, type InputRefusal } from './input-guard.js';

/** A request refused by the guard; the error handler answers it with {@link inputRefusalStatus}. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly refusal: InputRefusal) {
    super(`${refusal.problem} at ${refusal.field}`);
  }
}

/** 415 for a foreign charset, 400 when the body or URL cannot be read at all, 422 for a value that breaks a rule. */
export function inputRefusalStatus(problem: InputProblem): 400 | 415 | 422 {
  if (problem === 'bad_charset') return 415;
  if (problem === 'bad_encoding' || problem === 'bad_json') return 400;
  return 422;
}

/** The answer body for a refusal: `{"error", "message", "errors": [{"field", "message"}]}`, in both languages. */
export function inputRefusalBody(refusal: InputRefusal, t: Translate) {
  const message = t(`input.${refusal.problem}`, { field: refusal.field });
  return { error: refusal.problem, message, errors: [{ field: refusal.field, message }] };
}

export function registerInputGuard(app: FastifyInstance, limits: InputLimits = INPUT_LIMITS): void {
  app.addHook('onRequest', async (req) => {
    const refusal = checkUrl(req.url);
    if (refusal) throw new InputError(refusal);
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const reading = readJsonBytes(body as Buffer, limits, req.headers['content-type']);
    if (reading.ok) done(null, reading.value);
    else done(new InputError(reading.refusal), undefined);
  });
}

/** Every path segment and query key and value must decode as UTF-8 and hold no U+0000. */
export function checkUrl(url: string): InputRefusal | undefined {
  const at = url.indexOf('?');
  const path = at === -1 ? url : url.slice(0, at);
  for (const segment of path.split('/')) {
    const problem = decodedProblem(segment);
    if (problem) return { field: 'url', problem };
  }
  if (at === -1) return undefined;
  for (const pair of url.slice(at + 1).split('&')) {
    const [key = '', value = ''] = pair.split('=', 2);
    const keyProblem = decodedProblem(key.replaceAll('+', ' '));
    if (keyProblem) return { field: 'query', problem: keyProblem };
    const problem = decodedProblem(value.replaceAll('+', ' '));
    if (problem) return { field: `query.${safeName(key)}`, problem };
  }
  return undefined;
}

function decodedProblem(part: string): InputProblem | undefined {
  if (!part.includes('%')) return stringProblem(part);
  try {
    return stringProblem(decodeURIComponent(part));
  } catch {
    return 'bad_encoding';
  }
}

function safeName(key: string): string {
  try {
    return decodeURIComponent(key).replace(/[^\w.-]/g, '_').slice(0, 60);
  } catch {
    return '_';
  }
}

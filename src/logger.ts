// JSON logs (pino) with personal data masked in every field and message, and secrets redacted.
// pino applies `formatters.log` before the serializers, so the request and error serializers mask
// their own output: a request URL (path and query string) and an error's message, stack and
// details are masked like everything else.
import pino, { type DestinationStream, type Logger } from 'pino';
import { maskDeep, maskText } from './privacy/mask.js';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-feedback-signature"]', '*.secret', '*.apiKey', '*.encryptionKey', '*.intakeSecret'], censor: '[redacted]' },
    formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
    serializers: { req: maskedRequest, err: maskedError, error: maskedError },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>);
      },
    },
  }, destination);
}

interface LoggedRequest { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }

function maskedRequest(req: LoggedRequest) {
  return { method: req.method, url: maskUrl(req.url ?? ''), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

// pino's error serializer returns objects with a prototype of its own, which maskDeep leaves
// alone; a JSON round trip makes them plain (causes and all) so every string in them is masked.
function maskedError(error: unknown): unknown {
  const serialized = error instanceof Error ? pino.stdSerializers.err(error) : error;
  try {
    return maskDeep(JSON.parse(JSON.stringify(serialized)));
  } catch {
    return '[unserialisable error]';
  }
}

/**
 * Masks each path segment and each query key and value after percent-decoding it, so that
 * "/x/13912345678?email=amy%40example.com" logs as "/x/[PHONE]?email=[EMAIL]". The result is
 * for reading, not for requesting again: decoded parts are not re-encoded.
 */
export function maskUrl(url: string): string {
  const at = url.indexOf('?');
  const path = (at === -1 ? url : url.slice(0, at)).split('/').map((s) => maskText(decode(s))).join('/');
  if (at === -1) return path;
  const query = url.slice(at + 1).split('&').map((pair) => pair.split('=').map((p) => maskText(decode(p.replaceAll('+', ' ')))).join('=')).join('&');
  return `${path}?${query}`;
}

function decode(part: string): string {
  if (!part.includes('%')) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

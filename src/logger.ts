// JSON logs (pino) with personal data masked in every field and message, and secrets redacted.
import pino, { type DestinationStream, type Logger } from 'pino';
import { maskDeep, maskText } from './privacy/mask.js';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-feedback-signature"]', '*.secret', '*.apiKey', '*.encryptionKey', '*.intakeSecret'], censor: '[redacted]' },
    formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>);
      },
    },
  }, destination);
}

// Checks that the bot can listen on HOST:PORT before anything is written, so a busy port or a
// host that is not this machine stops the start before the data folder is created or seeded.
import { createServer } from 'node:net';
import type { Translate } from '../i18n/translate.js';
import { listenError } from './startup-error.js';

/** Resolves when HOST:PORT can be bound (and has been released again); throws StartupError otherwise. */
export function probeListen(host: string, port: number, t: Translate): Promise<void> {
  if (port === 0) return Promise.resolve(); // any free port: nothing to check
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => reject(listenError(error, host, port, t)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

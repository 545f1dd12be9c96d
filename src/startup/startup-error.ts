// What stops the bot before it serves anything, worded for the person who started it: one line
// in the configured language(s), never a stack trace.
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import type { Translate } from '../i18n/translate.js';
import { EncryptionKeyError } from '../privacy/contact-crypto.js';
import { DataDirLockedError } from '../db/folder-lock.js';

/** A start-up fault whose message is ready to print. */
export class StartupError extends Error {
  override name = 'StartupError';
}

const DATABASE_DOWN = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '28P01', '28000', '3D000']);

/**
 * The readable line for an error thrown while starting, or undefined when it is a fault of our own
 * code (then the caller prints it in full, because that is a bug to report).
 */
export function startupErrorText(error: unknown, config: Config | undefined, t: Translate): string | undefined {
  if (error instanceof StartupError || error instanceof ConfigError) return error.message;
  if (!config) return undefined;
  if (error instanceof DataDirLockedError) return t('start.data_dir_locked', { dir: error.dir, pid: error.pid });
  if (error instanceof EncryptionKeyError) return t('startup.key_file', { path: join(config.dataDir, 'encryption.key') });
  const code = errorCode(error);
  if (code && 'url' in config.database && DATABASE_DOWN.has(code)) return t('startup.database_unreachable', { reason: rootMessage(error) });
  if (code && ['EACCES', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EPERM'].includes(code) && 'dir' in config.database) {
    return t('startup.data_dir', { dir: config.dataDir, reason: code });
  }
  return undefined;
}

/** Maps a failed listen (or a probe of it) to a readable StartupError; anything else is rethrown. */
export function listenError(error: unknown, host: string, port: number, t: Translate): Error {
  switch (errorCode(error)) {
    case 'EADDRINUSE': return new StartupError(t('startup.port_busy', { port, host }));
    case 'EACCES': return new StartupError(t('startup.port_denied', { port }));
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME': return new StartupError(t('startup.host_unavailable', { host }));
    default: return error instanceof Error ? error : new Error(String(error));
  }
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    // pg reports a refused pool connection as an AggregateError of per-address errors.
    if (e instanceof AggregateError && e.errors[0]) return errorCode(e.errors[0]);
  }
  return undefined;
}

function rootMessage(error: unknown): string {
  let e = error as Error;
  while (e.cause instanceof Error) e = e.cause;
  if (e instanceof AggregateError && e.errors[0] instanceof Error) e = e.errors[0];
  return e.message || String(e);
}

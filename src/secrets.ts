// Secrets the embedded default generates for itself, kept beside its database (never logged).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileOnce, readIfPresent } from './files.js';

/**
 * Returns the text of `<dir>/<name>`, first creating it (32 random bytes as hex, mode 0600) when
 * it is missing. Two instances starting together end up with the same secret.
 */
export async function loadOrCreateSecret(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  const existing = await readIfPresent(path);
  if (existing !== undefined) return existing.trim();
  await mkdir(dir, { recursive: true });
  await createFileOnce(path, `${randomBytes(32).toString('hex')}\n`);
  return (await readFile(path, 'utf8')).trim();
}

/** The trimmed text of a secret file, or undefined when there is none yet. Never creates it. */
export async function readSecret(path: string): Promise<string | undefined> {
  return (await readIfPresent(path))?.trim() || undefined;
}

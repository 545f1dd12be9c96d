// Secrets the embedded default generates for itself, kept beside its database (never logged).
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Returns the text of `<dir>/<name>`, first creating it (32 random bytes as hex, mode 0600) when
 * it is missing. Two instances starting together end up with the same secret.
 */
export async function loadOrCreateSecret(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  const existing = await readIfPresent(path);
  if (existing !== undefined) return existing.trim();
  await mkdir(dir, { recursive: true });
  // Written whole under a temporary name, then linked into place: link fails if another instance
  // got there first, and a crash never leaves a half-written secret behind.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  return (await readFile(path, 'utf8')).trim();
}

/** The trimmed text of a secret file, or undefined when there is none yet. Never creates it. */
export async function readSecret(path: string): Promise<string | undefined> {
  return (await readIfPresent(path))?.trim() || undefined;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

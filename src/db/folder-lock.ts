// One owner per embedded data folder. PGlite is single-process: a second bot writing the same
// folder corrupts it or loses what the first one wrote, so the folder is locked before anything in
// it is opened or written. The lock is a file naming the owner's pid; a lock left by a process that
// is gone (killed, crashed) is taken over, so a kill -9 never blocks the next start.
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileOnce, readIfPresent } from '../files.js';

export const LOCK_FILE = 'bot.lock';

/** The folder is held by another live process. `pid` is that process. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(readonly dir: string, readonly pid: number) {
    super(`data folder ${dir} is in use by process ${pid}`);
  }
}

export interface FolderLock { release(): Promise<void> }

/**
 * Takes `<dir>/bot.lock` for this process. Throws DataDirLockedError when a live process holds it;
 * writes nothing else in the folder. The folder must exist.
 */
export async function lockDataFolder(dir: string): Promise<FolderLock> {
  const path = join(dir, LOCK_FILE);
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createFileOnce(path, mine, 0o644)) {
      return {
        async release() {
          // Only our own lock: never remove one a later owner took after ours was judged stale.
          if ((await readIfPresent(path)) === mine) await unlink(path).catch(() => undefined);
        },
      };
    }
    const holder = Number.parseInt((await readIfPresent(path)) ?? '', 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) throw new DataDirLockedError(dir, holder);
    // Stale (its process is gone, or the file is unreadable): remove it and try again.
    await unlink(path).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error; });
  }
  throw new DataDirLockedError(dir, Number.parseInt((await readIfPresent(path)) ?? '0', 10));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still holds the folder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

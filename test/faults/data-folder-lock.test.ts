// One bot per embedded data folder: a second process is refused, readably and before it writes
// anything; a lock left by a killed process does not block the next start.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataFolder } from '../../src/db/folder-lock.js';
import { botEnv, startBot, type BotProcess } from '../helpers/bot-process.js';
import { signedIntake } from '../helpers/test-app.js';

const folders: string[] = [];
const bots: BotProcess[] = [];
afterAll(async () => {
  for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

async function newFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fd-lock-'));
  folders.push(dir);
  return dir;
}

/** The pid of a process that has already ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('the folder lock', () => {
  test('a lock held by a live process is refused, naming that process', async () => {
    const dir = await newFolder();
    const holder = process.ppid; // alive for as long as this test runs
    await writeFile(join(dir, LOCK_FILE), `${holder}\n`);
    const refusal = await lockDataFolder(dir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as DataDirLockedError).pid).toBe(holder);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${holder}\n`);
  });

  test('a lock left by a process that is gone is taken over, and released on close', async () => {
    const dir = await newFolder();
    await writeFile(join(dir, LOCK_FILE), `${deadPid()}\n`);
    const lock = await lockDataFolder(dir);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('two bots on one data folder', () => {
  test('the second is refused in both languages with a non-zero exit and writes nothing; a killed owner does not block the next start', async () => {
    const cwd = await newFolder();
    const dataDir = join(cwd, 'data');
    const first = await startBot(botEnv({ DATA_DIR: dataDir }), { cwd });
    bots.push(first);
    const stored = await fetch(`${first.url}/intake/web`, { method: 'POST', ...bodyOf({ text: '发票一直没开出来', customer: { id: 'c-lock' }, channel: 'email', external_id: 'lock-1' }) });
    expect(stored.status).toBe(202);

    // The running first bot keeps writing inside its database (jobs fold statistics every few
    // seconds), so what is compared is what a second bot would add: the folder's own entries.
    const before = await readdir(dataDir);
    const second = await startBot(botEnv({ DATA_DIR: dataDir }), { cwd, waitReady: false });
    bots.push(second);
    const ended = await second.exited;
    expect(ended.code).toBe(1);
    expect(second.output()).toContain(`正被另一个反馈台进程（pid ${first.child.pid}）使用`);
    expect(second.output()).toContain(`in use by another feedback desk process (pid ${first.child.pid})`);
    expect((await readdir(dataDir)).sort()).toEqual(before.sort());
    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${first.child.pid}\n`);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    first.child.kill('SIGKILL');
    await first.exited;
    const third = await startBot(botEnv({ DATA_DIR: dataDir }), { cwd });
    bots.push(third);
    const again = await fetch(`${third.url}/intake/web`, { method: 'POST', ...bodyOf({ text: '发票一直没开出来', customer: { id: 'c-lock' }, channel: 'email', external_id: 'lock-1' }) });
    expect(((await again.json()) as { status: string }).status).toBe('duplicate'); // the first owner's item survived
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
    expect((await readdir(dataDir)).includes(LOCK_FILE)).toBe(false);
  }, 120_000);
});

function bodyOf(draft: unknown) {
  const { payload, headers } = signedIntake(draft);
  return { body: payload, headers };
}

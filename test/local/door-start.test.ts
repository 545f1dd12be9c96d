// The bot as a process refuses to open the local chat to other machines without sign-in, before
// it creates or writes anything; and the command that adds the people who sign in.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/open.js';
import { checkLocalUser } from '../../src/auth/local-users.js';
import { botEnv, startBot } from '../helpers/bot-process.js';
import { makeDataFolder } from '../helpers/data-folder.js';

const TSX = fileURLToPath(import.meta.resolve('tsx'));
const CLI = fileURLToPath(new URL('../../src/cli/local-user.ts', import.meta.url));

const folders: string[] = [];
afterAll(async () => { for (const dir of folders) await rm(dir, { recursive: true, force: true }); });

test('HOST=0.0.0.0 without sign-in: exit 1 with the reason in Chinese and English, nothing written', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'fd-open-'));
  folders.push(cwd);
  const dataDir = join(cwd, 'data');
  const bot = await startBot(botEnv({ DATA_DIR: dataDir, HOST: '0.0.0.0' }), { cwd, waitReady: false });
  expect((await bot.exited).code).toBe(1);
  expect(bot.output()).toContain('0.0.0.0 lets other machines reach the local chat, so it needs sign-in');
  expect(bot.output()).toContain('必须先配置登录');
  expect(existsSync(dataDir)).toBe(false);
}, 60_000);

test('LOCAL_SIGN_IN=users with no users yet: exit 1 saying how to add one', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'fd-open-'));
  folders.push(cwd);
  const bot = await startBot(botEnv({ DATA_DIR: join(cwd, 'data'), LOCAL_SIGN_IN: 'users' }), { cwd, waitReady: false });
  expect((await bot.exited).code).toBe(1);
  expect(bot.output()).toContain('npm run local-user -- add ID --name NAME');
  expect(bot.output()).toContain('还没有任何用户');
}, 120_000);

test('npm run local-user adds a person whose password then signs in, and lists them', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'fd-user-'));
  folders.push(cwd);
  const dataDir = join(cwd, 'data');
  await makeDataFolder(dataDir);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const cli = (args: string[], input = '') => new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    child.on('exit', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
  expect((await cli(['add', 'li-wei', '--name', 'Li Wei', '--role', 'supervisor'], 'short\n')).code).toBe(2);
  const added = await cli(['add', 'li-wei', '--name', 'Li Wei', '--role', 'supervisor'], 'a long enough password\n');
  expect(added).toMatchObject({ code: 0, out: expect.stringContaining('saved li-wei (supervisor)') });
  expect((await cli(['list'])).out).toBe('li-wei\tLi Wei\tsupervisor\n');

  const database = await openDatabase({ dir: dataDir });
  try {
    expect(await checkLocalUser(database.db, 'li-wei', 'a long enough password')).toEqual({ id: 'li-wei', name: 'Li Wei', role: 'supervisor' });
    expect(await checkLocalUser(database.db, 'li-wei', 'another password')).toBeUndefined();
  } finally {
    await database.close();
  }
}, 120_000);

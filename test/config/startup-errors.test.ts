// Each way a first start can go wrong ends in one readable line (Chinese and English) and a
// non-zero exit, before anything is written: no stack trace, no data folder, no seeded demo.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

interface Run { code: number; stdout: string; stderr: string }

function run(script: string, args: string[], env: Record<string, string>, cwd = process.cwd()): Promise<Run> {
  return new Promise((resolve) => {
    // A clean environment: only what the case sets, so a developer's .env or shell cannot leak in.
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn' };
    execFile(process.execPath, ['--import', 'tsx', join(process.cwd(), script), ...args], { env: { ...base, ...env }, cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** One line per problem (after a heading for settings), zh and en, and no stack trace. */
function expectReadable(result: Run, english: RegExp, chinese: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(english);
  expect(result.stderr).toMatch(chinese);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
}

let dir: string;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fd-startup-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

// One at a time and with room to spare: each case starts a Node process that compiles TypeScript.
describe('npm start refuses readably, before writing anything', { timeout: 120_000 }, () => {
  test('a short ENCRYPTION_KEY', async () => {
    const data = join(dir, 'key');
    const result = await run('src/main.ts', [], { DATA_DIR: data, PORT: '0', ENCRYPTION_KEY: 'short' });
    expectReadable(result, /ENCRYPTION_KEY: .*must be 64 hex characters/, /应为 64 个十六进制字符/);
    expect(result.stderr).not.toContain('short');
    expect(existsSync(data)).toBe(false);
  });

  test('a HOST that is not a host name', async () => {
    const data = join(dir, 'host');
    const result = await run('src/main.ts', [], { DATA_DIR: data, PORT: '0', HOST: 'not a host' });
    expectReadable(result, /HOST: .*must be an IP address or host name/, /应为 IP 地址或主机名/);
    expect(existsSync(data)).toBe(false);
  });

  test('a HOST that is not this machine', async () => {
    const data = join(dir, 'far-host');
    const result = await run('src/main.ts', [], { DATA_DIR: data, PORT: '39123', HOST: '192.0.2.1', LOCAL_ACCESS_TOKEN: 'team-access-token-0123456789abcdef' });
    expectReadable(result, /cannot listen on 192\.0\.2\.1/, /无法在 192\.0\.2\.1 上监听/);
    expect(existsSync(data)).toBe(false);
  });

  test('a port already in use', async () => {
    const data = join(dir, 'port');
    const result = await run('src/main.ts', [], { DATA_DIR: data, PORT: String(busyPort) });
    expectReadable(result, new RegExp(`port ${busyPort} on 127\\.0\\.0\\.1 is already in use`), new RegExp(`端口 ${busyPort} 已被占用`));
    expect(existsSync(data)).toBe(false);
  });

  test('several bad settings at once, in the configured language', async () => {
    const result = await run('src/main.ts', [], { DATA_DIR: join(dir, 'many'), PORT: 'eighty', DEMO: 'maybe', TZ: 'Mars/Olympus', BOT_LANG: 'en' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid configuration:',
      '- PORT: must be a number',
      '- DEMO: must be 1 or 0 (or true/false, yes/no)',
      '- TZ: is not a known time zone, e.g. Asia/Shanghai or UTC',
    ]);
  });

  test('an unknown flag', async () => {
    const result = await run('src/main.ts', ['--port', '4000'], { DATA_DIR: join(dir, 'flag') });
    expectReadable(result, /unknown option --port/, /不认识的参数 --port/);
    expect(existsSync(join(dir, 'flag'))).toBe(false);
  });

  test('an encryption key file that was damaged', async () => {
    const data = join(dir, 'damaged');
    await mkdir(data);
    await writeFile(join(data, 'encryption.key'), 'not a key\n');
    const result = await run('src/main.ts', [], { DATA_DIR: data, PORT: '0' });
    expectReadable(result, /the encryption key in .*encryption\.key is not valid/, /加密密钥无效/);
    expect(existsSync(join(data, 'PG_VERSION'))).toBe(false);
  });
});

describe('npm run import refuses readably', { timeout: 120_000 }, () => {
  test('a missing file', async () => {
    const result = await run('src/cli/import-csv.ts', [join(dir, 'nope.csv'), '--source', 'legacy'], { DATA_DIR: join(dir, 'import-1'), INTAKE_SECRET: 'x'.repeat(20) });
    expectReadable(result, /cannot read .*nope\.csv: no such file/, /找不到文件/);
  });

  test('an unknown flag shows the usage and exits 2', async () => {
    const result = await run('src/cli/import-csv.ts', ['a.csv', '--sauce', 'legacy'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option --sauce');
    expect(result.stderr).toContain('usage: npm run import -- FILE.csv --source NAME');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('--help prints the usage and exits 0', async () => {
    const result = await run('src/cli/import-csv.ts', ['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('usage: npm run import -- FILE.csv --source NAME');
    expect(result.stdout).toContain('用法');
  });

  test('no intake secret yet: says to start the bot, and creates nothing', async () => {
    const data = join(dir, 'import-2');
    const csv = join(dir, 'one.csv');
    await writeFile(csv, 'text,customer_id\nhello,c-1\n');
    const result = await run('src/cli/import-csv.ts', [csv, '--source', 'legacy'], { DATA_DIR: data });
    expectReadable(result, /no intake secret at .*intake\.secret: start the bot first/, /找不到 intake 密钥/);
    expect(existsSync(data)).toBe(false);
  });

  test('the bot is not running', async () => {
    const csv = join(dir, 'two.csv');
    await writeFile(csv, 'text,customer_id\nhello,c-1\n');
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as { port: number }).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const result = await run('src/cli/import-csv.ts', [csv, '--source', 'legacy', '--url', `http://127.0.0.1:${port}`], { INTAKE_SECRET: 'x'.repeat(20) });
    expectReadable(result, /the bot is not reachable at http:\/\/127\.0\.0\.1:\d+ \(is it running\? npm start\): ECONNREFUSED/, /连不上/);
  });
});

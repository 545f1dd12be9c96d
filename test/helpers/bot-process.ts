// The real bot (`src/main.ts`) as a child process of a test, for what only a process shows: a
// kill -9, a signal, a second process on the same data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ENCRYPTION_KEY, INTAKE_SECRET } from './test-app.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const TSX = fileURLToPath(import.meta.resolve('tsx'));
const READY_MS = 60_000;

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has ended, with its exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Settings for a quiet bot with the test secrets; `DATA_DIR` or `DATABASE_URL` come from the test. */
export function botEnv(extra: Record<string, string>): Record<string, string> {
  return { DEMO: '0', LOG_LEVEL: 'warn', INTAKE_SECRET, ENCRYPTION_KEY, OUTBOX_POLL_MS: '20', ...extra };
}

/**
 * Starts the bot and, unless `waitReady` is false, waits until /healthz answers. It runs in the
 * test's own folder `cwd` with only the given settings, so no developer's `.env` is read.
 */
export async function startBot(env: Record<string, string>, options: { cwd: string; waitReady?: boolean }): Promise<BotProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: process.env.TZ ?? 'UTC', PORT: port, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const bot: BotProcess = { url: `http://127.0.0.1:${port}`, child, exited, output: () => output };
  if (options.waitReady ?? true) await waitForHealth(bot);
  return bot;
}

async function waitForHealth(bot: BotProcess): Promise<void> {
  const deadline = Date.now() + READY_MS;
  let ended = false;
  void bot.exited.then(() => { ended = true; });
  while (Date.now() < deadline) {
    if (ended) throw new Error(`bot exited before it was ready:\n${bot.output()}`);
    try {
      if ((await fetch(`${bot.url}/healthz`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  bot.child.kill('SIGKILL');
  throw new Error(`bot not ready within ${READY_MS} ms:\n${bot.output()}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

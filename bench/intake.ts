// bench/intake: signed intake against a bare Fastify route doing one INSERT into the same
// PostgreSQL, both driven from a second process on loopback. Prints, per server: items/s at 50
// connections (closed loop), p50/p99 at a steady open-loop rate, errors and peak RSS, and the
// ratio ours/bare from the same run.
// Usage: npm run bench:intake [-- SECONDS [RATE [CONNECTIONS [ROUNDS]]]]
//   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is where a scratch
//   database is created per server and dropped after.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const seconds = Number(process.argv[2] ?? 10);
const rate = Number(process.argv[3] ?? 1000);
const connections = Number(process.argv[4] ?? 50);
const rounds = Number(process.argv[5] ?? 3);
const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const WARM_UP_SECONDS = 3;
const env = {
  ...process.env,
  INTAKE_SECRET: 'bench-intake-secret-0123456789abcdef',
  ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
};
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface Load { sent: number; ok: number; errors: number; statuses: Record<string, number>; perSecond: number; p50: number; p99: number }
interface Figures { closed: Load; open: Load; rssMb: number; openRssMb: number }

async function withAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try { return await work(client); } finally { await client.end(); }
}

function drive(url: string, shape: 'closed' | 'open', amount: number, secs: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', here('./load-driver.ts'), url, shape, String(amount), String(secs)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Load) : reject(new Error(`load driver exited with ${code}`))));
  });
}

interface Server { target: string; rssMb(): Promise<number>; stop(): Promise<void> }

async function startServer(mode: 'ours' | 'bare'): Promise<Server> {
  const name = `fd_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const server = fork(here('./intake-server.ts'), [mode, url.toString()], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('message', (m: { port: number }) => resolve(m.port));
    server.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return {
    target: `http://127.0.0.1:${port}/intake/bench`,
    rssMb: () => new Promise<number>((resolve) => {
      server.on('message', (m: { type: string; rss: number }) => { if (m.type === 'rss') resolve(m.rss / 1024 / 1024); });
      server.send({ type: 'rss' });
    }),
    async stop() {
      server.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

// Both servers run side by side; the closed-loop phase alternates between them `rounds` times and
// keeps each one's best, so a burst of load from elsewhere on the machine slows both alike
// instead of deciding the ratio. Peak RSS is read after the closed-loop rounds and again after
// the open-loop phase, which piles up requests when a server falls behind.
const servers = { bare: await startServer('bare'), ours: await startServer('ours') };
const figures: Record<'bare' | 'ours', Figures> = {} as never;
try {
  for (const mode of ['bare', 'ours'] as const) await drive(servers[mode].target, 'closed', connections, WARM_UP_SECONDS);
  const best: Partial<Record<'bare' | 'ours', Load>> = {};
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['bare', 'ours'] as const) {
      const load = await drive(servers[mode].target, 'closed', connections, seconds);
      if (!best[mode] || load.perSecond > best[mode]!.perSecond) best[mode] = load;
    }
  }
  for (const mode of ['bare', 'ours'] as const) {
    const closedRss = await servers[mode].rssMb();
    const open = await drive(servers[mode].target, 'open', rate, seconds);
    figures[mode] = { closed: best[mode]!, open, rssMb: closedRss, openRssMb: await servers[mode].rssMb() };
  }
} finally {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
}
const { bare, ours } = figures;
const line = (label: string, f: Figures) => [
  `${label}:`,
  `  ${connections} connections (best round): ${Math.round(f.closed.perSecond)} items/s, p50 ${f.closed.p50} ms, p99 ${f.closed.p99} ms, errors ${f.closed.errors}`,
  `  steady ${rate} req/s: ${Math.round(f.open.perSecond)} answered/s, p50 ${f.open.p50} ms, p99 ${f.open.p99} ms, errors ${f.open.errors} of ${f.open.sent}`,
  `  statuses: ${JSON.stringify({ ...f.closed.statuses })} / ${JSON.stringify(f.open.statuses)}`,
  `  peak RSS: ${Math.round(f.rssMb)} MB after the ${connections}-connection rounds, ${Math.round(f.openRssMb)} MB after the steady phase`,
].join('\n');
console.log(`intake bench: ${seconds} s per phase, best of ${rounds} alternating rounds at ${connections} connections, PostgreSQL ${new URL(admin).host}`);
console.log(line('bare Fastify route, one INSERT', bare));
console.log(line('feedback desk intake', ours));
console.log(`ratio ours/bare at ${connections} connections: ${(ours.closed.perSecond / bare.closed.perSecond).toFixed(2)}x`);

// The server side of bench/intake, one process per run: `ours` is the whole bot as `npm start`
// builds it (delivery worker included, logs at info to a discarded stdout), `bare` is a Fastify
// route doing one INSERT of the parsed body into the same database. It tells its parent the
// port, and its peak RSS when asked.
// Usage (forked by bench/intake.ts): tsx bench/intake-server.ts ours|bare DATABASE_URL
// Each mode imports only what it runs, so the bare server's RSS is not the bot's.

const [mode, databaseUrl] = process.argv.slice(2);
let peakRss = 0;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };
setInterval(sample, 100).unref();

async function startOurs(): Promise<number> {
  const { buildApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const config = loadConfig({
    DATABASE_URL: databaseUrl, INTAKE_SECRET: process.env.INTAKE_SECRET, ENCRYPTION_KEY: process.env.ENCRYPTION_KEY,
    DEMO: '0', PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  });
  const app = await buildApp(config, { startWorker: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as { port: number }).port;
}

async function startBare(): Promise<number> {
  const { default: Fastify } = await import('fastify');
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, source text NOT NULL, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  const app = Fastify({ logger: false });
  app.post<{ Params: { source: string } }>('/intake/:source', async (req, reply) => {
    const { rows } = await pool.query('INSERT INTO bench_bare (source, body) VALUES ($1, $2) RETURNING id', [req.params.source, req.body]);
    return reply.code(202).send({ id: rows[0].id, status: 'created' });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as { port: number }).port;
}

const port = mode === 'bare' ? await startBare() : await startOurs();
process.on('message', (m: { type: string }) => {
  if (m.type === 'rss') { sample(); process.send!({ type: 'rss', rss: peakRss }); }
  // A clean exit, so that a --cpu-prof run writes its profile.
  if (m.type === 'exit') process.exit(0);
});
process.send!({ type: 'ready', port });

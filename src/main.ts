// `npm start`: check the settings, the port and the data folder before anything is written, then
// open the database, seed the demo and listen; close cleanly on a signal.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, messagesFor, type Config } from './config.js';
import { probeListen } from './startup/probe-listen.js';
import { listenError, StartupError, startupErrorText } from './startup/startup-error.js';

/** A shutdown still busy by then (a stuck connection or query) ends the process anyway, before the
 * 30 s after which Kubernetes follows SIGTERM with SIGKILL. */
const SHUTDOWN_DEADLINE_MS = 25_000;

// Node's clock starts with the process, so this includes loading the modules above.
const checksModulesMs = performance.now();
if (existsSync('.env')) process.loadEnvFile('.env');
const t = messagesFor();
let config: Config | undefined;

try {
  const { values } = parseStartArgs();
  if (values.help) {
    process.stdout.write(`${t('startup.usage')}\n`);
    process.exit(0);
  }
  config = loadConfig();
  await probeListen(config.host, config.port, t);
  await start(config);
} catch (error) {
  const text = startupErrorText(error, config, t);
  if (text === undefined) throw error;
  process.stderr.write(`${text}\n`);
  process.exit(1);
}

async function start(config: Config): Promise<void> {
  // The bot itself loads only once the checks above have passed, so a refusal comes at once.
  const loading = performance.now();
  const [{ buildApp }, { seedDemo }] = await Promise.all([import('./app.js'), import('./demo/seed-demo.js')]);
  const timings: Record<string, number> = { modules: Math.round(checksModulesMs + performance.now() - loading) };
  const app = await buildApp(config, { startWorker: true, startJobs: true, timings });
  let mark = performance.now();
  // With sign-in by users configured and nobody to sign in, the page would be a locked door.
  if (config.localSignIn === 'users' && (await (await import('./auth/local-users.js')).countLocalUsers(app.deps.db)) === 0) {
    await app.close();
    throw new StartupError(t('start.no_local_users'));
  }
  if (config.demo) {
    const seeded = await seedDemo(app.deps);
    if (seeded.created > 0) app.log.info(seeded, 'demo team and sample feedback ready');
  }
  timings.seed = Math.round(performance.now() - mark);
  mark = performance.now();
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw listenError(error, config.host, config.port, t);
  }
  timings.listen = Math.round(performance.now() - mark);
  const readyMs = Math.round(performance.now());
  // CPU time of all the process's threads: on a busy machine it says more than the wall clock.
  const { user, system } = process.cpuUsage();
  app.log.info({ readyMs, cpuMs: Math.round((user + system) / 1000), timings }, `feedback desk open on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (ready in ${(readyMs / 1000).toFixed(1)} s)`);
  if (!config.intakeSecret) app.log.info(`intake secret (no INTAKE_SECRET set) is kept in ${config.dataDir}/intake.secret`);

  // Stop taking requests, end the live streams, answer the requests in flight, let the delivery run
  // in progress finish, then close the database (and its folder lock). A message being sent when
  // the process ends is sent again at the next start with the same idempotency key.
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      setTimeout(() => {
        app.log.error({ signal, deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown took too long; exiting');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      app.close().then(() => process.exit(0), (error: unknown) => {
        app.log.error({ err: String(error) }, 'shutdown failed');
        process.exit(1);
      });
    });
  }
}

function parseStartArgs() {
  try {
    return parseArgs({ options: { help: { type: 'boolean', short: 'h' } }, strict: true });
  } catch (error) {
    const flag = /'([^']+)'/.exec((error as Error).message)?.[1] ?? process.argv.slice(2).join(' ');
    throw new StartupError(t('startup.unknown_flag', { flag }));
  }
}

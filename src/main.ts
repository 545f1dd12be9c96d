// `npm start`: read .env and the environment, build the bot, listen, and close cleanly on a signal.
import { existsSync } from 'node:fs';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { seedDemo } from './demo/seed-demo.js';

if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const app = await buildApp(config, { startWorker: true });
if (config.demo) {
  const seeded = await seedDemo(app.deps);
  app.log.info(seeded, 'demo team and sample feedback ready');
}
await app.listen({ port: config.port, host: config.host });
app.log.info(`feedback desk open on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`);
if (!config.intakeSecret) app.log.info(`intake secret (no INTAKE_SECRET set) is kept in ${config.dataDir}/intake.secret`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}

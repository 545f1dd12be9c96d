// npm run import -- FILE.csv --source NAME [--history] [--url http://127.0.0.1:3000]
// Every mistake (a flag, the file, the settings, the bot not running) is one readable line and a
// non-zero exit; nothing is written before the file and the settings have been checked.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig, messagesFor } from '../config.js';
import { ImportError, importCsv } from '../import/csv-import.js';
import { SOURCE_NAME } from '../intake/draft-schema.js';
import { readSecret } from '../secrets.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const t = messagesFor();

/** A usage mistake: printed as it is, exit 2. */
class UsageError extends Error {}

async function main(): Promise<number> {
  const { values, positionals } = readArgs();
  if (values.help) {
    console.log(t('import.usage'));
    return 0;
  }
  const file = positionals[0];
  if (!file || !values.source || positionals.length > 1) throw new UsageError(t('import.usage'));
  if (!SOURCE_NAME.test(values.source)) throw new UsageError(t('import.bad_source'));
  if (values.url !== undefined && !/^https?:\/\/[^\s/]+/.test(values.url)) throw new UsageError(t('import.bad_url'));
  checkFile(file);
  const config = loadConfig();
  const secretPath = join(config.dataDir, 'intake.secret');
  const secret = config.intakeSecret ?? (await readSecret(secretPath));
  if (!secret) throw new ImportError('import.no_secret', { path: secretPath });
  const url = values.url ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const bar = new cliProgress.SingleBar({ format: `${t('import.progress')} [{bar}] {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  const summary = await importCsv({
    file, source: values.source, url, secret, history: values.history ?? false,
    onProgress: (done, total) => { if (!started) { bar.start(total, 0); started = true; } bar.update(done); },
  }).finally(() => bar.stop());
  console.log(t('import.imported', { n: summary.imported }));
  console.log(t('import.duplicates', { n: summary.duplicates }));
  console.log(t('import.rejected', { n: summary.rejected.length }));
  for (const r of summary.rejected) console.log(`  ${t('import.line', { line: r.line })}: ${r.reason}`);
  return 0;
}

function readArgs() {
  try {
    return parseArgs({
      allowPositionals: true, strict: true,
      options: { source: { type: 'string' }, url: { type: 'string' }, history: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    const flag = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
    throw new UsageError(`${t('import.unknown_flag', { flag })}\n${t('import.usage')}`);
  }
}

function checkFile(file: string): void {
  if (!existsSync(file)) throw new ImportError('import.no_file', { file });
  if (!statSync(file).isFile()) throw new ImportError('import.not_a_file', { file });
}

main().then((code) => process.exit(code), (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof ImportError) console.error(t(error.key, error.params));
  else if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});

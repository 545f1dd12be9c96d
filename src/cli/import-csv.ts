// npm run import -- FILE.csv --source NAME [--url http://127.0.0.1:3000]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../config.js';
import { loadOrCreateSecret } from '../secrets.js';
import { ImportError, importCsv } from '../import/csv-import.js';
import { SOURCE_NAME } from '../intake/draft-schema.js';

const USAGE = 'usage: npm run import -- FILE.csv --source NAME [--url http://127.0.0.1:3000]';

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { source: { type: 'string' }, url: { type: 'string' } } });
  const file = positionals[0];
  if (!file || !values.source) return fail(USAGE);
  if (!SOURCE_NAME.test(values.source)) return fail('--source: lowercase letters, digits, - and _ only / 来源名只能包含小写字母、数字、- 和 _');
  const config = loadConfig();
  const secret = config.intakeSecret ?? (await loadOrCreateSecret(config.dataDir, 'intake.secret'));
  const url = values.url ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const bar = new cliProgress.SingleBar({ format: 'importing / 导入中 [{bar}] {value}/{total}', stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  const summary = await importCsv({
    file, source: values.source, url, secret,
    onProgress: (done, total) => { if (!started) { bar.start(total, 0); started = true; } bar.update(done); },
  }).finally(() => bar.stop());
  console.log(`imported / 已导入: ${summary.imported}`);
  console.log(`duplicates / 重复: ${summary.duplicates}`);
  console.log(`rejected / 拒收: ${summary.rejected.length}`);
  for (const r of summary.rejected) console.log(`  line ${r.line}: ${r.reason}`);
  return 0;
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

main().then((code) => process.exit(code), (error) => {
  if (error instanceof ImportError || error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});

// CSV import through the running bot: a summary with imported, duplicates and rejected line numbers.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { importCsv } from '../../src/import/csv-import.js';
import { INTAKE_SECRET, buildTestApp, messagesIn } from '../helpers/test-app.js';

const CSV = [
  'text,customer_id,customer_name,phone,channel,external_id,rating,nps',
  '快递三天没更新物流,c-1,陈先生,13912345678,chat,csv-1,,',
  '"The box arrived crushed,',
  'and the vase inside was in pieces.",c-2,Emma,,email,csv-2,2,4',
  '快递三天没更新物流,c-1,陈先生,,chat,csv-1,,',
  ',c-3,,,chat,csv-4,,',
  'Great service,,,,chat,csv-5,,',
  'Rated ten,c-6,,,survey,csv-6,10,',
].join('\n');

describe('CSV import', () => {
  let app: App;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    app = await buildTestApp('pglite');
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    dir = await mkdtemp(join(tmpdir(), 'fd-csv-'));
  });
  afterAll(async () => { await app.close(); });

  test('imports the good rows and names the bad ones by their line in the file', async () => {
    const file = join(dir, 'feedback.csv');
    await writeFile(file, CSV);
    const progress: number[] = [];
    const summary = await importCsv({ file, source: 'legacy', url, secret: INTAKE_SECRET, batchSize: 2, onProgress: (done) => progress.push(done) });
    expect(summary.imported).toBe(2);
    expect(summary.duplicates).toBe(1);
    expect(summary.rejected.map((r) => r.line)).toEqual([6, 7, 8]);
    expect(summary.rejected[0].reason).toMatch(/^text:/);
    expect(summary.rejected[1].reason).toMatch(/^customer\.id:/);
    expect(summary.rejected[2].reason).toMatch(/^rating:/);
    expect(progress.at(-1)).toBe(6);
    await app.outbox.drain();
    const cards = await messagesIn(app, 'feedback');
    expect(cards).toHaveLength(2);
    expect(JSON.stringify(cards)).not.toContain('13912345678');
    const answers = await app.deps.db.selectFrom('feedback').select(['external_id', 'rating', 'nps']).where('external_id', '=', 'csv-2').execute();
    expect(answers).toEqual([{ external_id: 'csv-2', rating: 2, nps: 4 }]);
  });

  test('the command refuses a missing file with a readable line, not a stack trace', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'src/cli/import-csv.ts', join(dir, 'nope.csv'), '--source', 'legacy'], { env: { ...process.env, DATA_DIR: dir } });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no such file') });
  });
});

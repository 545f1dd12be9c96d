// An import of history (--history) stores and counts every row without posting a card.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { importCsv } from '../../src/import/csv-import.js';
import { INTAKE_SECRET, buildTestApp, messagesIn } from '../helpers/test-app.js';

describe('CSV import of history', () => {
  let app: App;
  let url: string;
  beforeAll(async () => {
    app = await buildTestApp('pglite');
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => { await app.close(); });

  test('with history on, the rows are stored and no room gets a card', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fd-history-')), 'old.csv');
    await writeFile(file, ['text,customer_id,external_id', '去年的快递一直没到,h-1,old-1', 'Refund took a month last spring,h-2,old-2'].join('\n'));
    const before = (await messagesIn(app, 'feedback')).length;
    const summary = await importCsv({ file, source: 'archive', url, secret: INTAKE_SECRET, history: true });
    expect(summary).toMatchObject({ imported: 2, duplicates: 0, rejected: [] });
    await app.outbox.drain();
    expect((await messagesIn(app, 'feedback')).length).toBe(before);
    const stored = await app.deps.db.selectFrom('feedback').select(['external_id', 'carded']).where('source', '=', 'archive').orderBy('external_id').execute();
    expect(stored).toEqual([{ external_id: 'old-1', carded: false }, { external_id: 'old-2', carded: false }]);
  });
});

// CSV import goes through the running bot's signed batch intake, so the same checks, masking and
// dedupe apply, and it works while the bot holds the embedded database.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { signIntakeBody } from '../intake/signature.js';
import { MAX_BATCH_ITEMS } from '../intake/draft-schema.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { createTranslate, type Params } from '../i18n/translate.js';

export interface ImportOptions {
  file: string;
  source: string;
  url: string;
  secret: string;
  batchSize?: number;
  /** The rows are history: stored and counted, no card for any of them. */
  history?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
}

/** Columns: text, customer_id (required); customer_name, phone, email, tier, channel, external_id, occurred_at, rating, nps, order_id. */
export const CSV_COLUMNS = ['text', 'customer_id', 'customer_name', 'phone', 'email', 'tier', 'channel', 'external_id', 'occurred_at', 'rating', 'nps', 'order_id'];

/** A failed import, as a catalogue key and its parameters; the message is the English wording. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(readonly key: MessageKey, readonly params: Params = {}) {
    super(createTranslate('en')(key, params));
  }
}

export async function importCsv(o: ImportOptions): Promise<ImportSummary> {
  const rows = await readRows(o.file);
  const summary: ImportSummary = { imported: 0, duplicates: 0, rejected: [] };
  const batchSize = Math.min(o.batchSize ?? 200, MAX_BATCH_ITEMS);
  o.onProgress?.(0, rows.length);
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const body = JSON.stringify({ items: batch.map((r) => r.draft) });
    const response = await post(o, body);
    for (const result of response.results) {
      const line = batch[result.index].line;
      if (result.status === 'created') summary.imported++;
      else if (result.status === 'duplicate') summary.duplicates++;
      else summary.rejected.push({ line, reason: (result.errors ?? []).map((e) => `${e.field.replace(/^items\.\d+\.?/, '') || 'row'}: ${e.message}`).join('; ') });
    }
    o.onProgress?.(Math.min(start + batch.length, rows.length), rows.length);
  }
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

interface Row { line: number; draft: Record<string, unknown> }

async function readRows(file: string): Promise<Row[]> {
  const rows: Row[] = [];
  const input = createReadStream(file);
  const parser = input.pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: false }));
  // pipe() does not pass on a read error (a missing file); without this it would crash the process.
  input.on('error', (error) => parser.destroy(error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (rows.length === 0 && !('text' in record && 'customer_id' in record)) throw new ImportError('import.header');
      rows.push({ line: info.lines, draft: toDraft(record) });
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new ImportError('import.no_file', { file });
    throw new ImportError('import.unreadable', { reason: e.message });
  }
  return rows;
}

function toDraft(r: Record<string, string>): Record<string, unknown> {
  const value = (key: string) => (r[key]?.trim() ? r[key].trim() : undefined);
  const number = (key: string) => { const v = value(key); return v === undefined ? undefined : Number(v); };
  return {
    text: r.text ?? '',
    customer: { id: value('customer_id') ?? '', name: value('customer_name'), phone: value('phone'), email: value('email'), tier: value('tier') },
    channel: value('channel') ?? 'csv',
    external_id: value('external_id'),
    occurred_at: value('occurred_at'),
    rating: number('rating'),
    nps: number('nps'),
    order_id: value('order_id'),
  };
}

interface BatchResponse { results: { index: number; status: string; errors?: { field: string; message: string }[] }[] }

async function post(o: ImportOptions, body: string): Promise<BatchResponse> {
  const url = `${o.url.replace(/\/$/, '')}/intake/${encodeURIComponent(o.source)}/batch${o.history ? '?history=1' : ''}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signIntakeBody(body, o.secret, new Date()) } });
  } catch (error) {
    throw new ImportError('import.unreachable', { url: o.url, reason: causeText(error) });
  }
  const json = (await response.json().catch(() => ({}))) as BatchResponse & { message?: string };
  if (response.status !== 202) throw new ImportError('import.refused', { status: response.status, reason: json.message ?? '-' });
  return json;
}

// fetch says only "fetch failed"; the reason (ECONNREFUSED …) is its cause.
function causeText(error: unknown): string {
  const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
  return cause?.code ?? (error as Error).message;
}

// `npm run --silent classify -- FILE.jsonl [--eval]`: classifies one JSON object per line (field
// `text`) with the offline model and prints one JSON line per input line, in order.
// --eval prints only the evaluation (accuracy and a confusion table per labelled field) instead
// of the per-line results, so the result stream stays pure JSONL when it is wanted.
import { readFileSync } from 'node:fs';
import { classifyOffline } from '../classify/offline.js';
import { fieldReport, formatReport } from '../classify/evaluate.js';

const FIELDS = ['kind', 'topic', 'sentiment', 'priority'] as const;
const USAGE = 'usage: npm run --silent classify -- FILE.jsonl [--eval]';

type LineResult =
  | { ok: true; text: string; labels: Record<string, unknown> }
  | { ok: false; error: string };

function main(argv: string[]): number {
  const evaluate = argv.includes('--eval');
  const files = argv.filter((a) => a !== '--eval');
  if (files.length !== 1 || files[0].startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  let content: string;
  try {
    content = readFileSync(files[0], 'utf8');
  } catch (error) {
    console.error(`Cannot read ${files[0]}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 2;
  }
  const lines = content.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop(); // the newline that ends the last line
  const out: string[] = [];
  const pairs: Record<string, { gold: string; predicted: string }[]> = { kind: [], topic: [], sentiment: [], priority: [] };
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const parsed = parseLine(line);
    if (!parsed.ok) {
      console.error(`line ${lineNo}: ${parsed.error}`);
      out.push(JSON.stringify({ error: parsed.error, line: lineNo }));
      return;
    }
    const c = classifyOffline(parsed.text);
    out.push(JSON.stringify({ kind: c.kind, topic: c.topic, sentiment: c.sentiment, score: c.score, priority: c.priority }));
    for (const field of FIELDS) {
      const gold = parsed.labels[field];
      if (typeof gold === 'string') pairs[field].push({ gold, predicted: String(c[field]) });
    }
  });
  if (!evaluate) {
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    return 0;
  }
  const reports = FIELDS.filter((f) => pairs[f].length > 0).map((f) => fieldReport(f, pairs[f]));
  if (reports.length === 0) {
    console.error('--eval: no line carries labels (kind, topic, sentiment, priority)');
    return 1;
  }
  process.stdout.write(reports.map(formatReport).join('\n\n') + '\n');
  return 0;
}

function parseLine(line: string): LineResult {
  if (line.trim() === '') return { ok: false, error: 'empty line' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'invalid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not a JSON object' };
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string' || record.text.trim() === '') return { ok: false, error: 'missing "text" string' };
  return { ok: true, text: record.text, labels: record };
}

process.exitCode = main(process.argv.slice(2));

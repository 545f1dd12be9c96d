// Every labelled case of the masking case file must come out exactly as labelled (LABELS.md §5):
// same masked text, same types in the same order, no false positives.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { maskPersonalData, type MaskType } from '../../src/privacy/mask.js';

interface PiiCase { text: string; masked: string; types: MaskType[] }

// The case file in corpus/ (see corpus/README.md for its provenance).
const CASES_URL = new URL('../../corpus/pii-cases.jsonl', import.meta.url);

function loadCases(): PiiCase[] {
  const lines = readFileSync(fileURLToPath(CASES_URL), 'utf8').split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => JSON.parse(line) as PiiCase);
}

test('masks every case of the pii case file exactly as labelled', () => {
  const cases = loadCases();
  expect(cases.length).toBeGreaterThanOrEqual(326);
  const failures = cases
    .map((c, index) => ({ line: index + 1, text: c.text, want: { masked: c.masked, types: c.types }, got: maskPersonalData(c.text) }))
    .filter((r) => r.got.masked !== r.want.masked || JSON.stringify(r.got.types) !== JSON.stringify(r.want.types));
  expect(failures).toEqual([]);
});

// The settings a person can read about are the settings the bot reads: .env.example, README's
// settings table and the config schema name the same ones.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Env } from '../../src/config.js';

const root = new URL('../../', import.meta.url);

function envExampleNames(): string[] {
  const text = readFileSync(new URL('.env.example', root), 'utf8');
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
}

/** Every `NAME` in the first column of the table under "## Settings". */
function readmeNames(): string[] {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const section = readme.split(/^## Settings\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]));
}

const sorted = (names: string[]) => [...new Set(names)].sort();

describe('settings parity', () => {
  const schema = sorted(Object.keys(Env.shape));

  test('.env.example names every setting of the schema, and no other', () => {
    expect(sorted(envExampleNames())).toEqual(schema);
  });

  test("README's settings table names every setting of the schema, and no other", () => {
    expect(sorted(readmeNames())).toEqual(schema);
  });

  test('each name appears once in .env.example', () => {
    const names = envExampleNames();
    expect(names.length).toBe(new Set(names).size);
  });
});

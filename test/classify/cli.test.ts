import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function classifyCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/classify.ts', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function tempFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'classify-cli-')), 'input.jsonl');
  writeFileSync(path, content);
  return path;
}

describe('classify command', () => {
  test('prints one line per input line, in order, and reports bad lines by number', async () => {
    const file = tempFile(
      [
        JSON.stringify({ text: '充电宝冒烟了，差点着火！' }),
        '{not json',
        JSON.stringify({ id: 3 }),
        JSON.stringify({ text: 'Thank you, the rider was quick and polite.' }),
      ].join('\n') + '\n',
    );
    const { code, stdout, stderr } = await classifyCli([file]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ kind: 'complaint', priority: 'urgent' });
    expect(Object.keys(lines[0])).toEqual(['kind', 'topic', 'sentiment', 'score', 'priority']);
    expect(lines[1]).toEqual({ error: 'invalid JSON', line: 2 });
    expect(lines[2]).toMatchObject({ line: 3 });
    expect(lines[3]).toMatchObject({ kind: 'praise', sentiment: 'positive' });
    expect(stderr).toContain('line 2');
    expect(stderr).toContain('line 3');
  });

  test('--eval prints accuracy and a confusion table per labelled field', async () => {
    const file = tempFile(
      [
        { text: '快递三天没更新物流。', kind: 'complaint', topic: 'logistics', sentiment: 'negative', priority: 'general' },
        { text: 'What are your opening hours?', kind: 'inquiry', topic: 'other', sentiment: 'neutral', priority: 'routine' },
      ].map((o) => JSON.stringify(o)).join('\n'),
    );
    const { code, stdout } = await classifyCli([file, '--eval']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^kind: \d+\.\d% \(\d\/2\)/m);
    expect(stdout).toMatch(/^topic: /m);
    expect(stdout).toContain('gold \\ predicted');
  });

  test('a missing file exits non-zero with a readable message', async () => {
    const { code, stderr } = await classifyCli([join(tmpdir(), 'no-such-file.jsonl')]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('Cannot read');
  });
});

// `npm start` runs the esbuild bundle in dist/: it must build, start, and find the files the code
// reads beside itself (the model, the web page) from wherever the bundler put that code.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dist = join(root, 'dist');

describe('the start-up bundle', { timeout: 120_000 }, () => {
  test('builds, and every file its code looks up beside itself is there', () => {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--force'], { stdio: 'pipe' });
    const lookups = readdirSync(dist).filter((name) => name.endsWith('.js'))
      .flatMap((name) => [...readFileSync(join(dist, name), 'utf8').matchAll(/new URL\("(\.\/[^"]*)", import\.meta\.url\)/g)].map((m) => m[1]));
    expect(lookups).toEqual(expect.arrayContaining(['./model.bin', './web/']));
    for (const path of lookups) expect(existsSync(join(dist, path)), path).toBe(true);
  });

  test('starts from dist/ and refuses a bad setting readably', () => {
    const run = spawnSync(process.execPath, [join(dist, 'main.js')], { env: { PATH: process.env.PATH, ENCRYPTION_KEY: 'short', BOT_LANG: 'en' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['Invalid configuration:', '- ENCRYPTION_KEY: must be 64 hex characters or base64 of 32 bytes (make one with openssl rand -hex 32)']);
  });
});

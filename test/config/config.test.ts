import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  test('defaults give the embedded database, port 3000 on 127.0.0.1 and the demo', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', database: { dir: './data' }, demo: true });
  });

  test('every bad setting is reported on its own line, and secrets are never echoed', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', INTAKE_SECRET: 'short-secret', DEMO: 'maybe' });
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.some((l) => l.startsWith('- PORT:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('- DATABASE_URL:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('- INTAKE_SECRET:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('- DEMO:'))).toBe(true);
    expect((error as Error).message).not.toContain('short-secret');
  });

  test('a PostgreSQL server needs an encryption key and an intake secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/db' })).toThrow(/ENCRYPTION_KEY[\s\S]*INTAKE_SECRET/);
  });

  test('an empty value in .env means unset', () => {
    expect(loadConfig({ PORT: '', DATA_DIR: '' })).toMatchObject({ port: 3000, dataDir: './data' });
  });
});

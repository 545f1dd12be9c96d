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
    expect(lines[0]).toBe('配置有误： / Invalid configuration:');
    expect(lines.some((l) => l.startsWith('- PORT:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('- DATABASE_URL:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('- INTAKE_SECRET:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('- DEMO:'))).toBe(true);
    expect((error as Error).message).not.toContain('short-secret');
  });

  test('a PostgreSQL server needs an encryption key and an intake secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/db' })).toThrow(/ENCRYPTION_KEY[\s\S]*INTAKE_SECRET/);
  });

  test('each problem is worded in the configured language, never in zod\'s own words', () => {
    const message = (env: NodeJS.ProcessEnv) => {
      try { loadConfig(env); } catch (e) { return (e as Error).message; }
      throw new Error('expected a ConfigError');
    };
    expect(message({ BOT_LANG: 'zh', HOST: 'not a host', ENCRYPTION_KEY: 'short', OPENAI_TIMEOUT_MS: '-5' })).toBe([
      '配置有误：',
      '- HOST: 应为 IP 地址或主机名，如 127.0.0.1、0.0.0.0 或 localhost',
      '- ENCRYPTION_KEY: 应为 64 个十六进制字符或 32 字节的 base64（可用 openssl rand -hex 32 生成）',
      '- OPENAI_TIMEOUT_MS: 必须大于 0',
    ].join('\n'));
    expect(message({ BOT_LANG: 'en', CUSTOM_TOPICS: '{oops', REPLY_WEBHOOK_URL: 'not a url' })).toBe([
      'Invalid configuration:',
      '- REPLY_WEBHOOK_URL: must be a URL, e.g. https://example.com',
      '- CUSTOM_TOPICS: must be a JSON list like [{"name":"invoice","keywords":["发票","invoice"]}]',
    ].join('\n'));
  });

  test('HOST takes addresses and host names; TZ takes zone names', () => {
    // Sign-in configured: an address other machines reach refuses to start without it (test/local/door.test.ts).
    for (const host of ['127.0.0.1', '0.0.0.0', '::', 'localhost', 'desk.example.com']) expect(loadConfig({ HOST: host, LOCAL_SIGN_IN: 'users' }).host).toBe(host);
    expect(loadConfig({ TZ: 'Asia/Shanghai' }).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ ENCRYPTION_KEY: 'ab'.repeat(32) }).encryptionKey).toBe('ab'.repeat(32));
  });

  test('an empty value in .env means unset', () => {
    expect(loadConfig({ PORT: '', DATA_DIR: '' })).toMatchObject({ port: 3000, dataDir: './data' });
  });
});

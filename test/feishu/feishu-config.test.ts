// Feishu is switched on by all four secrets together; a partial set or a bad domain stops the
// start with one readable line instead of a bot that cannot verify or cannot send.
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const four = { FEISHU_APP_ID: 'cli_a1', FEISHU_APP_SECRET: 'secret', FEISHU_ENCRYPT_KEY: 'key', FEISHU_VERIFICATION_TOKEN: 'token' };
const base = { DEMO: '0', BOT_LANG: 'en' };

describe('Feishu settings', () => {
  test('off by default; on with all four, on Feishu unless FEISHU_DOMAIN says lark or a URL', () => {
    expect(loadConfig(base).feishu).toBeUndefined();
    expect(loadConfig({ ...base, ...four }).feishu).toMatchObject({ appId: 'cli_a1', domain: 'feishu', adminOpenIds: [] });
    expect(loadConfig({ ...base, ...four, FEISHU_DOMAIN: 'lark' }).feishu?.domain).toBe('lark');
    expect(loadConfig({ ...base, ...four, FEISHU_ADMIN_OPEN_IDS: 'ou_a, ou_b' }).feishu?.adminOpenIds).toEqual(['ou_a', 'ou_b']);
  });

  test('some of the four without the others is refused, naming them, never echoing a value', () => {
    const error = (() => { try { loadConfig({ ...base, FEISHU_APP_ID: 'cli_a1', FEISHU_APP_SECRET: 'very-secret-value' }); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('FEISHU_ENCRYPT_KEY');
    expect((error as Error).message).toContain('set all four');
    expect((error as Error).message).not.toContain('very-secret-value');
  });

  test('a domain that is neither feishu, lark nor a URL, and admin ids that are not open_ids, are refused', () => {
    expect(() => loadConfig({ ...base, ...four, FEISHU_DOMAIN: 'open.feishu.cn' })).toThrow(/FEISHU_DOMAIN: must be feishu, lark or an http\(s\) URL/);
    expect(() => loadConfig({ ...base, ...four, FEISHU_ADMIN_OPEN_IDS: 'alice' })).toThrow(/FEISHU_ADMIN_OPEN_IDS/);
  });
});

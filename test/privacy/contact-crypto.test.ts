import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  ContactDecryptError,
  EncryptionKeyError,
  createContactCipher,
  loadOrCreateKeyFile,
  parseEncryptionKey,
} from '../../src/privacy/contact-crypto.js';

const key = randomBytes(32);
const cipher = createContactCipher(key);

describe('contact cipher', () => {
  test('round-trips text, including empty and non-ASCII values', () => {
    for (const plain of ['13912345678', 'li.wei@example.com', '', '李伟 +86 139 1234 5678 😀']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  test('writes a versioned, self-describing token with a fresh IV each time', () => {
    const a = cipher.encrypt('13912345678');
    const b = cipher.encrypt('13912345678');
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13912345678');
    const [, iv, tag] = a.split(':');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
  });

  test('rejects a tampered ciphertext, tag or IV', () => {
    const [version, iv, tag, body] = cipher.encrypt('13912345678').split(':');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] ^= 1;
      return bytes.toString('base64');
    };
    for (const token of [
      [version, iv, tag, flip(body)],
      [version, iv, flip(tag), body],
      [version, flip(iv), tag, body],
    ].map((parts) => parts.join(':'))) {
      expect(() => cipher.decrypt(token)).toThrow(ContactDecryptError);
      expect(() => cipher.decrypt(token)).toThrow(/altered or encrypted under another key/);
    }
  });

  test('rejects a token encrypted under another key', () => {
    const token = createContactCipher(randomBytes(32)).encrypt('13912345678');
    expect(() => cipher.decrypt(token)).toThrow(expect.objectContaining({ name: 'ContactDecryptError', code: 'auth_failed' }));
  });

  test('rejects malformed tokens and unknown versions with a code', () => {
    const [, iv, tag, body] = cipher.encrypt('x').split(':');
    expect(() => cipher.decrypt('13912345678')).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(() => cipher.decrypt(`v1:${iv}:${tag}`)).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(() => cipher.decrypt(`v1:${iv}:!!:${body}`)).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(() => cipher.decrypt(`v2:${iv}:${tag}:${body}`)).toThrow(expect.objectContaining({ code: 'unsupported_version' }));
  });

  test('refuses a key that is not 32 bytes', () => {
    expect(() => createContactCipher(randomBytes(16))).toThrow(EncryptionKeyError);
  });
});

describe('parseEncryptionKey', () => {
  test('accepts 64 hex characters and base64 of 32 bytes, ignoring surrounding whitespace', () => {
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
    expect(parseEncryptionKey(` ${key.toString('base64')}\n`)).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64url'))).toEqual(key);
  });

  test.each([
    ['', /64 hexadecimal characters or base64 of 32 bytes.*an empty value/],
    ['abc123', /got 6 hexadecimal characters/],
    [randomBytes(16).toString('base64'), /got base64 of 16 bytes/],
    ['not a key!', /neither hex nor base64/],
  ])('rejects %j with a readable message', (value, message) => {
    expect(() => parseEncryptionKey(value)).toThrow(EncryptionKeyError);
    expect(() => parseEncryptionKey(value)).toThrow(message);
  });

  test('never repeats the rejected value in its message', () => {
    const almost = randomBytes(31).toString('hex');
    expect(() => parseEncryptionKey(almost)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(almost) }));
  });
});

describe('loadOrCreateKeyFile', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('creates the key file once with mode 0600, then reuses it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'contact-key-'));
    const data = join(dir, 'data');
    const first = await loadOrCreateKeyFile(data);
    const path = join(data, 'encryption.key');
    expect(first).toHaveLength(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readFile(path, 'utf8')).trim()).toBe(first.toString('hex'));
    expect(await loadOrCreateKeyFile(data)).toEqual(first);
  });

  test('two instances starting together end up with the same key', async () => {
    dir = await mkdtemp(join(tmpdir(), 'contact-key-'));
    const [a, b] = await Promise.all([loadOrCreateKeyFile(dir), loadOrCreateKeyFile(dir)]);
    expect(a).toEqual(b);
  });

  test('names the file when it holds something that is not a key', async () => {
    dir = await mkdtemp(join(tmpdir(), 'contact-key-'));
    await writeFile(join(dir, 'encryption.key'), 'oops\n');
    await expect(loadOrCreateKeyFile(dir)).rejects.toThrow(/encryption\.key: Encryption key must be/);
  });
});

// Encryption of the contact details kept on a customer record (phone, e-mail): AES-256-GCM with a
// random 96-bit IV per value, so equal values encrypt differently and any change to a stored
// token is detected by the authentication tag.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateSecret } from '../secrets.js';

export interface ContactCipher {
  /** Returns `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`. */
  encrypt(plain: string): string;
  /** Throws ContactDecryptError when the token is malformed, of an unknown version, tampered with or under another key. */
  decrypt(token: string): string;
}

export type ContactDecryptErrorCode = 'malformed' | 'unsupported_version' | 'auth_failed';

export class ContactDecryptError extends Error {
  override name = 'ContactDecryptError';
  constructor(readonly code: ContactDecryptErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

export class EncryptionKeyError extends Error {
  override name = 'EncryptionKeyError';
  readonly code = 'invalid_key';
}

const CRYPTO = {
  algorithm: 'aes-256-gcm',
  keyBytes: 32,
  ivBytes: 12, // the size GCM is defined for; other sizes are hashed into one
  tagBytes: 16,
  version: 'v1',
  keyFile: 'encryption.key',
} as const;
// The version is authenticated too, so a token cannot be relabelled as another format.
const ADDITIONAL_DATA = Buffer.from(`contact:${CRYPTO.version}`);
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const HEX_DIGITS = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Builds the cipher for one 32-byte key. Throws EncryptionKeyError for any other key size. */
export function createContactCipher(key: Buffer): ContactCipher {
  if (key.length !== CRYPTO.keyBytes) {
    throw new EncryptionKeyError(`Encryption key must be ${CRYPTO.keyBytes} bytes, got ${key.length}`);
  }
  const secret = Buffer.from(key); // a private copy: later changes to the caller's buffer do not leak in
  return {
    encrypt(plain) {
      const iv = randomBytes(CRYPTO.ivBytes);
      const cipher = createCipheriv(CRYPTO.algorithm, secret, iv, { authTagLength: CRYPTO.tagBytes });
      cipher.setAAD(ADDITIONAL_DATA);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${CRYPTO.version}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
    },
    decrypt(token) {
      const { iv, tag, body } = parseToken(token);
      const decipher = createDecipheriv(CRYPTO.algorithm, secret, iv, { authTagLength: CRYPTO.tagBytes });
      decipher.setAAD(ADDITIONAL_DATA);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new ContactDecryptError('auth_failed', 'Contact token failed authentication: it was altered or encrypted under another key', { cause: error });
      }
    },
  };
}

/**
 * Reads an ENCRYPTION_KEY setting: 64 hex characters, or base64 (standard or URL-safe) of 32 bytes.
 * Throws EncryptionKeyError otherwise; the message never repeats the value, which is a secret.
 */
export function parseEncryptionKey(value: string): Buffer {
  const text = value.trim();
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  const bytes = decodeBase64(text);
  if (bytes?.length === CRYPTO.keyBytes) return bytes;
  const seen = describeKeyText(text, bytes);
  throw new EncryptionKeyError(
    `Encryption key must be 64 hexadecimal characters or base64 of ${CRYPTO.keyBytes} bytes (e.g. from \`openssl rand -hex 32\`); got ${seen}`,
  );
}

/**
 * Returns the key in `<dir>/encryption.key`, creating the directory and the file (32 random bytes
 * as hex, mode 0600) when it is missing. Used by the embedded default, which has no configured key.
 * Throws EncryptionKeyError, naming the file, when an existing file does not hold a valid key.
 */
export async function loadOrCreateKeyFile(dir: string): Promise<Buffer> {
  return parseKeyFile(join(dir, CRYPTO.keyFile), await loadOrCreateSecret(dir, CRYPTO.keyFile));
}

function parseToken(token: string): { iv: Buffer; tag: Buffer; body: Buffer } {
  const parts = token.split(':');
  if (parts[0] !== CRYPTO.version) {
    const code = parts.length === 4 ? 'unsupported_version' : 'malformed';
    throw new ContactDecryptError(code, `Contact token is not a ${CRYPTO.version} token`);
  }
  const [iv, tag, body] = parts.length === 4 ? parts.slice(1).map(decodeBase64) : [];
  if (iv?.length !== CRYPTO.ivBytes || tag?.length !== CRYPTO.tagBytes || !body) {
    throw new ContactDecryptError('malformed', `Contact token must be ${CRYPTO.version}:<iv>:<tag>:<ciphertext> in base64`);
  }
  return { iv, tag, body };
}

function describeKeyText(text: string, bytes: Buffer | undefined): string {
  if (text === '') return 'an empty value';
  if (HEX_DIGITS.test(text)) return `${text.length} hexadecimal characters`;
  return bytes ? `base64 of ${bytes.length} bytes` : `${text.length} characters that are neither hex nor base64`;
}

// Buffer.from(…, 'base64') skips characters it does not know; this refuses them instead.
function decodeBase64(text: string): Buffer | undefined {
  if (BASE64.test(text)) return Buffer.from(text, 'base64');
  if (BASE64URL.test(text)) return Buffer.from(text, 'base64url');
  return undefined;
}

function parseKeyFile(path: string, text: string): Buffer {
  try {
    return parseEncryptionKey(text);
  } catch (error) {
    throw new EncryptionKeyError(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

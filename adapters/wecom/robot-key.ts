// A group robot's webhook key is a credential: whoever holds it can post into the group. It is
// kept only sealed, as the room's chat id `robot:k1.<token>`, so chat_channels, the outbox, logs
// and `/fb setup` listings never hold it in clear. The seal is deterministic (AES-256-GCM with the
// IV derived from the key by HMAC, keys derived from ENCRYPTION_KEY by HKDF): the same robot
// always gets the same chat id, so its pace and its registrations are one room's. Equal keys
// giving equal tokens is all it reveals.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

const PREFIX = 'k1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A webhook key as WeCom issues it (a UUID) and nothing that could carry markup or a path. */
const KEY_SHAPE = /^[A-Za-z0-9_-]{8,128}$/;

export interface RobotKeySeal {
  /** `k1.<base64url>` for a webhook key; the same key always gives the same token. */
  seal(key: string): string;
  /** The webhook key of a token made by seal(); undefined for anything else (a plain key included). */
  open(token: string): string | undefined;
}

export function createRobotKeySeal(secret: Buffer): RobotKeySeal {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `wecom robot key ${label}`, 32));
  const encKey = derive('encryption');
  const ivKey = derive('iv');
  return {
    seal(key) {
      const iv = createHmac('sha256', ivKey).update(key).digest().subarray(0, IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
      const body = Buffer.concat([cipher.update(key, 'utf8'), cipher.final()]);
      return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(token) {
      if (!token.startsWith(PREFIX)) return undefined;
      const bytes = Buffer.from(token.slice(PREFIX.length), 'base64url');
      if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const key = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        return KEY_SHAPE.test(key) ? key : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export function isRobotKey(text: string): boolean {
  return KEY_SHAPE.test(text);
}

// Links to files the bot serves (an export, a digest chart) that need no sign-in: the path and
// its expiry are signed with HMAC-SHA256, so a changed path, id or expiry is refused, and so is
// a link past its time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkCheck = { ok: true } | { ok: false; reason: 'bad_signature' | 'expired' };

export interface LinkSigner {
  /** `path?expires=…&sig=…`, valid until `expiresAt`. */
  sign(path: string, expiresAt: Date): string;
  check(path: string, query: { expires?: unknown; sig?: unknown }, now: Date): LinkCheck;
}

/** The key is derived from `secret` in a context of its own, so no other signature made with it is a valid link. */
export function createLinkSigner(secret: string): LinkSigner {
  const key = createHmac('sha256', secret).update('feedback-desk signed file links v1').digest();
  const mac = (path: string, expires: string) => createHmac('sha256', key).update(`${expires}\n${path}`).digest();
  return {
    sign(path, expiresAt) {
      const expires = String(Math.floor(expiresAt.getTime() / 1000));
      return `${path}?expires=${expires}&sig=${mac(path, expires).toString('base64url')}`;
    },
    check(path, query, now) {
      const { expires, sig } = query;
      if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof sig !== 'string') return { ok: false, reason: 'bad_signature' };
      const given = Buffer.from(sig, 'base64url');
      const wanted = mac(path, expires);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, reason: 'bad_signature' };
      if (Number(expires) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true };
    },
  };
}

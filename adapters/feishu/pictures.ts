// Kept pictures (an item's attachments) in Feishu cards. A card shows a picture only by the
// image_key Feishu gave for its upload (im.v1.image.create), so each picture is uploaded once per
// app and its key kept by the core's store (the database): a restart or a second instance reuses
// it. A picture that cannot be uploaded now is named on the card, not shown, and tried again at
// the card's next send or update; delivery never waits on it. One Feishu refused is left alone
// for a while (the store decides how long).
import type { Card, CardNode, CardPicture } from '../../cards/card.js';
import { PlatformError } from '../chat-adapter.js';
import { FEISHU_LIMITS as L } from './limits.js';

/** The core's memory of uploads for this app; never throws into a delivery (failures are caught here). */
export interface FeishuPictureStore {
  /** The keys this app has for these pictures; a picture Feishu refused lately maps to null. */
  known(ids: string[]): Promise<Map<string, string | null>>;
  bytesOf(id: string): Promise<Buffer | undefined>;
  remember(id: string, imageKey: string): Promise<void>;
  refused(id: string): Promise<void>;
}

type KeptImage = Extract<CardNode, { type: 'image' }> & { picture: CardPicture };

/**
 * The card with each kept picture's `url` set to its image_key where there is one (the renderer
 * draws those as `img`). With `upload`, pictures without a key are uploaded first; without it
 * (a click's answer, due in 3 s) only keys already known are used.
 */
export async function withImageKeys(card: Card, store: FeishuPictureStore | undefined, upload?: (bytes: Buffer) => Promise<string>): Promise<Card> {
  const kept = card.body.filter((n): n is KeptImage => n.type === 'image' && n.picture !== undefined);
  if (!store || kept.length === 0) return card;
  const keys = await store.known([...new Set(kept.map((n) => n.picture.id))]).catch(() => new Map<string, string | null>());
  if (upload) {
    for (const { picture } of kept) {
      if (keys.has(picture.id)) continue;
      keys.set(picture.id, null); // for this card, whatever happens below
      if (!(L.imageTypes as readonly string[]).includes(picture.contentType) || picture.size > L.imageBytes) continue;
      try {
        const bytes = await store.bytesOf(picture.id);
        if (!bytes) continue;
        const key = await upload(bytes);
        keys.set(picture.id, key);
        await store.remember(picture.id, key);
      } catch (error) {
        // Feishu said no to this picture: do not ask again on every update. Anything else
        // (rate limit, Feishu unreachable) is simply tried at the next send.
        if (error instanceof PlatformError && error.code === 'rejected') await store.refused(picture.id).catch(() => undefined);
      }
    }
  }
  if (![...keys.values()].some(Boolean)) return card;
  return { ...card, body: card.body.map((n) => (n.type === 'image' && n.picture && keys.get(n.picture.id) ? { ...n, url: keys.get(n.picture.id)! } : n)) };
}

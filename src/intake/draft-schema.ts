// The intake contract: one JSON feedback draft, checked field by field.
import { z } from 'zod';
import { TIERS } from '../domain/types.js';
import { maskText } from '../privacy/mask.js';
import { ATTACHMENT_LIMITS, AttachmentDraftSchema } from '../attachments/read-attachments.js';

export const MAX_ITEM_BYTES = 64 * 1024;
export const MAX_BATCH_ITEMS = 1000;

/** A satisfaction (CSAT) answer: 1–5, 4 and 5 counting as satisfied. */
export const RATING = z.number().int().min(1).max(5);
/** A recommendation (NPS) answer: 0–10, 9 and 10 promoters, 0–6 detractors. */
export const NPS = z.number().int().min(0).max(10);

export const FeedbackDraftSchema = z.object({
  text: z.string().max(20_000),
  customer: z.object({
    id: z.string().trim().min(1).max(200),
    // A name is shown on cards and stored as text, so personal data in it is masked here, before
    // any later step sees it: "Dave 13612345678" becomes "Dave [PHONE]".
    name: z.string().trim().max(200).transform(maskText).optional(),
    phone: z.string().trim().max(50).optional(),
    email: z.string().trim().max(320).optional(),
    tier: z.enum(TIERS).optional(),
  }),
  channel: z.string().trim().min(1).max(50),
  external_id: z.string().trim().min(1).max(200).optional(),
  occurred_at: z.iso.datetime({ offset: true }).optional(),
  rating: RATING.optional(),
  nps: NPS.optional(),
  order_id: z.string().trim().max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).transform(maskKeys).optional(),
  /** Pictures and files, base64: checked whole (type, size, magic bytes) by readAttachments before the item is stored. */
  attachments: z.array(AttachmentDraftSchema).max(ATTACHMENT_LIMITS.perItem).optional(),
});
export type FeedbackDraft = z.infer<typeof FeedbackDraftSchema>;

/**
 * The metadata's values are masked when the item is stored; its keys are masked here, since a
 * sender may key a map by phone number. The input guard has bounded the depth, so recursion is safe.
 */
function maskKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskText(key), maskKeys(item)])) as T;
}

export const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

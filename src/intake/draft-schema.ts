// The intake contract: one JSON feedback draft, checked field by field.
import { z } from 'zod';
import { TIERS } from '../domain/types.js';
import { maskText } from '../privacy/mask.js';

export const MAX_ITEM_BYTES = 64 * 1024;
export const MAX_BATCH_ITEMS = 1000;

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
  rating: z.number().int().min(1).max(5).optional(),
  order_id: z.string().trim().max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type FeedbackDraft = z.infer<typeof FeedbackDraftSchema>;

export const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** "customer.id: Required" style lines, naming each bad field. */
export function describeIssues(error: z.ZodError, prefix = ''): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: prefix + (i.path.length ? i.path.join('.') : '(body)'), message: i.message }));
}

// Attachments sent with an item at intake: `attachments: [{ name, content_type, data_base64 }]`.
// Each one is checked whole before anything of the item is stored: the type is one we keep, the
// base64 is strict, the size is within the limits, and the bytes really are the declared type
// (read from their magic numbers by file-type, never trusted from the name or the header).
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import type { Translate } from '../i18n/translate.js';
import { maskText } from '../privacy/mask.js';
import { sizeText } from './attachment-kind.js';

/** Pictures every platform can show (and Feishu takes as image uploads), and PDF as the one file type. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const ATTACHMENT_LIMITS = {
  perItem: 4,
  /** One attachment, decoded; under Feishu's 10 MB image limit, so every kept picture can be shown there. */
  fileBytes: 5 * 1024 * 1024,
  /** All of one item's attachments together, decoded. */
  itemBytes: 10 * 1024 * 1024,
  nameLength: 200,
} as const;

/** The most base64 text one item's attachments can take, with room for their names and keys. */
export const ATTACHMENT_BODY_BYTES = Math.ceil(ATTACHMENT_LIMITS.itemBytes / 3) * 4 + 16 * 1024;

export const AttachmentDraftSchema = z.object({
  name: z.string().trim().min(1).max(ATTACHMENT_LIMITS.nameLength),
  content_type: z.string().trim().min(1).max(100),
  data_base64: z.string().min(1),
});
export type AttachmentDraft = z.infer<typeof AttachmentDraftSchema>;

/** One attachment ready to store with its item; `base64` is its checked, whitespace-free text. */
export interface PreparedAttachment {
  id: string;
  ord: number;
  /** Masked like any stored text: a file called "13812345678.jpg" is kept as "[PHONE].jpg". */
  name: string;
  contentType: AttachmentType;
  size: number;
  sha256: string;
  base64: string;
}

export type AttachmentRefusal = { status: 413 | 415 | 422; error: string; errors: { field: string; message: string }[] };
export type AttachmentReading = { ok: true; attachments: PreparedAttachment[] } | ({ ok: false } & AttachmentRefusal);

/** Standard base64, padding only at the end (with the length a multiple of 4); one character class, so megabytes of it cost no stack. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Checks every attachment of one item (the schema has bounded their number); the first problem refuses the item (413 too big, 415 a
 * type we do not keep, 422 bad base64 or bytes that are not the declared type). Never throws.
 */
export async function readAttachments(drafts: AttachmentDraft[] | undefined, t: Translate, prefix = ''): Promise<AttachmentReading> {
  if (!drafts || drafts.length === 0) return { ok: true, attachments: [] };
  const at = (n: number, key?: string) => `${prefix}attachments.${n}${key ? `.${key}` : ''}`;
  const out: PreparedAttachment[] = [];
  let total = 0;
  for (const [n, draft] of drafts.entries()) {
    const type = draft.content_type.toLowerCase().split(';')[0]!.trim();
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
      return refuse(415, 'attachment_type', at(n, 'content_type'), t('attachment.type', { types: ATTACHMENT_TYPES.join(', ') }));
    }
    // The size is known from the text's length, so an oversized one is refused before it is decoded.
    const data = draft.data_base64.replace(/\s+/g, '');
    const size = Math.floor(data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
    if (size > ATTACHMENT_LIMITS.fileBytes) {
      return refuse(413, 'attachment_too_large', at(n, 'data_base64'), t('attachment.too_large', { size: sizeText(ATTACHMENT_LIMITS.fileBytes) }));
    }
    if (data.length % 4 !== 0 || !BASE64.test(data)) return refuse(422, 'bad_base64', at(n, 'data_base64'), t('attachment.bad_base64'));
    if (size <= 0) return refuse(422, 'empty_attachment', at(n, 'data_base64'), t('attachment.empty'));
    total += size;
    if (total > ATTACHMENT_LIMITS.itemBytes) {
      return refuse(413, 'attachments_too_large', `${prefix}attachments`, t('attachment.total_too_large', { size: sizeText(ATTACHMENT_LIMITS.itemBytes) }));
    }
    const bytes = Buffer.from(data, 'base64');
    const found = await fileTypeFromBuffer(bytes).catch(() => undefined);
    if (found?.mime !== type) {
      return refuse(422, 'attachment_mismatch', at(n, 'data_base64'), t('attachment.mismatch', { declared: type, found: found?.mime ?? t('attachment.unknown_content') }));
    }
    out.push(preparedAttachment(bytes, type as AttachmentType, draft.name, n, data));
  }
  return { ok: true, attachments: out };
}

/**
 * Checked bytes as they are stored: a new id, the name masked and without folders, the content
 * hash. `base64` is the checked text they came as, when they came as base64 (not encoded again).
 */
export function preparedAttachment(bytes: Buffer, contentType: AttachmentType, name: string, ord: number, base64 = bytes.toString('base64')): PreparedAttachment {
  return {
    id: randomUUID(), ord, name: maskText(baseName(name)), contentType, size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'), base64,
  };
}

/** The type the bytes really are (magic numbers), when it is one we keep. */
export async function keptTypeOf(bytes: Buffer): Promise<{ mime: AttachmentType; ext: string } | undefined> {
  const found = await fileTypeFromBuffer(bytes).catch(() => undefined);
  return found && (ATTACHMENT_TYPES as readonly string[]).includes(found.mime) ? { mime: found.mime as AttachmentType, ext: found.ext } : undefined;
}

/** The name without any folder a browser or client put before it ("C:\fakepath\a.png" is "a.png"). */
function baseName(name: string): string {
  return name.split(/[\\/]/).filter(Boolean).at(-1)?.trim() || name.trim();
}

function refuse(status: 413 | 415 | 422, error: string, field: string, message: string): { ok: false } & AttachmentRefusal {
  return { ok: false, status, error, errors: [{ field, message }] };
}

// The public review corpora in corpus/real-reviews: polarity only, no kind or topic.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ReviewSchema = z.object({
  text: z.string().min(1),
  sentiment: z.enum(['positive', 'negative']),
  domain: z.string().min(1),
});
export type Review = z.infer<typeof ReviewSchema>;

export const REVIEW_FILES = ['waimai-train.jsonl', 'hotel-train.jsonl'] as const;
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** Parses review JSONL; throws with the line number on the first invalid line. */
export function parseReviewJsonl(content: string): Review[] {
  const out: Review[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = ReviewSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid review'}`);
    out.push(parsed.data);
  });
  return out;
}

/** Every review of the corpus folder, in file order. */
export function loadReviews(dir = CORPUS_DIR): Review[] {
  return REVIEW_FILES.flatMap((file) => parseReviewJsonl(readFileSync(`${dir}real-reviews/${file}`, 'utf8')));
}

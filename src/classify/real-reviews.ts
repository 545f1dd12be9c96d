// The public review corpora in corpus/real-reviews and corpus/english-reviews: polarity only, no kind or topic.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseJsonl } from './dataset.js';

export const ReviewSchema = z.object({
  text: z.string().min(1),
  sentiment: z.enum(['positive', 'negative']),
  domain: z.string().min(1),
});
export type Review = z.infer<typeof ReviewSchema>;

/** Chinese reviews (the project's training split) and English review sentences (see corpus/README.md). */
export const REVIEW_FILES = [
  'real-reviews/waimai-train.jsonl',
  'real-reviews/hotel-train.jsonl',
  'english-reviews/amazon.jsonl',
  'english-reviews/imdb.jsonl',
  'english-reviews/yelp.jsonl',
] as const;
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** Parses review JSONL; throws with the line number on the first invalid line. */
export function parseReviewJsonl(content: string): Review[] {
  return parseJsonl(content, ReviewSchema);
}

/** Every review of the corpus folder, in file order. */
export function loadReviews(dir = CORPUS_DIR): Review[] {
  return REVIEW_FILES.flatMap((file) => parseReviewJsonl(readFileSync(`${dir}${file}`, 'utf8')));
}

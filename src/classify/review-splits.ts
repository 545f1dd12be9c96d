// The real-review splits the benchmark and the tests measure polarity on: per domain, a fixed
// held-out fifth (in-domain: the rest of that domain is in training), and the whole domain left
// out of training (cross-domain).
import { seededShuffle } from './dataset.js';
import type { Review } from './real-reviews.js';

export interface ReviewSplit {
  train: Review[];
  test: Review[];
}

const HELD_OUT_SHARE = 0.2;

/** The held-out fifth of each domain; the same reviews whichever split is asked for. */
function partition(reviews: readonly Review[], seed: number): { heldOut: Set<Review>; domains: string[] } {
  const domains = [...new Set(reviews.map((r) => r.domain))].sort();
  const heldOut = new Set<Review>();
  for (const domain of domains) {
    const own = seededShuffle(reviews.filter((r) => r.domain === domain), seed);
    for (const r of own.slice(0, Math.round(own.length * HELD_OUT_SHARE))) heldOut.add(r);
  }
  return { heldOut, domains };
}

/** Trains on every domain's other four fifths; tests on the held-out fifths of all domains. */
export function inDomainSplit(reviews: readonly Review[], seed = 11): ReviewSplit {
  const { heldOut } = partition(reviews, seed);
  return { train: reviews.filter((r) => !heldOut.has(r)), test: reviews.filter((r) => heldOut.has(r)) };
}

/** Trains on the other domains only; tests on `domain`'s held-out fifth (the same reviews as in-domain). */
export function crossDomainSplit(reviews: readonly Review[], domain: string, seed = 11): ReviewSplit {
  const { heldOut } = partition(reviews, seed);
  return { train: reviews.filter((r) => r.domain !== domain), test: reviews.filter((r) => r.domain === domain && heldOut.has(r)) };
}

export function reviewDomains(reviews: readonly Review[]): string[] {
  return [...new Set(reviews.map((r) => r.domain))].sort();
}

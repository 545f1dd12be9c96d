// The baseline the offline model's polarity is measured against: multinomial naive Bayes over
// character unigrams and bigrams with add-one smoothing, the textbook model for Chinese reviews.
import { normalizeText } from './normalize.js';

export interface NaiveBayes {
  labels: string[];
  logPrior: number[];
  /** Per label: log P(gram | label) of every gram seen in training. */
  logLikelihood: Map<string, number>[];
  /** Per label: log P(unseen gram | label). */
  logUnseen: number[];
}

function grams(text: string): string[] {
  const t = normalizeText(text).replace(/\s+/g, ' ');
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    out.push(t[i]);
    if (i + 1 < t.length) out.push(t.slice(i, i + 2));
  }
  return out;
}

export function trainNaiveBayes(examples: readonly { text: string; label: string }[]): NaiveBayes {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const counts = labels.map(() => new Map<string, number>());
  const totals = labels.map(() => 0);
  const docs = labels.map(() => 0);
  const vocabulary = new Set<string>();
  for (const { text, label } of examples) {
    const l = labels.indexOf(label);
    docs[l]++;
    for (const g of grams(text)) {
      counts[l].set(g, (counts[l].get(g) ?? 0) + 1);
      totals[l]++;
      vocabulary.add(g);
    }
  }
  const v = vocabulary.size;
  return {
    labels,
    logPrior: docs.map((d) => Math.log(d / examples.length)),
    logLikelihood: counts.map((m, l) => new Map([...m].map(([g, c]) => [g, Math.log((c + 1) / (totals[l] + v))]))),
    logUnseen: totals.map((t) => Math.log(1 / (t + v))),
  };
}

export function predictNaiveBayes(model: NaiveBayes, text: string): string {
  const scores = [...model.logPrior];
  for (const g of grams(text)) {
    for (let l = 0; l < scores.length; l++) scores[l] += model.logLikelihood[l].get(g) ?? model.logUnseen[l];
  }
  let best = 0;
  for (let l = 1; l < scores.length; l++) if (scores[l] > scores[best]) best = l;
  return model.labels[best];
}

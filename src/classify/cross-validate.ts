// Grouped k-fold cross-validation of the training procedure, shared by the benchmark and the tests.
import { seededShuffle, type LabelledExample } from './dataset.js';
import { classifyWithModel } from './decide.js';
import { fieldReport, type FieldReport } from './evaluate.js';
import { groupNearParaphrases } from './near-paraphrases.js';
import { trainModel, type TrainOptions } from './train.js';

export const EVAL_FIELDS = ['kind', 'topic', 'sentiment', 'priority'] as const;
export type EvalField = (typeof EVAL_FIELDS)[number];

/**
 * Grouped k-fold: near-paraphrases (see groupNearParaphrases) share a group and every group sits
 * in one fold, so a held-out text never has a reworded twin in training. Groups are dealt to the
 * folds in a deterministic shuffled order; trains on k-1 folds with trainModel and predicts the
 * held-out one; returns one report per field over all held-out predictions.
 */
export function crossValidate(examples: readonly LabelledExample[], folds = 5, seed = 42, options?: TrainOptions): FieldReport[] {
  const pairs: Record<EvalField, { gold: string; predicted: string }[]> = { kind: [], topic: [], sentiment: [], priority: [] };
  for (const { train, test } of groupedFolds(examples, folds, seed)) {
    for (const [field, fieldPairs] of Object.entries(evaluateSplit(train, test, options))) pairs[field as EvalField].push(...fieldPairs);
  }
  return EVAL_FIELDS.map((field) => fieldReport(field, pairs[field]));
}

/** The train/test pairs of grouped k-fold cross-validation (see crossValidate). */
export function groupedFolds<T extends { text: string }>(examples: readonly T[], folds = 5, seed = 42): { train: T[]; test: T[] }[] {
  const groups = groupNearParaphrases(examples.map((e) => e.text));
  const order = seededShuffle([...new Set(groups)], seed);
  const foldOfGroup = new Map(order.map((g, i) => [g, i % folds]));
  return Array.from({ length: folds }, (_, fold) => ({
    train: examples.filter((_, i) => foldOfGroup.get(groups[i]) !== fold),
    test: examples.filter((_, i) => foldOfGroup.get(groups[i]) === fold),
  }));
}

/** Trains on `train` and returns gold/predicted pairs per field for `test`. */
export function evaluateSplit(train: readonly LabelledExample[], test: readonly LabelledExample[], options?: TrainOptions) {
  const model = trainModel(train, options);
  const pairs: Record<EvalField, { gold: string; predicted: string }[]> = { kind: [], topic: [], sentiment: [], priority: [] };
  for (const example of test) {
    const result = classifyWithModel(model, example.text);
    for (const field of EVAL_FIELDS) pairs[field].push({ gold: example[field], predicted: String(result[field]) });
  }
  return pairs;
}

// k-fold cross-validation of the training procedure, shared by the benchmark and the tests.
import { seededShuffle, type LabelledExample } from './dataset.js';
import { classifyWithModel } from './decide.js';
import { fieldReport, type FieldReport } from './evaluate.js';
import { trainModel, type TrainOptions } from './train.js';

export const EVAL_FIELDS = ['kind', 'topic', 'sentiment', 'priority'] as const;
export type EvalField = (typeof EVAL_FIELDS)[number];

/**
 * Shuffles deterministically, trains on k-1 folds with trainModel and predicts the held-out fold;
 * returns one report per field over all held-out predictions.
 */
export function crossValidate(examples: readonly LabelledExample[], folds = 5, seed = 42, options?: TrainOptions): FieldReport[] {
  const shuffled = seededShuffle(examples, seed);
  const pairs: Record<EvalField, { gold: string; predicted: string }[]> = { kind: [], topic: [], sentiment: [], priority: [] };
  for (let fold = 0; fold < folds; fold++) {
    const test = shuffled.filter((_, i) => i % folds === fold);
    const train = shuffled.filter((_, i) => i % folds !== fold);
    for (const [field, fieldPairs] of Object.entries(evaluateSplit(train, test, options))) pairs[field as EvalField].push(...fieldPairs);
  }
  return EVAL_FIELDS.map((field) => fieldReport(field, pairs[field]));
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

// Training of the offline model. train-cli, the benchmark's cross-validation and the accuracy
// test all call trainModel, so the figures they report describe the shipped procedure.
import { BUILTIN_TOPICS, KINDS, PRIORITIES, SENTIMENTS } from '../domain/types.js';
import { seededShuffle, type LabelledExample } from './dataset.js';
import { emptyModel, FEATURE_VALUE, HEADS, headScores, type HeadName, type OfflineModel } from './linear-model.js';
import { analyseText } from './text-features.js';

export interface TrainOptions {
  epochs?: number;
  /** Adagrad base learning rate. */
  learningRate?: number;
  /** L2 penalty per update, applied to the rows a text touches. */
  l2?: number;
  seed?: number;
}

const DEFAULTS: Required<TrainOptions> = { epochs: 25, learningRate: 0.5, l2: 1e-4, seed: 7 };

const HEAD_LABELS = { kind: KINDS, topic: BUILTIN_TOPICS, sentiment: SENTIMENTS, priority: PRIORITIES } as const;

/** Trains all four heads on the examples; deterministic for a given seed. */
export function trainModel(examples: readonly LabelledExample[], options: TrainOptions = {}): OfflineModel {
  const opts = { ...DEFAULTS, ...options };
  const rows = examples.map((example) => ({ example, features: analyseText(example.text).features }));
  const model = emptyModel(HEAD_LABELS);
  const squaredGradients = new Float32Array(model.weights.length);
  for (const name of HEADS) {
    const labels: readonly string[] = HEAD_LABELS[name];
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (const row of seededShuffle(rows, opts.seed + epoch)) {
        sgdStep(model, name, squaredGradients, row.features, labels.indexOf(row.example[name]), opts);
      }
    }
  }
  return model;
}

/** One Adagrad step of one head's softmax loss, with L2 on the rows the text touches. */
function sgdStep(model: OfflineModel, head: HeadName, g2: Float32Array, features: number[], target: number, opts: Required<TrainOptions>): void {
  const { offset, labels } = model.heads[head];
  const probs = headScores(model, head, features);
  const w = model.weights;
  for (const f of features) {
    const row = f * model.width + offset;
    for (let c = 0; c < labels.length; c++) {
      const i = row + c;
      const grad = (probs[c] - (c === target ? 1 : 0)) * FEATURE_VALUE + opts.l2 * w[i];
      g2[i] += grad * grad;
      w[i] -= (opts.learningRate * grad) / Math.sqrt(g2[i] + 1e-8);
    }
  }
}

// `npm run train [-- LABELLED.jsonl]`: trains the offline model on the labelled set and the real
// reviews in corpus/ and writes src/classify/model.bin. Paths resolve from the repository root,
// so the command works from any working directory.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseLabelledJsonl } from './dataset.js';
import { serializeModel } from './model-file.js';
import { loadReviews } from './real-reviews.js';
import { trainCalibratedModel } from './train-shipped.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_DATA = 'corpus/feedback-labelled.jsonl';
const MODEL_PATH = fileURLToPath(new URL('./model.bin', import.meta.url));

function main(argv: string[]): number {
  const dataPath = resolve(REPO_ROOT, argv[0] ?? DEFAULT_DATA);
  let content: string;
  try {
    content = readFileSync(dataPath, 'utf8');
  } catch (error) {
    console.error(`Cannot read labelled data ${dataPath}: ${(error as Error).message}`);
    return 1;
  }
  const examples = parseLabelledJsonl(content);
  const reviews = loadReviews();
  const started = performance.now();
  const model = trainCalibratedModel(examples, reviews);
  const file = serializeModel(model, { labelled: examples.length, reviews: reviews.length });
  writeFileSync(MODEL_PATH, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { a, b } = model.calibration;
  console.log(`Trained on ${examples.length} labelled texts and ${reviews.length} reviews in ${seconds}s; calibration a=${a.toFixed(2)} b=${b.toFixed(2)}`);
  console.log(`Wrote ${MODEL_PATH} (${(file.length / 1024 / 1024).toFixed(1)} MiB)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));

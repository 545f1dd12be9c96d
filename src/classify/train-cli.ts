// `npm run train [-- DATA.jsonl]`: trains the offline model and writes src/classify/model.json.
// The data path defaults to the labelled set in corpus/, resolved from the repository root so the
// command works from any working directory.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseLabelledJsonl } from './dataset.js';
import { serializeModel } from './model-file.js';
import { trainModel } from './train.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_DATA = 'corpus/feedback-labelled.jsonl';
const MODEL_PATH = fileURLToPath(new URL('./model.json', import.meta.url));

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
  const started = performance.now();
  const model = trainModel(examples);
  const json = JSON.stringify(serializeModel(model, examples.length));
  writeFileSync(MODEL_PATH, json + '\n');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Trained on ${examples.length} examples in ${seconds}s; wrote ${MODEL_PATH} (${(json.length / 1024).toFixed(0)} KiB)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));

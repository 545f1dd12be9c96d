// The default classifier: the committed model plus lexicon rules, no network, no download.
import { readFileSync } from 'node:fs';
import { classifyWithModel, type ClassifyOptions } from './decide.js';
import type { OfflineModel } from './linear-model.js';
import { deserializeModel } from './model-file.js';
import type { Classification } from './types.js';

export const MODEL_URL = new URL('./model.bin', import.meta.url);

// Loaded once, on the first text to classify (one read of about 10 MB, see model-file.ts), so a
// start that has nothing to classify does not pay for it; `npm run train` rewrites the file.
let shippedModel: OfflineModel | undefined;
function shipped(): OfflineModel {
  shippedModel ??= deserializeModel(readFileSync(MODEL_URL));
  return shippedModel;
}

/**
 * Classifies one (masked) text with the shipped model. Synchronous, pure, never throws for any
 * string input. Custom topics: when a keyword of a configured topic occurs in the text, the
 * topic is that custom name (first matching topic in configured order), overriding the model's
 * built-in topic; kind, sentiment and priority are unaffected.
 */
export function classifyOffline(text: string, options?: ClassifyOptions): Classification {
  return classifyWithModel(shipped(), text, options);
}

export type { ClassifyOptions };

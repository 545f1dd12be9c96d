// Chooses the classifier for the app: offline by default, the LLM with offline fall-back when an
// API key is configured.
import { createLlmClassifier, type LlmSettings } from './llm.js';
import { classifyOffline } from './offline.js';
import type { Classifier, CustomTopic } from './types.js';

export interface ClassifierOptions {
  customTopics?: CustomTopic[];
  llm?: LlmSettings;
}

/** Never throws at classify time; see Classifier. Pass masked text only. */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const customTopics = options.customTopics ?? [];
  const offline = (text: string) => classifyOffline(text, { customTopics });
  if (options.llm) return createLlmClassifier(options.llm, customTopics, offline);
  return { classify: async (maskedText) => ({ ...offline(maskedText), via: 'offline' }) };
}

export type { LlmSettings };

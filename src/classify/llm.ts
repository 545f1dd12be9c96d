// The optional LLM classifier: any OpenAI-compatible endpoint, validated, cached, bounded, and
// never the only answer: every failure falls back to the offline model.
import { createHash } from 'node:crypto';
import { matchCustomTopic } from './custom-topics.js';
import { llmAnswerSchema, systemPrompt } from './llm-answer.js';
import { LruCache } from './lru-cache.js';
import { normalizeText } from './normalize.js';
import { createSemaphore } from './semaphore.js';
import type { Classification, ClassifyOutcome, Classifier, CustomTopic } from './types.js';

export interface LlmSettings {
  apiKey: string;
  /** e.g. https://api.openai.com/v1 or any compatible server; the openai package's default if unset. */
  baseURL?: string;
  model: string;
  /** Per request; default 8000 ms. */
  timeoutMs?: number;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
}

export const LLM_DEFAULTS = { timeoutMs: 8_000, concurrency: 4, cacheEntries: 5_000 } as const;

// Loaded on first use: the package costs a tenth of a second of every start, and the offline
// classifier is the default.
type OpenAiModule = typeof import('openai');
let openAiModule: Promise<OpenAiModule> | undefined;
const loadOpenAi = (): Promise<OpenAiModule> => (openAiModule ??= import('openai'));

/**
 * A classifier that asks the LLM and falls back to `offline` on any error or invalid answer,
 * with `fallbackReason` set: 'timeout', 'http_<status>', 'unreachable', 'invalid_json',
 * 'invalid_labels', 'empty_answer' or 'error'. Only successful answers are cached (by SHA-256 of
 * the text). The caller must pass masked text: this module sends the text as given.
 */
export function createLlmClassifier(settings: LlmSettings, customTopics: readonly CustomTopic[], offline: (text: string) => Classification): Classifier {
  // The client's own retries would delay the fall-back by seconds; a failure falls back at once.
  const client = loadOpenAi().then(({ default: OpenAI }) => new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, maxRetries: 0 }));
  const timeoutMs = settings.timeoutMs ?? LLM_DEFAULTS.timeoutMs;
  const limiter = createSemaphore(settings.concurrency ?? LLM_DEFAULTS.concurrency);
  const cache = new LruCache<string, Classification>(LLM_DEFAULTS.cacheEntries);
  const schema = llmAnswerSchema(customTopics);
  const prompt = systemPrompt(customTopics);

  const ask = async (text: string): Promise<Classification | string> => {
    let content: string | null | undefined;
    const deadline = AbortSignal.timeout(timeoutMs);
    const openAi = await loadOpenAi();
    try {
      const completion = await (await client).chat.completions.create(
        {
          model: settings.model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [{ role: 'system', content: prompt }, { role: 'user', content: text }],
        },
        { timeout: timeoutMs, signal: deadline },
      );
      content = completion.choices[0]?.message?.content;
    } catch (error) {
      return deadline.aborted || error instanceof openAi.APIConnectionTimeoutError ? 'timeout' : failureReason(error, openAi);
    }
    if (!content) return 'empty_answer';
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      return 'invalid_json';
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return 'invalid_labels';
    const answer = parsed.data;
    // Configured keywords are the operator's rule; they win here as they do offline.
    const topic = matchCustomTopic(normalizeText(text), customTopics) ?? answer.topic;
    return { ...answer, topic, priority: answer.angry ? 'urgent' : answer.priority };
  };

  return {
    async classify(maskedText: string): Promise<ClassifyOutcome> {
      const key = createHash('sha256').update(maskedText).digest('hex');
      const cached = cache.get(key);
      if (cached) return { ...cached, via: 'llm' };
      // ask() catches what it expects; the catch-all keeps the Classifier promise of never throwing.
      const result = await limiter.run(() => ask(maskedText)).catch(() => 'error');
      if (typeof result === 'string') return { ...offline(maskedText), via: 'offline', fallbackReason: result };
      cache.set(key, result);
      return { ...result, via: 'llm' };
    },
  };
}

/** The endpoint said no (http_<status>) or could not be reached; anything else is our fault. */
function failureReason(error: unknown, openAi: OpenAiModule): string {
  if (error instanceof openAi.APIError) return error.status ? `http_${error.status}` : 'unreachable';
  return 'error';
}

// Operator-defined topics: the CUSTOM_TOPICS setting and keyword matching.
import { z } from 'zod';
import { normalizeText } from './normalize.js';
import type { CustomTopic } from './types.js';

export const CustomTopicSchema = z.object({
  /** Stored on the item and shown on cards; a built-in name adds keywords to that topic. */
  name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'config.topic_name' }),
  keywords: z.array(z.string().trim().min(1)).min(1),
});

/**
 * Parses the CUSTOM_TOPICS setting: a JSON array such as
 * `[{"name":"invoice","keywords":["发票","invoice"]}]`. Unset or blank means no custom topics.
 * Names must be unique. Fails (safeParse → success: false) with a readable message otherwise.
 */
export const CustomTopicsSchema = z
  .string()
  .optional()
  .transform((setting, ctx): unknown => {
    if (setting === undefined || setting.trim() === '') return [];
    try {
      return JSON.parse(setting);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'config.custom_topics_json' });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(CustomTopicSchema).refine((topics) => new Set(topics.map((t) => t.name)).size === topics.length, {
      error: 'config.custom_topics_unique',
    }),
  );

interface CompiledTopic {
  name: string;
  /** Chinese or mixed keywords, matched as substrings of the normalised text. */
  substrings: string[];
  /** Latin-only keywords, matched as whole words so "vat" does not hit "private". */
  words: RegExp | null;
}

const compiledCache = new WeakMap<readonly CustomTopic[], CompiledTopic[]>();

/**
 * The first configured topic (in list order) with a keyword in the text, or undefined.
 * Keywords are normalised like the text: case, full-width forms and traditional characters
 * do not matter.
 */
export function matchCustomTopic(normalizedText: string, topics: readonly CustomTopic[]): string | undefined {
  if (topics.length === 0) return undefined;
  for (const topic of compile(topics)) {
    if (topic.substrings.some((k) => normalizedText.includes(k)) || topic.words?.test(normalizedText)) return topic.name;
  }
  return undefined;
}

function compile(topics: readonly CustomTopic[]): CompiledTopic[] {
  let compiled = compiledCache.get(topics);
  if (compiled) return compiled;
  compiled = topics.map((topic) => {
    const keywords = topic.keywords.map(normalizeText).filter((k) => k.trim() !== '');
    const latin = keywords.filter((k) => /^[\x20-\x7e]+$/.test(k));
    return {
      name: topic.name,
      substrings: keywords.filter((k) => !latin.includes(k)),
      words: latin.length ? new RegExp(`(?<![a-z0-9])(?:${latin.map(escapeRegExp).join('|')})(?![a-z0-9])`) : null,
    };
  });
  compiledCache.set(topics, compiled);
  return compiled;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

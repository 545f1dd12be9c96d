// The JSON an LLM must return, and the prompt that asks for it.
import { z } from 'zod';
import { BUILTIN_TOPICS, KINDS, PRIORITIES, SENTIMENTS } from '../domain/types.js';
import type { CustomTopic } from './types.js';

/** Labels must be valid values; topic may be a built-in or a configured custom topic name. */
export function llmAnswerSchema(customTopics: readonly CustomTopic[]) {
  const topics = [...new Set<string>([...BUILTIN_TOPICS, ...customTopics.map((t) => t.name)])];
  return z.object({
    kind: z.enum(KINDS),
    topic: z.string().refine((t) => topics.includes(t), { message: 'unknown topic' }),
    sentiment: z.enum(SENTIMENTS),
    score: z.number().min(-1).max(1),
    priority: z.enum(PRIORITIES),
    angry: z.boolean().default(false),
  });
}
export type LlmAnswer = z.infer<ReturnType<typeof llmAnswerSchema>>;

/** The system prompt: the label definitions of LABELS.md in brief, and the output shape. */
export function systemPrompt(customTopics: readonly CustomTopic[]): string {
  const custom = customTopics.length
    ? `\nCustom topics (use when the text is about them): ${customTopics.map((t) => `${t.name} (${t.keywords.join(', ')})`).join('; ')}.`
    : '';
  return [
    'You classify one customer-feedback text (Chinese or English). Reply with a JSON object only:',
    '{"kind","topic","sentiment","score","priority","angry"}.',
    '- kind: inquiry | complaint | suggestion | praise. A question that reports a failure is a complaint; praise plus a complaint is a complaint.',
    `- topic: ${BUILTIN_TOPICS.join(' | ')}. Choose what the customer wants fixed.${custom}`,
    '- sentiment: positive | neutral | negative; score: number in [-1, 1]. Watch for sarcasm ("great, it broke again" is negative) and negation.',
    '- priority: urgent (safety, injury, fire, food poisoning, fraud, hacked account, money lost, legal or media threats, extreme anger, a failure repeated three or more times) | general (other complaints) | routine (inquiries, suggestions, praise).',
    '- angry: true only for strong anger: threats, shouting, "非常失望".',
    'Personal data in the text is already masked as [PHONE], [EMAIL], [ID], [CARD].',
  ].join('\n');
}

// The labelled feedback format of the shared data set (one JSON object per line).
import { z } from 'zod';
import { BUILTIN_TOPICS, KINDS, PRIORITIES, SENTIMENTS } from '../domain/types.js';

export const LabelledExampleSchema = z.object({
  text: z.string().min(1),
  kind: z.enum(KINDS),
  topic: z.enum(BUILTIN_TOPICS),
  sentiment: z.enum(SENTIMENTS),
  priority: z.enum(PRIORITIES),
});
export type LabelledExample = z.infer<typeof LabelledExampleSchema>;

/** Parses JSONL text; throws with the line number on the first invalid line. */
export function parseLabelledJsonl(content: string): LabelledExample[] {
  return parseJsonl(content, LabelledExampleSchema);
}

/** One object per non-empty line, each checked by `schema`; throws with the first bad line's number. */
export function parseJsonl<T>(content: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
    out.push(parsed.data);
  });
  return out;
}

/** Deterministic Fisher–Yates shuffle (mulberry32), so folds and training order are repeatable. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// WeCom cards have no text inputs: a Reply, Note or Escalate click asks for the text in the app
// chat, and the person's next text message to the app within ten minutes is that input. Kept in
// this process's memory (a restart forgets open prompts: the person clicks again).
export const PROMPT_MINUTES = 10;
/** After a prompt expires its text is still recognised for this long, to say "timed out" instead of "unknown command". */
const REMEMBER_EXPIRED_MS = 60 * 60_000;

export interface Prompt { itemId: string; action: string; input: string; label: string; until: number }

export type PromptLookup = { state: 'open'; prompt: Prompt } | { state: 'expired'; prompt: Prompt } | { state: 'none' };

export class Prompts {
  private readonly open = new Map<string, Prompt>();

  set(userId: string, prompt: Prompt): void {
    this.open.delete(userId);
    this.open.set(userId, prompt);
    // Bounded: the oldest entries go first when thousands of people have prompts open at once.
    for (const [key, p] of this.open) {
      if (this.open.size <= 10_000 && p.until + REMEMBER_EXPIRED_MS > Date.now()) break;
      this.open.delete(key);
    }
  }

  lookup(userId: string, now: number): PromptLookup {
    const prompt = this.open.get(userId);
    if (!prompt) return { state: 'none' };
    if (now <= prompt.until) return { state: 'open', prompt };
    if (now <= prompt.until + REMEMBER_EXPIRED_MS) return { state: 'expired', prompt };
    this.open.delete(userId);
    return { state: 'none' };
  }

  /** The prompt recorded for this person, open or not. */
  get(userId: string): Prompt | undefined {
    return this.open.get(userId);
  }

  /** Removes the prompt only if it is still this one (a newer click may have replaced it). */
  close(userId: string, prompt?: Prompt): void {
    if (!prompt || this.open.get(userId) === prompt) this.open.delete(userId);
  }
}

export function isCancel(text: string): boolean {
  return /^\s*(取消|cancel|算了)\s*[。.!！]?\s*$/i.test(text);
}

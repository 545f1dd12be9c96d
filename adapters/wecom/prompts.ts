// WeCom cards have no text inputs: Reply, Note, Escalate and Reopen answer the click with a
// prompt, and the person's next text message to the app within ten minutes is that input. The
// prompts live in the database (WecomState), so any instance takes the answer and a restart
// forgets none.
export const PROMPT_MINUTES = 10;
/** After a prompt expires its text is still recognised for this long, to say "timed out" instead of "unknown command". */
export const REMEMBER_EXPIRED_MS = 60 * 60_000;

export interface Prompt { id: string; itemId: string; action: string; input: string; label: string; until: number }

export type PromptLookup = { state: 'open'; prompt: Prompt } | { state: 'expired'; prompt: Prompt } | { state: 'none' };

export function isCancel(text: string): boolean {
  return /^\s*(取消|cancel|算了)\s*[。.!！]?\s*$/i.test(text);
}

// What the WeCom adapter keeps between requests, shared by every instance on one database and
// kept across restarts. The adapter sees only this interface; src/wecom-state.ts stores it.
import type { Prompt, PromptLookup } from './prompts.js';

export interface WecomState {
  /** Records a response code for a card (from its send or a click on it); the same code again changes nothing. */
  keepResponseCode(taskId: string, code: string, expiresAt: number): Promise<void>;
  /** The card's newest unused, unexpired code, marked used: two callers, on any instances, never get the same one. */
  takeResponseCode(taskId: string, now: number): Promise<string | undefined>;
  /** Makes a taken code usable again, when the update never reached WeCom. */
  giveBackResponseCode(code: string): Promise<void>;

  /** Opens a prompt for the person, replacing any earlier one. */
  setPrompt(userId: string, prompt: Prompt): Promise<void>;
  /**
   * The person's prompt for this text message. An open prompt is taken by one message only (a
   * retried delivery of the same message, `eventId`, takes it again); an expired one is reported
   * for an hour after it ran out.
   */
  takePrompt(userId: string, eventId: string, now: number): Promise<PromptLookup>;
  /** Opens a taken prompt again (its input was refused and may be sent again). */
  releasePrompt(userId: string, promptId: string): Promise<void>;
  /** Removes the prompt if it is still this one (a newer click may have replaced it). */
  closePrompt(userId: string, promptId: string): Promise<void>;
  /** Prompts that ran out untaken and were not yet announced, marked announced: each goes to one caller. */
  takeTimedOutPrompts(now: number): Promise<{ userId: string; prompt: Prompt }[]>;

  /**
   * Reserves the next send to all of `userIds` under WeCom's per-member limit (member-pace.ts), by
   * the database's clock, which all instances share.
   * When that send may go within `maxWaitMs` it is reserved and `waitMs` says how long to wait;
   * otherwise nothing is reserved and `waitMs` says when to try again.
   */
  reserveMembers(userIds: string[], maxWaitMs: number): Promise<{ reserved: boolean; waitMs: number }>;
}

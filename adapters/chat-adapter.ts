// The contract every chat platform implements: verify and translate inbound requests, render and
// send neutral cards. The core owns everything after receive (dedupe, decide, store, enqueue).
import type { Card } from '../cards/card.js';
import type { ActionName } from '../src/domain/types.js';

export type Platform = 'local' | 'slack' | 'feishu' | 'wecom';

export interface PlatformUser { platform: Platform; userId: string; name?: string }
export interface ChatRef { platform: Platform; chatId: string }
export type FormInput = Record<string, string>;

export type Inbound =
  | { kind: 'action'; eventId: string; actor: PlatformUser; itemId: string; action: ActionName; input: FormInput }
  | { kind: 'command'; eventId: string; actor: PlatformUser; chat: ChatRef; text: string }
  | { kind: 'handshake'; body: unknown }
  | { kind: 'ignored'; reason: string };

export interface RawRequest { headers: Record<string, string | string[] | undefined>; rawBody: string; query: Record<string, string> }

export type OutboundMessage = { card: Card; readOnly: boolean } | { text: string };

/** Where a message landed, enough to update it in place later. */
export interface SentRef { platform: Platform; chatId: string; messageRef: string }

export interface ChatAdapter {
  readonly platform: Platform;
  /** Per-chat send limit the delivery worker respects (messages per second). */
  readonly limits: { perChatPerSecond: number };
  /** Throws AdapterError('bad_signature') on a forged or stale request. Never touches the database. */
  receive?(req: RawRequest, now: Date): Promise<Inbound>;
  send(chat: ChatRef, message: OutboundMessage, idempotencyKey: string): Promise<SentRef>;
  update(sent: SentRef, message: OutboundMessage): Promise<void>;
}

export type PlatformErrorCode = 'rate_limited' | 'auth_failed' | 'rejected' | 'unreachable';

/** A platform said no, or could not be reached. The delivery worker retries all but 'rejected'. */
export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(readonly platform: Platform, readonly code: PlatformErrorCode, message: string,
              readonly retryAfterMs?: number, options?: ErrorOptions) { super(message, options); }
}

export class AdapterError extends Error {
  override name = 'AdapterError';
  constructor(readonly code: 'bad_signature' | 'bad_request', message: string) { super(message); }
}

// The contract every chat platform implements: verify and translate inbound requests, answer the
// person who clicked or typed, render and send neutral cards. The core owns everything after
// receive (dedupe, identify, decide, store, enqueue); an adapter never touches the database.
import type { Card, CardInput } from '../cards/card.js';
import type { Reply } from '../commands/command.js';
import type { ActionName, Role } from '../src/domain/types.js';

export type Platform = 'local' | 'slack' | 'feishu' | 'wecom';

export interface PlatformUser { platform: Platform; userId: string; name?: string }
export interface ChatRef { platform: Platform; chatId: string; name?: string }
export type FormInput = Record<string, string>;

/**
 * Where a click, form or command came from, so answers reach the right person and place:
 * the chat and message of the card, the one-time token that lets the bot open a form, and a
 * platform address that accepts late answers for a while.
 */
export interface Origin { chat?: ChatRef; messageRef?: string; formToken?: string; replyUrl?: string }

export type Inbound =
  /** A button press (no input needed) or a submitted form (`fromForm`, input filled in). */
  | { kind: 'action'; eventId: string; actor: PlatformUser; itemId: string; action: ActionName; input: FormInput; origin?: Origin; fromForm?: boolean }
  /** A button whose action needs input first: the core checks permission, then asks for a form. */
  | { kind: 'form'; eventId: string; actor: PlatformUser; itemId: string; action: ActionName; origin: Origin }
  /** `mentions` are the people named in the text, whose mark the adapter replaced by `@<userId>`. */
  | { kind: 'command'; eventId: string; actor: PlatformUser; chat: ChatRef; text: string; mentions?: PlatformUser[]; origin?: Origin }
  /**
   * A message in the discussion under a card (`messageRef` is the card's): an internal note.
   * `otherwise` is what it is when the thread is not under a card (a command to the bot).
   */
  | { kind: 'thread'; eventId: string; actor: PlatformUser; chat: ChatRef; messageRef: string; text: string; otherwise?: CommandInbound; picture?: SentFile }
  | { kind: 'handshake'; body: unknown }
  | { kind: 'ignored'; reason: string };

export type CommandInbound = Extract<Inbound, { kind: 'command' }>;

/** A file someone sent in a chat (a picture in a card's thread): the message and the platform's key for it. */
export interface SentFile { messageRef: string; key: string }

export interface RawRequest { method?: 'GET' | 'POST'; headers: Record<string, string | string[] | undefined>; rawBody: string; query: Record<string, string> }

/** What the core decided about an inbound request; the adapter turns it into its platform's answer. */
export type InboundAnswer =
  | { kind: 'handshake'; body: unknown }
  | { kind: 'ignored'; reason: string }
  | { kind: 'duplicate' }
  | { kind: 'unknown_user'; text: string }
  /** Done; the card update follows through the outbox. `card` is what the clicked card shows now, for platforms that answer a click with it. */
  | { kind: 'done'; card?: Card }
  /** Refused or impossible: shown to the person alone, the card is not touched. `field` names the form input at fault. */
  | { kind: 'refused'; text: string; field?: string }
  | { kind: 'form_opened' }
  | { kind: 'command'; reply: Reply }
  /** The work outlives the platform's answer deadline: acknowledge now, `followUp` with the rest. */
  | { kind: 'pending' };

/** The HTTP answer to the platform, and work to run after it (late answers, ephemeral notices). */
export interface HttpAnswer { status: number; body?: unknown; headers?: Record<string, string>; after?: () => Promise<void> }

export interface FormSpec { itemId: string; action: ActionName; title: string; submitLabel: string; inputs: CardInput[] }

export interface FileUpload { bytes: Buffer; filename: string; comment?: string }

export interface ImageUpload { bytes: Buffer; filename: string; title?: string; comment?: string }

export type OutboundMessage = { card: Card; readOnly: boolean } | { text: string; mentions?: PlatformUser[] };

/** Where a message landed, enough to update it in place later. */
export interface SentRef { platform: Platform; chatId: string; messageRef: string }

export interface ChatAdapter {
  readonly platform: Platform;
  /** Per-chat send limit the delivery worker respects (messages per second). */
  readonly limits: { perChatPerSecond: number };
  /** Throws AdapterError('bad_signature') on a forged or stale request. Never touches the database. */
  receive?(req: RawRequest, now: Date): Promise<Inbound>;
  /** How long the platform waits for an HTTP answer; slower work is acknowledged and followed up. */
  readonly answerWithinMs?: number;
  /** The platform checks the URL with a GET as well (answered by receive() as a handshake). */
  readonly verifiesUrlByGet?: boolean;
  /** The platform's HTTP answer to a received request, within its deadline. */
  answer?(inbound: Inbound, answer: InboundAnswer): Promise<HttpAnswer>;
  /** Delivers an answer that was not ready in time (after a 'pending' acknowledgement). */
  followUp?(inbound: Inbound, answer: InboundAnswer): Promise<void>;
  send(chat: ChatRef, message: OutboundMessage, idempotencyKey: string): Promise<SentRef>;
  /**
   * Optional: several new messages to one chat in one call, shown in the order given, all or
   * none. The delivery worker uses it for an unpaced chat's backlog (the local chat does).
   */
  sendMany?(chat: ChatRef, messages: { message: OutboundMessage; idempotencyKey: string }[]): Promise<SentRef[]>;
  update(sent: SentRef, message: OutboundMessage): Promise<void>;
  /** Shows a form (reply text, reason, resolution) to the person who clicked; must run within the click's deadline. */
  openForm?(origin: Origin, form: FormSpec): Promise<void>;
  /** A notice only `user` sees, where they clicked (a refusal, a late command answer). */
  tell?(origin: Origin, user: PlatformUser, message: OutboundMessage): Promise<void>;
  /** A direct message to one person. */
  ping?(user: PlatformUser, text: string): Promise<void>;
  /** Uploads a picture (a digest chart) into a chat. */
  uploadImage?(chat: ChatRef, image: ImageUpload): Promise<SentRef>;
  /** Downloads a picture someone sent (`SentFile`); refuses (PlatformError 'rejected') one over `maxBytes`. */
  download?(file: SentFile, maxBytes: number): Promise<Buffer>;
  /** Uploads a file (an .xlsx export) into a chat, where the platform takes files from a bot. */
  uploadFile?(chat: ChatRef, file: FileUpload): Promise<SentRef>;
  /** The platform's way of naming a person in text so they are notified. */
  mention?(user: PlatformUser): string;
  /** Who a platform user is, for the agent created on their first use; role from the adapter's settings. */
  identify?(user: PlatformUser): Promise<{ name: string; role: Role }>;
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

// Commands are platform-neutral: (actor, arguments) → a neutral reply. Slack's /fb, a Feishu
// mention, a WeCom message and the local command box all arrive as the same words.
import type { Card } from '../cards/card.js';
import type { ChatRef, PlatformUser } from '../adapters/chat-adapter.js';
import type { Agent } from '../src/domain/types.js';
import type { Deps } from '../src/deps.js';

export type Reply = { kind: 'text'; text: string } | { kind: 'card'; card: Card };

/** Where a command was typed and whom it names; absent where a platform has no such thing. */
export interface CommandPlace {
  chat?: ChatRef;
  /** People named in the text (as `@<userId>`), with their platform identity. */
  mentions?: PlatformUser[];
  /** The agent a platform user acts as, created on first use where the platform can say who they are. */
  agentFor?(user: PlatformUser): Promise<Agent | undefined>;
}

export interface CommandContext extends CommandPlace { actor: Agent; args: string[]; deps: Deps }

export interface Command {
  name: string;
  usage: string;
  summary: { zh: string; en: string };
  /** What people type, shown by /fb help (without the /fb). */
  examples?: string[];
  run(ctx: CommandContext): Promise<Reply>;
}

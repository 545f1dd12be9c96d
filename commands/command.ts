// Commands are platform-neutral: (actor, arguments) → a neutral reply. Slack's /fb, a Feishu
// mention, a WeCom message and the local command box all arrive as the same words.
import type { Card } from '../cards/card.js';
import type { Agent } from '../src/domain/types.js';
import type { Deps } from '../src/deps.js';

export type Reply = { kind: 'text'; text: string } | { kind: 'card'; card: Card };

export interface CommandContext { actor: Agent; args: string[]; deps: Deps }

export interface Command {
  name: string;
  usage: string;
  summary: { zh: string; en: string };
  run(ctx: CommandContext): Promise<Reply>;
}

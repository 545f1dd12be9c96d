import { feedbackCard } from '../cards/feedback-card.js';
import { findItem, eventsOf } from '../src/items/items-repo.js';
import type { Command, Reply } from './command.js';

export const showCommand: Command = {
  name: 'show', usage: 'show <FB-12>', summary: { zh: '查看一条反馈及其处理记录', en: 'Show one item and its history' },
  async run({ args, deps }): Promise<Reply> {
    if (!args[0]) return { kind: 'text', text: deps.t('show.usage') };
    const item = await findItem(deps.db, args[0]);
    if (!item) return { kind: 'text', text: deps.t('error.unknown_item', { id: args[0] }) };
    const card = feedbackCard(item, deps.t, { readOnly: false, variant: 'feedback', now: deps.clock.now() });
    const history = (await eventsOf(deps.db, item.id)).map((e) => `${e.at.toISOString().slice(0, 16).replace('T', ' ')} ${e.type}${e.actorName ? ` · ${e.actorName}` : ''}${describe(e.data)}`);
    card.body.push({ type: 'context', text: `${deps.t('show.history')}\n${history.join('\n')}` });
    return { kind: 'card', card };
  },
};

function describe(data: Record<string, unknown>): string {
  const detail = data.text ?? data.reason ?? data.code;
  return typeof detail === 'string' && detail ? `: ${detail.slice(0, 120)}` : '';
}

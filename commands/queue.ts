import { listOpen, countOpen } from '../src/items/items-repo.js';
import { itemListCard } from '../cards/item-list-card.js';
import type { Command, Reply } from './command.js';
import { parseLimit } from './parse-args.js';

export const queueCommand: Command = {
  name: 'queue', usage: 'queue [N]', summary: { zh: '查看待处理队列（紧急优先）', en: 'Show the open queue, most urgent first' },
  async run({ args, deps }): Promise<Reply> {
    const limit = parseLimit(args[0]);
    if (limit === null) return { kind: 'text', text: deps.t('command.bad_number', { value: args[0] ?? '' }) };
    const items = await listOpen(deps.db, { limit });
    if (items.length === 0) return { kind: 'text', text: deps.t('queue.empty') };
    const total = await countOpen(deps.db);
    return { kind: 'card', card: itemListCard(deps.t('queue.title', { shown: items.length, total }), items, deps.t, deps.clock.now(), deps.config.deadlines.clock) };
  },
};

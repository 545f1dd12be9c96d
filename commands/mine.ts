import { listOpen, countOpen } from '../src/items/items-repo.js';
import { itemListCard } from '../cards/item-list-card.js';
import type { Command, Reply } from './command.js';
import { parseLimit } from './parse-args.js';

export const mineCommand: Command = {
  name: 'mine', usage: 'mine [N]', summary: { zh: '我认领的未结事项', en: 'Open items assigned to me' },
  async run({ actor, args, deps }): Promise<Reply> {
    const limit = parseLimit(args[0]);
    if (limit === null) return { kind: 'text', text: deps.t('command.bad_number', { value: args[0] ?? '' }) };
    const items = await listOpen(deps.db, { limit, assigneeId: actor.id });
    if (items.length === 0) return { kind: 'text', text: deps.t('mine.empty', { name: actor.name }) };
    const total = await countOpen(deps.db, actor.id);
    return { kind: 'card', card: itemListCard(deps.t('mine.title', { name: actor.name, shown: items.length, total }), items, deps.t, deps.clock.now(), deps.config.deadlines.clock) };
  },
};

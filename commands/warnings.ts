// /fb warnings: the open early warnings; /fb warnings history 7d: those opened recently, with
// how each ended (resolved by whom and what was done, or back to normal by itself).
import { warningListCard } from '../cards/warning-list-card.js';
import { listOpenWarnings, listRecentWarnings } from '../src/warnings/warnings-repo.js';
import type { Command, Reply } from './command.js';

const MAX_DAYS = 90;

export const warningsCommand: Command = {
  name: 'warnings', usage: 'warnings [history 7d]', summary: { zh: '查看预警（history 7d：近期预警及结果）', en: 'Open warnings (history 7d: recent ones and their outcome)' },
  async run({ args, deps }): Promise<Reply> {
    const { t } = deps;
    const zone = deps.config.jobs.timeZone;
    if (args.length === 0) {
      const open = await listOpenWarnings(deps.db);
      if (open.length === 0) return { kind: 'text', text: t('warnings.none') };
      return { kind: 'card', card: warningListCard(t('warnings.title', { n: open.length }), open, t, zone, false) };
    }
    const [sub, span = '7d'] = args;
    const days = /^(\d{1,2})d?$/.exec(span)?.[1];
    if (!['history', '历史'].includes(sub!) || days === undefined || Number(days) < 1 || Number(days) > MAX_DAYS || args.length > 2) {
      return { kind: 'text', text: t('warnings.usage') };
    }
    const since = new Date(deps.clock.now().getTime() - Number(days) * 86_400_000);
    const recent = await listRecentWarnings(deps.db, since);
    if (recent.length === 0) return { kind: 'text', text: t('warnings.history_none', { days }) };
    return { kind: 'card', card: warningListCard(t('warnings.history_title', { days, n: recent.length }), recent, t, zone, true) };
  },
};

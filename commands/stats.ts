import { todayStatsCard } from '../cards/stats-card.js';
import { todayStats, startOfDay } from '../src/stats/today-stats.js';
import type { Command, Reply } from './command.js';

export const statsCommand: Command = {
  name: 'stats', usage: 'stats today', summary: { zh: '今日数据：收到、负面、超时、关闭', en: "Today's numbers: received, negative, overdue, closed" },
  async run({ args, deps }): Promise<Reply> {
    const period = (args[0] ?? 'today').toLowerCase();
    if (period !== 'today' && period !== '今天' && period !== '今日') return { kind: 'text', text: deps.t('stats.unknown_period', { period }) };
    const now = deps.clock.now();
    const day = startOfDay(now);
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    return { kind: 'card', card: todayStatsCard(await todayStats(deps.db, now), deps.t, date) };
  },
};

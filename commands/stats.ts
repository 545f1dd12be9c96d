// /fb stats [today|yesterday|7d|30d|FROM..TO] [by topic|channel|agent|priority|kind|sentiment]
import { labelFor, periodStatsCard } from '../cards/period-stats-card.js';
import { isPeriod, MAX_PERIOD_DAYS, parsePeriod } from '../src/stats/period.js';
import { periodStats } from '../src/stats/period-stats.js';
import { STATS_DIMENSIONS, type StatsDimension } from '../src/stats/rollups.js';
import { statsTimeZone } from '../src/stats/zoned-time.js';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import type { Command, Reply } from './command.js';

/** Group names people type, in both languages. */
const GROUP_WORDS: Record<string, StatsDimension> = {
  主题: 'topic', 话题: 'topic', 渠道: 'channel', 来源: 'channel', 处理人: 'agent', 客服: 'agent', 坐席: 'agent',
  优先级: 'priority', 类型: 'kind', 情感: 'sentiment', 情绪: 'sentiment',
  ...Object.fromEntries(STATS_DIMENSIONS.map((d) => [d, d])),
};

export const statsCommand: Command = {
  name: 'stats',
  usage: 'stats [today|7d|30d|FROM..TO] [by topic|channel|agent|priority|kind]',
  summary: { zh: '数据：收到、负面、未结、超时、关闭、响应与解决用时，可分组', en: 'Numbers: received, negative, open, overdue, closed, response and resolution times, optionally grouped' },
  examples: ['stats today', 'stats 7d by topic', 'stats 2026-11-01..2026-11-30 by agent', '统计 30d 按 渠道'],
  async run({ args, deps }): Promise<Reply> {
    const words = [...args];
    let groupBy: StatsDimension | undefined;
    // "by topic", "by=topic", "按主题", "按 主题": the group is the word after by/按.
    const byAt = words.findIndex((w) => /^(by|按)(=|$)/i.test(w) || /^按./.test(w));
    if (byAt >= 0) {
      const word = words[byAt];
      const inline = word.replace(/^(by=?|按)/i, '');
      const name = (inline || words[byAt + 1] || '').toLowerCase();
      words.splice(byAt, inline ? 1 : 2);
      groupBy = Object.hasOwn(GROUP_WORDS, name) ? GROUP_WORDS[name] : undefined;
      if (!groupBy) return { kind: 'text', text: deps.t('stats.bad_group', { by: name || word }) };
    }
    if (words.length > 1) return { kind: 'text', text: deps.t('stats.bad_period', { period: words.join(' ') }) };
    const zone = statsTimeZone(deps.config);
    const now = deps.clock.now();
    const period = parsePeriod(words[0], now, zone);
    if (!isPeriod(period)) {
      const key = period.code === 'reversed' ? 'stats.reversed_period' : period.code === 'too_long' ? 'stats.too_long_period' : 'stats.bad_period';
      return { kind: 'text', text: deps.t(key, { period: period.text, max: MAX_PERIOD_DAYS }) };
    }
    const stats = await periodStats(deps.db, period, now, groupBy);
    const agentNames = groupBy === 'agent' ? await namesOfAgents(deps.db, stats.groups.map((g) => g.value)) : new Map<string, string>();
    return {
      kind: 'card',
      card: periodStatsCard(stats, deps.t, (dim, value) => {
        if (dim === 'agent') return value === '' ? deps.t('stats.unassigned') : agentNames.get(value) ?? value;
        return labelFor(deps.t, dim, value);
      }),
    };
  },
};

async function namesOfAgents(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const wanted = ids.filter(Boolean);
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('agents').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

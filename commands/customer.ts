// /fb customer <id|FB-12> [page=N]: one customer's history across every channel.
import { excerpt } from '../cards/excerpt.js';
import type { CardField } from '../cards/card.js';
import { labelOf } from '../src/domain/refusal-text.js';
import { customerHistory, type CustomerItem } from '../src/stats/customer-history.js';
import { formatLocalTime, statsTimeZone } from '../src/stats/zoned-time.js';
import type { Translate } from '../src/i18n/translate.js';
import type { Command, Reply } from './command.js';
import { pageWord } from './search.js';

const PREVIEW_CHARS = 60;
const MAX_PAGE = 100;

export const customerCommand: Command = {
  name: 'customer',
  usage: 'customer <id|FB-12> [page=N]',
  summary: { zh: '客户的全部反馈（跨渠道）、等级、未结事项和满意度', en: "A customer's history across channels, tier, open items and satisfaction" },
  examples: ['customer c-10086', 'customer FB-12', 'customer c-10086 page=2', '客户 c-10086'],
  async run({ args, deps }): Promise<Reply> {
    const { t } = deps;
    let page = 1;
    const rest: string[] = [];
    for (const word of args) {
      const p = pageWord(word);
      if (p === 'bad' || (typeof p === 'number' && p > MAX_PAGE)) return { kind: 'text', text: t('search.bad_page', { value: word, max: MAX_PAGE }) };
      if (p !== null) page = p;
      else rest.push(word);
    }
    if (rest.length !== 1) return { kind: 'text', text: t('customer.usage') };
    const c = await customerHistory(deps.db, rest[0], page);
    if (!c) return { kind: 'text', text: t('customer.not_found', { id: rest[0] }) };
    const zone = statsTimeZone(deps.config);
    const line = (i: CustomerItem) =>
      `${i.shortId} · ${formatLocalTime(i.createdAt, zone)} · ${i.channel} · ${labelOf(t, 'kind', i.kind)} · ${labelOf(t, 'topic', i.topic)} · ${labelOf(t, 'state', i.state)}${i.rating ? ` · ★${i.rating}` : ''}${i.nps === null ? '' : ` · NPS ${i.nps}`}\n  ${excerpt(i.text, PREVIEW_CHARS)}`;
    const fields: CardField[] = [
      { label: t('customer.tier'), value: labelOf(t, 'tier', c.tier) },
      { label: t('customer.items'), value: String(c.total) },
      { label: t('customer.channels'), value: c.byChannel.map((x) => `${x.channel} ${x.n}`).join(' · ') || '—' },
      { label: t('stats.open'), value: String(c.openCount) },
      { label: t('stats.negative'), value: String(c.negative) },
      { label: t('customer.csat'), value: csatText(t, c.csat) },
      { label: t('customer.nps'), value: c.nps ? t('customer.nps_value', { latest: c.nps.latest, n: c.nps.responses }) : t('customer.no_nps') },
      { label: t('customer.seen'), value: c.firstAt && c.lastAt ? `${formatLocalTime(c.firstAt, zone)} – ${formatLocalTime(c.lastAt, zone)}` : '—' },
    ];
    const open = c.openItems.length > 0 ? c.openItems.map(line).join('\n') : t('customer.none_open');
    const history = c.history.length > 0 ? c.history.map(line).join('\n') : t('customer.no_more', { page });
    const more = c.hasMore ? t('search.more', { next: `/fb customer ${rest[0]} page=${page + 1}` }) : t('search.end');
    const title = t('customer.title', { id: c.id, name: c.name ? ` ${c.name}` : '' });
    const openTitle = t('customer.open_title', { shown: c.openItems.length, total: c.openCount });
    const historyTitle = t('customer.history_title', { page });
    return {
      kind: 'card',
      card: {
        title, tone: c.openCount > 0 ? 'warning' : 'info',
        body: [
          { type: 'fields', fields },
          { type: 'text', text: `${openTitle}\n${open}` },
          { type: 'text', text: `${historyTitle}\n${history}` },
          { type: 'context', text: more },
        ],
        fallback: [title, ...fields.map((f) => `${f.label}: ${f.value}`), openTitle, open, historyTitle, history, more].join('\n'),
      },
    };
  },
};

function csatText(t: Translate, csat: { responses: number; satisfied: number; average: number } | null): string {
  if (!csat) return t('customer.no_ratings');
  return t('customer.csat_value', { pct: Math.round((csat.satisfied / csat.responses) * 100), average: csat.average, n: csat.responses });
}


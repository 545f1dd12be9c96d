// /fb search <words> [page=N]: items containing every word, newest first, masked, a page at a time.
import { labelOf } from '../src/domain/refusal-text.js';
import { excerpt } from '../cards/excerpt.js';
import { SEARCH_LIMITS, searchItems } from '../src/search/search-items.js';
import { formatLocalTime, statsTimeZone } from '../src/stats/zoned-time.js';
import type { Command, Reply } from './command.js';

/** Characters of text shown per hit. */
const PREVIEW_CHARS = 80;

/** "page=2", "p=2", "页=2", "第2页": the page asked for, or null when the word is not a page. */
export function pageWord(word: string): number | null | 'bad' {
  const m = /^(?:page|p|页)=(\S*)$/i.exec(word) ?? /^第(\S*)页$/.exec(word);
  if (!m) return null;
  return /^\d{1,4}$/.test(m[1]) && Number(m[1]) >= 1 ? Number(m[1]) : 'bad';
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'search <words> [page=N]',
  summary: { zh: '搜索反馈原文（中英文都可，能找到中文句子里的词），最新的在前', en: 'Search item texts (Chinese or English, words inside Chinese sentences too), newest first' },
  examples: ['search 物流 慢', 'search refund', 'search 退款 page=2', '搜索 掉色'],
  async run({ args, deps }): Promise<Reply> {
    const { t } = deps;
    let page = 1;
    const words: string[] = [];
    for (const word of args) {
      const p = pageWord(word);
      if (p === 'bad') return { kind: 'text', text: t('search.bad_page', { value: word, max: SEARCH_LIMITS.maxPage }) };
      if (p !== null) page = p;
      else words.push(word);
    }
    if (words.length === 0) return { kind: 'text', text: t('search.usage') };
    if (page > SEARCH_LIMITS.maxPage) return { kind: 'text', text: t('search.bad_page', { value: String(page), max: SEARCH_LIMITS.maxPage }) };
    if (words.length > SEARCH_LIMITS.maxWords || words.some((w) => Array.from(w).length > SEARCH_LIMITS.maxWordChars)) {
      return { kind: 'text', text: t('search.too_long', { words: SEARCH_LIMITS.maxWords, chars: SEARCH_LIMITS.maxWordChars }) };
    }
    const query = words.join(' ');
    const result = await searchItems(deps.db, words, page);
    if (result.hits.length === 0) {
      return { kind: 'text', text: page > 1 ? t('search.no_more', { query, page }) : t('search.none', { query }) };
    }
    const zone = statsTimeZone(deps.config);
    const lines = result.hits.map((h) =>
      `${h.shortId} · ${formatLocalTime(h.createdAt, zone)} · ${h.channel} · ${labelOf(t, 'topic', h.topic)} · ${labelOf(t, 'state', h.state)}\n  ${excerpt(h.text, PREVIEW_CHARS)}`);
    const title = t('search.title', { query, page });
    const more = result.hasMore ? t('search.more', { next: `/fb search ${query} page=${page + 1}` }) : t('search.end');
    return {
      kind: 'card',
      card: { title, tone: 'info', body: [{ type: 'text', text: lines.join('\n') }, { type: 'context', text: more }], fallback: `${title}\n${lines.join('\n')}\n${more}` },
    };
  },
};

// /fb warnings and /fb warnings history: one line per warning, with its outcome.
import type { Translate } from '../src/i18n/translate.js';
import type { Warning } from '../src/warnings/warning.js';
import type { Card } from './card.js';
import { formatTime, whatOf } from './warning-card.js';

export function warningListCard(title: string, warnings: Warning[], t: Translate, timeZone: string, withOutcome: boolean): Card {
  const when = (d: Date) => formatTime(d, timeZone);
  const lines = warnings.map((w) => {
    const head = `${w.shortId} [${t(`warning.level.${w.level}`)}] ${whatOf(w, t)}`;
    const state = t('warnings.line', { status: t(`warning.status.${w.status}`), opened: when(w.openedAt) });
    const owner = w.assignee ? ` · ${t('warning.field.assignee')}: ${w.assignee.name}` : '';
    const outcome = withOutcome ? `\n  ${outcomeOf(w, t, when)}` : '';
    return `${head}\n  ${state}${owner}${outcome}`;
  });
  const tone = warnings.some((w) => w.level === 'severe' && !w.endedAt) ? 'danger' : 'warning';
  return { title, tone, body: [{ type: 'text', text: lines.join('\n') }], fallback: `${title}\n${lines.join('\n')}` };
}

function outcomeOf(w: Warning, t: Translate, when: (d: Date) => string): string {
  if (w.resolved) return t('warnings.outcome.resolved', { name: w.resolved.name, at: when(w.resolved.at), note: w.resolved.note });
  if (w.endedAt) return t('warnings.outcome.recovered', { at: when(w.endedAt) });
  return t('warnings.outcome.open');
}

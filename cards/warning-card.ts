// A warning's card: what is abnormal, its evidence (counts, the usual level, masked examples),
// who acknowledged, owns and resolved it, and whether it is back to normal. Buttons: Acknowledge,
// Assign (pick the owner) and Resolve (with a note). They carry the warning's own target id and
// reuse item action tokens every adapter already carries: Acknowledge acts at once as Claim
// does, Assign and Resolve take input as Escalate and Resolve do (see WARNING_BUTTON_ACTIONS).
import type { Card, CardButton, CardField, CardNode } from './card.js';
import { createTranslate, type Translate } from '../src/i18n/translate.js';
import { perLanguage } from '../src/i18n/per-language.js';
import type { MessageKey } from '../src/i18n/catalogue.js';
import type { ActionName } from '../src/domain/types.js';
import { warningTarget, type Warning } from '../src/warnings/warning.js';

export type WarningAction = 'acknowledge' | 'assign' | 'resolve';

/** The token each warning button travels as, and back. */
export const WARNING_BUTTON_ACTIONS: Record<WarningAction, ActionName> = { acknowledge: 'claim', assign: 'escalate', resolve: 'resolve' };

export function warningActionOf(action: string): WarningAction | null {
  const found = (Object.entries(WARNING_BUTTON_ACTIONS) as [WarningAction, ActionName][]).find(([, token]) => token === action);
  return found ? found[0] : null;
}

export interface WarningCardOptions {
  readOnly: boolean;
  timeZone: string;
  /** People the Assign button offers. */
  people: { id: string; name: string }[];
}

export function warningCard(w: Warning, t: Translate, o: WarningCardOptions): Card {
  const when = (d: Date) => formatTime(d, o.timeZone);
  const body: CardNode[] = [{ type: 'text', text: summaryOf(w, t, when) }];
  const fields: CardField[] = [
    { label: t('warning.field.level'), value: t(`warning.level.${w.level}`) },
    { label: t('warning.field.status'), value: t(`warning.status.${w.status}`) },
    { label: t('warning.field.opened'), value: when(w.openedAt) },
  ];
  if (w.acknowledged) fields.push({ label: t('warning.field.acknowledged'), value: t('warning.who_when', { name: w.acknowledged.name, at: when(w.acknowledged.at) }) });
  if (w.assignee) fields.push({ label: t('warning.field.assignee'), value: t('warning.who_when', { name: w.assignee.name, at: when(w.assignee.at) }) });
  if (w.resolved) fields.push({ label: t('warning.field.resolved'), value: t('warning.resolution', { name: w.resolved.name, at: when(w.resolved.at), note: w.resolved.note }) });
  body.push({ type: 'fields', fields });
  if (w.evidence.examples.length > 0) {
    body.push({ type: 'text', muted: true, text: [t('warning.examples'), ...w.evidence.examples.map((e) => `${e.shortId}: ${e.text}`)].join('\n') });
  }
  if (w.endedAt) body.push({ type: 'text', text: t('warning.ended', { at: when(w.endedAt) }) });
  const buttons = o.readOnly ? [] : buttonsFor(w, t, o.people);
  if (buttons.length > 0) body.push({ type: 'actions', buttons });
  body.push({ type: 'context', text: t('warning.context', { id: w.shortId }) });
  // Filled per language, so the title reads as one Chinese and one English sentence, and a
  // platform with room for one (a WeCom card title) can show the first whole.
  const title = t('warning.title', { id: w.shortId, ...perLanguage('warning.level', w.level), ...whatPerLanguage(w) });
  return {
    title, itemId: warningTarget(w.id),
    tone: w.endedAt ? 'info' : w.level === 'severe' ? 'danger' : 'warning',
    body,
    fallback: `${title}${w.endedAt ? ` · ${t('warning.status.recovered')}` : ''}`,
  };
}

function buttonsFor(w: Warning, t: Translate, people: { id: string; name: string }[]): CardButton[] {
  const id = warningTarget(w.id);
  const buttons: CardButton[] = [];
  if (!w.endedAt && w.status === 'open') buttons.push({ label: t('warning.button.acknowledge'), action: WARNING_BUTTON_ACTIONS.acknowledge, itemId: id, style: 'primary' });
  if (!w.endedAt && w.status !== 'resolved') {
    buttons.push({
      label: t('warning.button.assign'), action: WARNING_BUTTON_ACTIONS.assign, itemId: id,
      inputs: [{ name: 'assignee', label: t('warning.input.assignee'), kind: 'select', required: true, options: people.slice(0, 20).map((p) => ({ value: p.id, label: p.name })) }],
    });
  }
  if (w.status !== 'resolved') {
    buttons.push({ label: t('warning.button.resolve'), action: WARNING_BUTTON_ACTIONS.resolve, itemId: id, inputs: [{ name: 'note', label: t('warning.input.note'), kind: 'text', required: true }] });
  }
  return buttons;
}

function whatPerLanguage(w: Pick<Warning, 'type' | 'subject'>): { what_zh: string; what_en: string } {
  const zh = createTranslate('zh');
  const en = createTranslate('en');
  return { what_zh: whatOf(w, zh), what_en: whatOf(w, en) };
}

export function whatOf(w: Pick<Warning, 'type' | 'subject'>, t: Translate): string {
  const subject = Object.entries(w.subject).filter(([k]) => ['topic', 'channel', 'source', 'customer'].includes(k))
    .map(([k, value]) => t(`warning.subject.${k}` as MessageKey, { value }));
  return [t(`warning.type.${w.type}`), ...subject].join(' · ');
}

function summaryOf(w: Warning, t: Translate, when: (d: Date) => string): string {
  const e = w.evidence;
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  switch (w.type) {
    case 'surge':
      return t('warning.summary.surge', { n: e.observed, minutes: e.windowMinutes, weeks: e.figures?.weeks ?? 0, expected: (e.baseline ?? 0).toFixed(1), total: e.figures?.total ?? 0, p: (e.measure ?? 0).toExponential(1) });
    case 'breach_rate':
      return t('warning.summary.breach_rate', { n: e.observed, due: e.figures?.due ?? 0, hours: e.windowMinutes / 60, rate: pct(e.measure ?? 0), usual: pct(e.baseline ?? 0) });
    case 'unclaimed':
      return t('warning.summary.unclaimed', { n: e.observed, before: e.baseline ?? 0 });
    case 'satisfaction':
      return t(w.subject.measure === 'csat' ? 'warning.summary.satisfaction.csat' : 'warning.summary.satisfaction.positive_share', { now: pct(e.observed), before: pct(e.baseline ?? 0), hours: e.windowMinutes / 60, n: e.figures?.now ?? 0 });
    case 'silent_source':
      return t('warning.summary.silent_source', { hours: e.windowMinutes / 60, expected: (e.baseline ?? 0).toFixed(1), last: e.figures?.lastSeenAt ? when(new Date(e.figures.lastSeenAt)) : '-' });
    case 'repeat_customer':
      return t('warning.summary.repeat_customer', { n: e.observed, days: Math.round(e.windowMinutes / 1440) });
    case 'safety': {
      const categories = (w.subject.categories ?? '').split(',').filter(Boolean).map((c) => t(`warning.category.${c}` as MessageKey)).join('、');
      return t('warning.summary.safety', { n: e.observed, minutes: e.windowMinutes, categories, items: e.figures?.items ?? e.observed });
    }
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-02 18:05" in the zone given. */
export function formatTime(d: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f.format(d);
}

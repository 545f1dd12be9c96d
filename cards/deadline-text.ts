// The deadline as a person reads it on a card or a ping: which one, when, and how much time is
// left or over, in working time where business hours are set ("1 h 20 min of working time left").
import type { DeadlineClock } from '../src/domain/business-time.js';
import type { DeadlineStatus } from '../src/domain/deadline-status.js';
import { catalogue } from '../src/i18n/catalogue.js';
import { perLanguage } from '../src/i18n/per-language.js';
import type { Params, Translate } from '../src/i18n/translate.js';

/** The card field's value: "首次响应 12-03 10:30，剩余 20 分钟 / first response by 12-03 10:30, 20 min left". */
export function deadlineText(status: DeadlineStatus, t: Translate, clock: DeadlineClock): string {
  const params = { ...perLanguage('deadline.kind', status.deadline), time: formatDue(status.dueAt, clock) };
  if (status.breached) return t('deadline.over', { ...params, ...durationParams('over', -status.minutesLeft, clock) });
  if (status.paused) return t('deadline.paused', { ...params, ...durationParams('left', status.minutesLeft, clock) });
  return t('deadline.left', { ...params, ...durationParams('left', status.minutesLeft, clock) });
}

/**
 * `{ <name>_zh, <name>_en }` for a span of minutes: days and hours round the clock ("2 天 3 小时"),
 * hours and minutes of working time with business hours (a working day is not 24 hours).
 */
export function durationParams(name: string, minutes: number, clock: DeadlineClock): Params {
  const m = Math.max(0, Math.round(minutes));
  const parts: [keyof typeof catalogue, number][] = [];
  if (clock.kind === 'wall' && m >= 1440) parts.push(['duration.days', Math.floor(m / 1440)], ['duration.hours', Math.floor((m % 1440) / 60)]);
  else if (m >= 60) parts.push(['duration.hours', Math.floor(m / 60)], ['duration.minutes', m % 60]);
  else parts.push(['duration.minutes', m]);
  const shown = parts.filter(([, n], i) => i === 0 || n > 0);
  const say = (lang: 'zh' | 'en') => {
    const text = shown.map(([key, n]) => catalogue[key][lang].replace('{n}', String(n))).join(' ');
    return clock.kind === 'business' ? catalogue['duration.working'][lang].replace('{d}', text) : text;
  };
  return { [`${name}_zh`]: say('zh'), [`${name}_en`]: say('en') };
}

/** "2026-12-03 10:30", in the business time zone where one is set, else the server's. */
export function formatDue(d: Date, clock: DeadlineClock): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (clock.kind === 'wall') return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: clock.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

// Each signal turns counted data into findings (abnormal keys at a level). Pure: the numbers come
// from signal-data.ts, the thresholds from settings (README "Early warnings" states the rules).
import { binomialUpperTail, proportionDropZ } from './stats.js';
import { levelFor, LEVELS, type Example, type Finding, type Level } from './levels.js';
import type { WarningsSettings } from './settings.js';

/** Pseudo-count pulling a thin hour-of-week baseline towards the value's share over all hours. */
export const PRIOR_WEIGHT = 50;
/** Fewer items than this in the baseline weeks: no surge test (a new install has no usual level). */
export const MIN_HISTORY_ITEMS = 200;
/** A satisfaction fall must also be this many standard errors to count. */
export const MIN_DROP_Z = 3;

export interface SurgeCell { dimension: 'topic' | 'channel'; value: string; count: number; examples: Example[] }
export interface SurgeData {
  /** All items in the window, every topic and channel: the exposure the share is applied to. */
  total: number;
  cells: SurgeCell[];
  /** Same hour-of-week windows of the baseline weeks: all items, and negatives by `${dimension}:${value}`. */
  history: { total: number; negatives: Map<string, number> };
  /** The whole baseline period, all hours: the prior the hour-of-week share is smoothed towards. */
  overall: { total: number; negatives: Map<string, number> };
}

/**
 * Surge: of the n items in the window, x were negative about this topic (or in this channel).
 * Expected share p = (x_h + 50·p_all) / (n_h + 50) from the same hour of the week over the
 * baseline weeks, smoothed towards the share over all hours; the test is binomial, P(X ≥ x | n, p).
 * A level needs p-value below the setting, and at least its minimum count and ratio to expected.
 */
export function surgeFindings(d: SurgeData, s: WarningsSettings['surge']): Finding[] {
  if (d.overall.total < MIN_HISTORY_ITEMS) return [];
  const out: Finding[] = [];
  for (const cell of d.cells) {
    const key = `${cell.dimension}:${cell.value}`;
    const prior = ((d.overall.negatives.get(key) ?? 0) + 1) / (d.overall.total + 2);
    const share = ((d.history.negatives.get(key) ?? 0) + PRIOR_WEIGHT * prior) / (d.history.total + PRIOR_WEIGHT);
    const expected = d.total * share;
    const pValue = binomialUpperTail(cell.count, d.total, share);
    if (pValue >= s.pValue) continue;
    let level: Level | null = null;
    LEVELS.forEach((l, i) => { if (cell.count >= s.minCounts[i]! && cell.count >= s.ratios[i]! * expected) level = l; });
    if (!level) continue;
    out.push({
      key: `surge:${key}`, type: 'surge', level, subject: { [cell.dimension]: cell.value },
      evidence: { observed: cell.count, baseline: round(expected), measure: pValue, windowMinutes: s.windowMinutes, figures: { total: d.total, weeks: s.baselineWeeks }, examples: cell.examples },
    });
  }
  return out;
}

export interface BreachData { due: number; breached: number; examples: Example[]; usual: { due: number; breached: number } }

/** A breach rate must also be unlikely at the usual rate of the week before: binomial p below this. */
export const BREACH_P_VALUE = 0.001;

/**
 * Breach rate: of the items whose first response fell due in the window, the share answered late
 * or not at all, at a level's rate, and more than the usual rate explains (binomial test against
 * the rate of the 7 days before, smoothed towards 5%, at least 1%), so a few late answers on a quiet night are not one.
 */
export function breachFindings(d: BreachData, s: WarningsSettings['breach']): Finding[] {
  if (d.due < s.minDue) return [];
  const rate = d.breached / d.due;
  const level = levelFor(rate, s.rates);
  if (!level) return [];
  // Smoothed towards 5% with a weight of 20 items, so a week with few items due says little either way.
  const usual = Math.max(0.01, (d.usual.breached + 0.05 * 20) / (d.usual.due + 20));
  const pValue = binomialUpperTail(d.breached, d.due, usual);
  if (pValue >= BREACH_P_VALUE) return [];
  return [{ key: 'breach_rate', type: 'breach_rate', level, subject: {}, evidence: { observed: d.breached, baseline: round(usual), measure: round(rate), windowMinutes: s.windowHours * 60, figures: { due: d.due, p: pValue }, examples: d.examples } }];
}

export interface UnclaimedData { now: number; hourAgo: number; examples: Example[] }

/** Unclaimed queue growing: at least its level's count now, and half as many again as an hour ago. */
export function unclaimedFindings(d: UnclaimedData, s: WarningsSettings['unclaimed']): Finding[] {
  if (d.now < d.hourAgo * 1.5 || d.now <= d.hourAgo) return [];
  const level = levelFor(d.now, s.counts);
  if (!level) return [];
  return [{ key: 'unclaimed', type: 'unclaimed', level, subject: {}, evidence: { observed: d.now, baseline: d.hourAgo, windowMinutes: 60, examples: d.examples } }];
}

export interface SatisfactionData {
  /** 'csat': ratings 4–5 of all ratings; 'positive_share': items not negative of all items. */
  mode: 'csat' | 'positive_share';
  before: { good: number; total: number };
  now: { good: number; total: number };
  examples: Example[];
}

/** Satisfaction falling: the share in the window against the window before, by at least a level's points and 3 standard errors. */
export function satisfactionFindings(d: SatisfactionData, s: WarningsSettings['satisfaction']): Finding[] {
  if (d.before.total < s.minCount || d.now.total < s.minCount) return [];
  const before = d.before.good / d.before.total;
  const now = d.now.good / d.now.total;
  const drop = before - now;
  if (proportionDropZ(d.before.good, d.before.total, d.now.good, d.now.total) < MIN_DROP_Z) return [];
  const level = levelFor(drop, s.drops);
  if (!level) return [];
  return [{
    key: 'satisfaction', type: 'satisfaction', level, subject: { measure: d.mode },
    evidence: { observed: round(now), baseline: round(before), measure: round(drop), windowMinutes: s.windowHours * 60, figures: { now: d.now.total, before: d.before.total }, examples: d.examples },
  }];
}

export interface SourceData { source: string; observed: number; expected: number; lastSeenAt: Date | null }

/** A source gone silent: nothing in the window where the same hours of the baseline weeks brought at least a level's count on average. */
export function silentFindings(d: SourceData[], s: WarningsSettings['silent']): Finding[] {
  return d.flatMap((src): Finding[] => {
    if (src.observed > 0) return [];
    const level = levelFor(src.expected, s.expected);
    if (!level) return [];
    return [{
      key: `silent:${src.source}`, type: 'silent_source' as const, level, subject: { source: src.source },
      evidence: { observed: 0, baseline: round(src.expected), windowMinutes: s.hours * 60, ...(src.lastSeenAt ? { figures: { lastSeenAt: src.lastSeenAt.getTime() } } : {}), examples: [] },
    }];
  });
}

export interface RepeatData { customerId: string; count: number; examples: Example[] }

/** One customer complaining again and again within the window: a churn risk. */
export function repeatFindings(d: RepeatData[], s: WarningsSettings['repeat']): Finding[] {
  return d.flatMap((c) => {
    const level = levelFor(c.count, s.counts);
    if (!level) return [];
    return [{ key: `repeat:${c.customerId}`, type: 'repeat_customer' as const, level, subject: { customer: c.customerId }, evidence: { observed: c.count, windowMinutes: s.days * 1440, examples: c.examples } }];
  });
}

export interface SafetyData { customers: number; items: number; categories: string[]; examples: Example[] }

/** Safety and legal words from several different customers within the window: important, severe at twice the count. */
export function safetyFindings(d: SafetyData, s: WarningsSettings['safety']): Finding[] {
  if (d.customers < s.count) return [];
  const level: Level = d.customers >= 2 * s.count ? 'severe' : 'important';
  return [{
    key: 'safety', type: 'safety', level, subject: { categories: d.categories.join(',') },
    evidence: { observed: d.customers, windowMinutes: s.windowMinutes, figures: { items: d.items }, examples: d.examples },
  }];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

// Warning levels and the findings the signals produce. Plain data, no I/O.
export const LEVELS = ['general', 'important', 'severe'] as const;
export type Level = (typeof LEVELS)[number];

export const levelRank = (level: Level): number => LEVELS.indexOf(level);
export const higher = (a: Level, b: Level): Level => (levelRank(a) >= levelRank(b) ? a : b);

export const WARNING_TYPES = ['surge', 'breach_rate', 'unclaimed', 'satisfaction', 'silent_source', 'repeat_customer', 'safety'] as const;
export type WarningType = (typeof WARNING_TYPES)[number];

/** An example item named on a card: masked text only. */
export interface Example { id: string; shortId: string; text: string }

/** Numbers behind a warning, shown on its card: what was counted, against what. */
export interface Evidence {
  observed: number;
  /** The usual level it is judged against (expected count, previous share…), when there is one. */
  baseline?: number;
  /** e.g. the p-value of the surge test, the breach rate, the drop in satisfaction. */
  measure?: number;
  /** Window the observation covers, in minutes. */
  windowMinutes: number;
  /** Extra figures by name (total items in the window, items due, …). */
  figures?: Record<string, number>;
  examples: Example[];
}

/** What a signal says now about one key: abnormal at a level (a finding), or nothing. */
export interface Finding {
  key: string;
  type: WarningType;
  level: Level;
  subject: Record<string, string>;
  evidence: Evidence;
}

/** The first level whose threshold `value` reaches, thresholds ascending (general, important, severe). */
export function levelFor(value: number, thresholds: readonly [number, number, number]): Level | null {
  let found: Level | null = null;
  thresholds.forEach((threshold, i) => { if (value >= threshold) found = LEVELS[i]!; });
  return found;
}

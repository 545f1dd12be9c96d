// A warning as cards, commands and actions see it.
import type { Evidence, Level, WarningType } from './levels.js';

export type WarningStatus = 'open' | 'acknowledged' | 'resolved' | 'recovered';

export interface Warning {
  id: number;
  /** Shown on cards and typed in commands, e.g. "W-7". */
  shortId: string;
  key: string;
  type: WarningType;
  level: Level;
  peakLevel: Level;
  status: WarningStatus;
  version: number;
  subject: Record<string, string>;
  evidence: Evidence;
  openedAt: Date;
  /** The last time its signal was seen abnormal. */
  seenAt: Date;
  acknowledged: { by: string; name: string; at: Date } | null;
  assignee: { id: string; name: string; at: Date } | null;
  resolved: { by: string; name: string; at: Date; note: string } | null;
  /** When the signal was back to normal (the warning closed itself). */
  endedAt: Date | null;
}

/** The target id on a warning card's buttons: never an item id (those are UUIDs). */
export const warningTarget = (id: number): string => `warning-${id}`;

export function warningIdOf(target: string): number | null {
  const m = /^warning-(\d{1,9})$/.exec(target);
  return m ? Number(m[1]) : null;
}

export const warningShortId = (id: number): string => `W-${id}`;

// Early-warning settings: schedules and thresholds, each with a default (README "Early warnings"
// has the table). Spread into the config schema, so a bad value stops start-up with a readable line.
import { z } from 'zod';
import { validate } from 'node-cron';

/** "a,b,c": the general, important and severe thresholds, ascending. */
const triple = (fallback: string) => z.string()
  .regex(/^\s*\d+(\.\d+)?\s*,\s*\d+(\.\d+)?\s*,\s*\d+(\.\d+)?\s*$/, { error: 'config.warnings_levels', abort: true })
  .refine((v) => { const [a, b, c] = v.split(',').map(Number); return a! <= b! && b! <= c!; }, { error: 'config.warnings_levels' })
  .default(fallback)
  .transform((v) => v.split(',').map(Number) as [number, number, number]);
const cron = (fallback: string) => z.string().refine((v) => v.trim().split(/\s+/).length === 5 && validate(v), { error: 'config.warnings_cron' }).default(fallback);
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const share = (fallback: number) => z.coerce.number().gt(0).lt(1).default(fallback);

export const WARNINGS_ENV = {
  WARNINGS_SCAN_CRON: cron('*/5 * * * *'),
  WARNINGS_SURGE_WINDOW_MINUTES: count(60),
  WARNINGS_SURGE_BASELINE_WEEKS: count(8),
  WARNINGS_SURGE_MIN_COUNTS: triple('8,15,30'),
  WARNINGS_SURGE_RATIOS: triple('2,3,5'),
  WARNINGS_SURGE_P_VALUE: share(0.0001),
  WARNINGS_BREACH_WINDOW_HOURS: count(4),
  WARNINGS_BREACH_MIN_DUE: count(10),
  WARNINGS_BREACH_RATES: triple('0.2,0.35,0.5'),
  WARNINGS_UNCLAIMED_COUNTS: triple('10,25,50'),
  WARNINGS_SATISFACTION_WINDOW_HOURS: count(24),
  WARNINGS_SATISFACTION_MIN_COUNT: count(30),
  WARNINGS_SATISFACTION_DROPS: triple('0.1,0.2,0.3'),
  WARNINGS_SILENT_HOURS: count(2),
  WARNINGS_SILENT_EXPECTED: triple('10,20,40'),
  WARNINGS_REPEAT_DAYS: count(7),
  WARNINGS_REPEAT_COUNTS: triple('3,5,8'),
  WARNINGS_SAFETY_COUNT: count(3),
  WARNINGS_SAFETY_WINDOW_MINUTES: count(60),
  WARNINGS_SAFETY_WORDS: z.string().optional(),
};

type Parsed = z.output<z.ZodObject<typeof WARNINGS_ENV>>;

export function warningsSettings(e: Parsed) {
  return {
    scanCron: e.WARNINGS_SCAN_CRON,
    surge: { windowMinutes: e.WARNINGS_SURGE_WINDOW_MINUTES, baselineWeeks: e.WARNINGS_SURGE_BASELINE_WEEKS, minCounts: e.WARNINGS_SURGE_MIN_COUNTS, ratios: e.WARNINGS_SURGE_RATIOS, pValue: e.WARNINGS_SURGE_P_VALUE },
    breach: { windowHours: e.WARNINGS_BREACH_WINDOW_HOURS, minDue: e.WARNINGS_BREACH_MIN_DUE, rates: e.WARNINGS_BREACH_RATES },
    unclaimed: { counts: e.WARNINGS_UNCLAIMED_COUNTS },
    satisfaction: { windowHours: e.WARNINGS_SATISFACTION_WINDOW_HOURS, minCount: e.WARNINGS_SATISFACTION_MIN_COUNT, drops: e.WARNINGS_SATISFACTION_DROPS },
    silent: { hours: e.WARNINGS_SILENT_HOURS, expected: e.WARNINGS_SILENT_EXPECTED },
    repeat: { days: e.WARNINGS_REPEAT_DAYS, counts: e.WARNINGS_REPEAT_COUNTS },
    safety: { count: e.WARNINGS_SAFETY_COUNT, windowMinutes: e.WARNINGS_SAFETY_WINDOW_MINUTES, words: (e.WARNINGS_SAFETY_WORDS ?? '').split(',').map((w) => w.trim()).filter(Boolean) },
  };
}

export type WarningsSettings = ReturnType<typeof warningsSettings>;

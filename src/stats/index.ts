// The statistics API other parts call: periods in the bot's time zone, totals and breakdowns
// from the rollups, day-by-day series, and what is open right now.
export { parsePeriod, isPeriod, periodOf, previousPeriod, MAX_PERIOD_DAYS, type Period, type PeriodRefusal, type StatsRange } from './period.js';
export { statsTotals, statsBy, statsBySegment, openNow, STATS_DIMENSIONS, EMPTY_MEASURES, type StatsDimension, type StatsMeasures } from './rollups.js';
export { periodStats, statsByDay, meanMinutes, onTimeShare, type PeriodStats } from './period-stats.js';
export { compactStatsDeltas, startStatsCompactor, type StatsCompactor } from './compact.js';
export { statsTimeZone, localDateOf, startOfLocalDate, addDays, formatLocalDate, parseLocalDate, type LocalDate } from './zoned-time.js';
export { todayStats, type TodayStats } from './today-stats.js';

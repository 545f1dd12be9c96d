// The weekly digest as bench/stats measures it, on the same million items: the digest's figures
// for last week, its 8-week chart drawn to PNG, and that week's .xlsx export.
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { readDigest } from '../src/digests/digest-data.js';
import { digestPeriod } from '../src/digests/period.js';
import { renderTrendChart } from '../src/charts/trend-chart.js';
import { buildExport } from '../src/exports/workbook.js';
import { chartText } from '../src/digests/produce-digest.js';
import { createTranslate } from '../src/i18n/translate.js';
import type { ExtraMeasure } from './stats.js';

const t = createTranslate('both');

async function weeklyDigest(db: Kysely<Database>, now: Date, zone: string) {
  const period = digestPeriod('weekly', zone, now);
  const data = await readDigest(db, period);
  const chart = renderTrendChart(data.trend, chartText('weekly', t));
  const xlsx = await buildExport(db, { from: period.start, to: period.end, label: `${period.date}..${period.lastDate}`, timeZone: zone, now });
  return { items: data.total, chartBytes: chart.length, rows: xlsx.items, xlsxBytes: xlsx.bytes.length };
}

async function weeklyDigestWithChart(db: Kysely<Database>, now: Date, zone: string) {
  const data = await readDigest(db, digestPeriod('weekly', zone, now));
  return renderTrendChart(data.trend, chartText('weekly', t)).length;
}

export const measures: ExtraMeasure[] = [
  { name: 'weekly digest figures only', runs: 10, run: (db, now, zone) => readDigest(db, digestPeriod('weekly', zone, now)) },
  { name: 'weekly digest figures + chart (what is posted)', runs: 10, run: weeklyDigestWithChart },
  { name: 'weekly digest figures + chart + that week\'s xlsx', runs: 3, run: weeklyDigest },
];

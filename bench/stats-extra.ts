// The weekly digest as bench/stats measures it, on the same million items: the digest's figures
// for last week, its 8-week chart drawn to PNG and its workbook (the report's tables), each
// alone; then the whole as the schedule makes it (produceDigest: chart and workbook made as soon
// as the figures are in, both stored). Beside it, for reference, that week's every item and event
// as /fb export writes them, which the digest does not make.
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { loadConfig } from '../src/config.js';
import { readDigest } from '../src/digests/digest-data.js';
import { digestPeriod } from '../src/digests/period.js';
import { renderTrendChart } from '../src/charts/trend-chart.js';
import { buildExport } from '../src/exports/workbook.js';
import { chartText, produceDigest } from '../src/digests/produce-digest.js';
import { buildDigestWorkbook } from '../src/digests/digest-workbook.js';
import { createTranslate } from '../src/i18n/translate.js';
import type { ExtraMeasure } from './stats.js';

const t = createTranslate('both');

function weekExport(db: Kysely<Database>, now: Date, zone: string) {
  const period = digestPeriod('weekly', zone, now);
  return buildExport(db, { from: period.start, to: period.end, label: `${period.date}..${period.lastDate}`, timeZone: zone, now });
}

async function weeklyDigest(db: Kysely<Database>, now: Date, zone: string) {
  const config = loadConfig({ DATA_DIR: 'unused', DEMO: '0', DIGEST_TIME_ZONE: zone });
  const digest = await produceDigest({ db, t, config }, digestPeriod('weekly', zone, now));
  if (!digest.workbook || digest.workbook.bytes === 0) throw new Error('the weekly digest came without its workbook');
  return digest;
}

let figures: Awaited<ReturnType<typeof readDigest>> | undefined;
const weekFigures = async (db: Kysely<Database>, now: Date, zone: string) => (figures ??= await readDigest(db, digestPeriod('weekly', zone, now)));

export const measures: ExtraMeasure[] = [
  { name: 'weekly digest: figures', runs: 10, run: (db, now, zone) => readDigest(db, digestPeriod('weekly', zone, now)) },
  {
    name: 'weekly digest: chart (drawing the 8-week PNG)', runs: 10,
    run: async (db, now, zone) => renderTrendChart((await weekFigures(db, now, zone)).trend, chartText('weekly', t)),
  },
  { name: 'weekly digest: its workbook (the report\'s tables)', runs: 10, run: async (db, now, zone) => buildDigestWorkbook(await weekFigures(db, now, zone), t, now) },
  { name: 'weekly digest: figures + chart + workbook, made and stored as the schedule does', runs: 10, target: 2000, run: weeklyDigest },
  { name: 'for reference, not in the digest: the week\'s every item and event as /fb export 7d writes them', runs: 5, run: weekExport },
];

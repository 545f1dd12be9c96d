// CSAT and NPS as card fields, the same on the digest and the /fb stats card; each only when
// answers exist, so a desk without surveys sees no empty satisfaction lines.
import type { Translate } from '../src/i18n/translate.js';
import type { SurveyFigures } from '../src/stats/survey-figures.js';
import type { CardField } from './card.js';

export function surveyFields(s: SurveyFigures, t: Translate): CardField[] {
  const fields: CardField[] = [];
  if (s.csat) {
    const pct = `${Math.round((s.csat.satisfied / s.csat.responses) * 100)}%`;
    fields.push({ label: t('digest.csat'), value: t('digest.csat_value', { pct, n: s.csat.responses, avg: s.csat.average.toFixed(2) }) });
  }
  if (s.nps) fields.push({ label: t('digest.nps'), value: t('digest.nps_value', { score: s.nps.score, n: s.nps.responses }) });
  return fields;
}

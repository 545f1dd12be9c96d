// Accuracy and confusion tables, shared by the classify --eval command and the benchmark.

export interface FieldReport {
  field: string;
  total: number;
  correct: number;
  accuracy: number;
  labels: string[];
  /** confusion[gold][predicted] = count */
  confusion: Record<string, Record<string, number>>;
}

export function fieldReport(field: string, pairs: readonly { gold: string; predicted: string }[]): FieldReport {
  const labels = [...new Set(pairs.flatMap((p) => [p.gold, p.predicted]))].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (const gold of labels) confusion[gold] = Object.fromEntries(labels.map((l) => [l, 0]));
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    confusion[gold][predicted]++;
    if (gold === predicted) correct++;
  }
  return { field, total: pairs.length, correct, accuracy: pairs.length ? correct / pairs.length : 0, labels, confusion };
}

/** Plain-text table: rows are the gold labels, columns the predictions. */
export function formatReport(report: FieldReport): string {
  const pct = (report.accuracy * 100).toFixed(1);
  const head = `${report.field}: ${pct}% (${report.correct}/${report.total})`;
  const width = Math.max(10, ...report.labels.map((l) => l.length + 1));
  const pad = (s: string) => s.padStart(width);
  const lines = [head, `${'gold \\ predicted'.padEnd(18)}${report.labels.map(pad).join('')}`];
  for (const gold of report.labels) {
    lines.push(`${gold.padEnd(18)}${report.labels.map((p) => pad(String(report.confusion[gold][p]))).join('')}`);
  }
  return lines.join('\n');
}

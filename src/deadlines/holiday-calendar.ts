// China's public holidays and make-up workdays (调休): the data of the chinese-days package
// (kept current by its maintainers from the State Council's yearly notice; `npm update
// chinese-days` brings a new year), corrected or extended by a dated file the operator keeps
// (HOLIDAYS_FILE) for a year the package does not know yet.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EMPTY_CALENDAR, HolidayFileSchema, mergeCalendars, type HolidayCalendar, type HolidayFile } from '../domain/business-calendar.js';

export type CalendarSource = 'cn' | 'none';

/** Why a holiday file was refused, ready to show as one line of a configuration error. */
export class HolidayFileError extends Error {
  override name = 'HolidayFileError';
}

/**
 * The calendar for `source`, with the file's dates on top. Throws HolidayFileError when the file
 * cannot be read or is not a holiday file, so that start-up stops with the reason.
 */
export function loadHolidayCalendar(source: CalendarSource, file?: string): HolidayCalendar & { fileUpdated: string | null } {
  const layers: { holidays: Iterable<string>; workdays: Iterable<string> }[] = [];
  if (source === 'cn') layers.push(packageCalendar());
  let fileUpdated: string | null = null;
  if (file) {
    const parsed = readHolidayFile(file);
    layers.push(parsed);
    fileUpdated = parsed.updated;
  }
  return { ...(layers.length ? mergeCalendars(...layers) : EMPTY_CALENDAR), fileUpdated };
}

/** The package's table: { holidays: { "2026-02-16": "Spring Festival,春节,4" }, workdays: {…} }. */
function packageCalendar(): { holidays: string[]; workdays: string[] } {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  return { holidays: Object.keys(data.holidays), workdays: Object.keys(data.workdays) };
}

export function readHolidayFile(path: string): HolidayFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HolidayFileError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HolidayFileError(`${path} is not JSON`);
  }
  const parsed = HolidayFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HolidayFileError(`${path}: ${issue?.path.join('.') || 'file'} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

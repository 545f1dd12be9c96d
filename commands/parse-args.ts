const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

/** A list length typed by a person: absent → 10; not a number → null (the command says so). */
export function parseLimit(arg: string | undefined): number | null {
  if (arg === undefined) return DEFAULT_LIMIT;
  if (!/^\d{1,4}$/.test(arg)) return null;
  return Math.min(MAX_LIMIT, Math.max(1, Number(arg)));
}

/** Calendar arithmetic on YYYY-MM-DD strings, in UTC: no clock, no time zone. */

export type Precision = 'year' | 'month' | 'day';

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function ymd(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function parseDay(day: string): { y: number; m: number; d: number } {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return { y, m, d };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function addDays(day: string, n: number): string {
  const { y, m, d } = parseDay(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function weekday(day: string): number {
  const { y, m, d } = parseDay(day);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The first and last day a partial date covers. */
export function span(value: string): { first: string; last: string } {
  const parts = value.split('-').map(Number);
  const [y = 0, m, d] = parts;
  if (d !== undefined && m !== undefined) return { first: value, last: value };
  if (m !== undefined) return { first: ymd(y, m, 1), last: ymd(y, m, daysInMonth(y, m)) };
  return { first: ymd(y, 1, 1), last: ymd(y, 12, 31) };
}

export function daysBetween(a: string, b: string): number {
  const pa = parseDay(a);
  const pb = parseDay(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

/** The day of a publication date value ("2025-02-28T09:00:00Z", "2025-02-28", "2025-02"). */
export function dayOf(value: string): { day: string; precision: Precision } {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m?.[1]) throw new Error(`not a date: ${value}`);
  if (m[3] && m[2]) return { day: `${m[1]}-${m[2]}-${m[3]}`, precision: 'day' };
  if (m[2]) return { day: span(`${m[1]}-${m[2]}`).last, precision: 'month' };
  return { day: `${m[1]}-12-31`, precision: 'year' };
}

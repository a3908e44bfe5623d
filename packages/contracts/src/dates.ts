/**
 * Partial dates ("2025", "2025-02", "2025-02-28") as the days they may stand for, and how an event's
 * date reads. The one home of these facts: the extractor, the resolver, the store, the knowledge
 * base and the CLI all use them.
 */
import type { EventDate } from './schemas/event.ts';

/** The days a date may stand for: [first, last] as YYYY-MM-DD, inclusive. */
export interface DayRange {
  readonly first: string;
  readonly last: string;
}

/**
 * The range of an undated event: every day. It overlaps every other range, so an undated report
 * can join a known event of its kind, and a dated report can refine an undated event.
 */
export const UNDATED_RANGE: DayRange = { first: '0001-01-01', last: '9999-12-31' };

export type Precision = 'year' | 'month' | 'day';

// ── Calendar arithmetic on YYYY-MM-DD strings, in UTC: no clock, no time zone ──────────────

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function ymd(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function parseDay(day: string): { y: number; m: number; d: number } {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return { y, m, d };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
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

export function daysBetween(a: string, b: string): number {
  const pa = parseDay(a);
  const pb = parseDay(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

// ── Partial dates as ranges of days ─────────────────────────────────────────────────────────

/** "2025" → 2025-01-01..2025-12-31; "2025-02" → the month; a day → itself. */
export function partialDateRange(value: string): DayRange {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!match?.[1]) throw new Error(`not a partial date: ${value}`);
  const [, year, month, day] = match;
  if (day !== undefined && month !== undefined) return { first: value, last: value };
  if (month !== undefined)
    return {
      first: `${year}-${month}-01`,
      last: `${year}-${month}-${pad(daysInMonth(Number(year), Number(month)))}`,
    };
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}

/** The days an event's date may stand for; every day when the event is undated (null). */
export function eventDateRange(date: Pick<EventDate, 'value' | 'end'> | null): DayRange {
  if (date === null) return UNDATED_RANGE;
  const start = partialDateRange(date.value);
  return date.end ? { first: start.first, last: partialDateRange(date.end).last } : start;
}

export function rangesOverlap(a: DayRange, b: DayRange): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function rangeContains(outer: DayRange, inner: DayRange): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** Whether a stored range is the undated one. */
export function isUndatedRange(range: DayRange): boolean {
  return range.first === UNDATED_RANGE.first && range.last === UNDATED_RANGE.last;
}

const SOURCE_NOTE = { text: '', published: ' (publication date)', fetched: ' (fetch date)' } as const;

/**
 * An event's date for people: "2025-02-28", "2025-11-24–2025-11-26", "2025-03-01 (publication
 * date)" when only the article's date dates it, "undated".
 */
export function formatEventDate(date: EventDate | null, options: { source?: boolean } = {}): string {
  if (date === null) return 'undated';
  const days = date.end ? `${date.value}–${date.end}` : date.value;
  return options.source && date.source ? `${days}${SOURCE_NOTE[date.source]}` : days;
}

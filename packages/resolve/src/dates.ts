import type { EventDate } from '@dyad/contracts';

/** The days an event date may stand for: [first, last] as YYYY-MM-DD, inclusive. */
export interface DayRange {
  readonly first: string;
  readonly last: string;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2025" → 2025-01-01..2025-12-31; "2025-02" → the month; a day → itself. */
export function partialToRange(value: string): DayRange {
  const [y, m, d] = value.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) throw new Error(`not a date: ${value}`);
  if (m === undefined) return { first: `${y}-01-01`, last: `${y}-12-31` };
  if (d === undefined)
    return { first: `${y}-${pad(m)}-01`, last: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
  return { first: value, last: value };
}

export function dateRange(date: EventDate): DayRange {
  const start = partialToRange(date.value);
  return date.end ? { first: start.first, last: partialToRange(date.end).last } : start;
}

export function rangesOverlap(a: DayRange, b: DayRange): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function rangeContains(outer: DayRange, inner: DayRange): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

const RANK = { year: 0, month: 1, day: 2 } as const;

/** How many days a date may stand for: smaller is more precise. */
export function spanDays(date: EventDate): number {
  const r = dateRange(date);
  return (Date.parse(r.last) - Date.parse(r.first)) / 86_400_000 + 1;
}

/**
 * The better of two compatible dates: the one that pins the event down more (a day beats a month
 * it falls in), or the first when neither is inside the other.
 */
export function refineDate(current: EventDate, incoming: EventDate): EventDate {
  const cur = dateRange(current);
  const inc = dateRange(incoming);
  if (RANK[incoming.precision] > RANK[current.precision] && rangeContains(cur, inc)) return incoming;
  // Same precision, but the incoming one knows the end of a multi-day event.
  if (
    incoming.precision === current.precision &&
    incoming.value === current.value &&
    incoming.end &&
    !current.end
  ) {
    return incoming;
  }
  return current;
}

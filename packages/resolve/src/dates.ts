import {
  addDays,
  type DayRange,
  type EventDate,
  eventDateRange,
  rangeContains,
  rangesOverlap,
} from '@dyad/contracts';

const RANK = { year: 0, month: 1, day: 2 } as const;

// How many days before an article's own date its news may have happened: a report dated only
// by its publication ("Bourita received the ambassador", published on Monday) may tell of the
// weekend's meeting, and one dated by its fetch may be older still.
const APPROXIMATE_REACH = { published: 3, fetched: 7 } as const;

/** Whether a date says only when the article appeared or was fetched, not when the event was. */
export function isApproximate(date: EventDate | null): boolean {
  return date?.source === 'published' || date?.source === 'fetched';
}

/**
 * The days a report's date may stand for when looking for the event it tells: its own days, and
 * a few before when only the article's date dates it. Undated: every day.
 */
export function matchRange(date: EventDate | null): DayRange {
  const range = eventDateRange(date);
  if (date?.source !== 'published' && date?.source !== 'fetched') return range;
  return { first: addDays(range.first, -APPROXIMATE_REACH[date.source]), last: range.last };
}

/** How many days a date may stand for: smaller is more precise. Undated: all of them. */
export function spanDays(date: EventDate | null): number {
  const r = eventDateRange(date);
  return (Date.parse(r.last) - Date.parse(r.first)) / 86_400_000 + 1;
}

/**
 * The better of two compatible dates: a date over none; a date the text gives over one taken from
 * the article's publication or fetch; the one that pins the event down more (a day beats a month
 * it falls in); else the first.
 */
export function refineDate(current: EventDate | null, incoming: EventDate | null): EventDate | null {
  if (incoming === null) return current;
  if (current === null) return incoming;
  if (isApproximate(current) && !isApproximate(incoming)) {
    if (rangesOverlap(matchRange(current), eventDateRange(incoming))) return incoming;
    return current;
  }
  if (isApproximate(incoming) && !isApproximate(current)) return current;
  const cur = eventDateRange(current);
  const inc = eventDateRange(incoming);
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

import {
  addDays,
  type DayRange,
  daysBetween,
  type EventDate,
  eventDateRange,
  rangeContains,
  rangesOverlap,
  type TypeClass,
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

/** A date the text gives at day precision (a day, or days with an end). */
function isTextDays(date: EventDate | null): date is EventDate {
  return date !== null && date.precision === 'day' && !isApproximate(date);
}

/** How many days apart two reports of one visit may date it (the eve of arrival and the second day). */
const VISIT_DAYS_REACH = 2;

/**
 * VISIT DAYS ADJOIN. A visit lasts days, and its reports give different ones of them, some a day
 * off the official days: the Arabic report dates Nurtleu's visit to Rabat 10–12 February, the
 * French one 10 February (his arrival), the English one the 11th ("the second day"), the Russian
 * one the 9th (he landed that evening) — and the Russian and English ones may come first, two
 * days apart. Two text dates at day precision whose days overlap or are at most two days apart
 * may be one visit's days. The caller asks for more (a shared known participant); a return visit
 * a month later is never that close.
 */
export function visitDaysAdjoin(a: EventDate | null, b: EventDate | null): boolean {
  // A date from an article's publication (Monday's article on the weekend's visit) stands for
  // the days it may reach back to.
  if (a?.precision !== 'day' || b?.precision !== 'day') return false;
  const ra = matchRange(a);
  const rb = matchRange(b);
  return (
    daysBetween(ra.last, rb.first) <= VISIT_DAYS_REACH && daysBetween(rb.last, ra.first) <= VISIT_DAYS_REACH
  );
}

/**
 * A visit's days from two of its reports (VISIT DAYS ADJOIN): every day either text date gives,
 * as one range — 10 February and 10–12 February make 10–12 February, the 9th and the 10th make
 * 9–10; a text date beats a publication date it adjoins. Undefined when the two do not adjoin
 * (`refineDate` decides then).
 */
export function joinVisitDays(current: EventDate | null, incoming: EventDate | null): EventDate | undefined {
  if (!current || !incoming || !visitDaysAdjoin(current, incoming)) return undefined;
  if (isApproximate(current) && isTextDays(incoming)) return incoming;
  if (!isTextDays(current) || !isTextDays(incoming)) return undefined;
  const a = eventDateRange(current);
  const b = eventDateRange(incoming);
  // Days as YYYY-MM-DD sort as strings: the earlier first day, the later last day.
  const first = [a.first, b.first].sort()[0] ?? a.first;
  const last = [a.last, b.last].sort()[1] ?? a.last;
  if (first === a.first && last === a.last) return current;
  return {
    value: first,
    ...(last !== first ? { end: last } : {}),
    precision: 'day',
    source: current.source ?? 'text',
  };
}

/**
 * The days to search, among events stored with the days of their date (`eventDateRange`), for
 * those a report of class `cls` may join: `matchRange`; up to 7 days later too, since an event
 * dated only by an article's publication or fetch reaches back that far (a report of the 16th
 * joins the event first known from an article published on the 17th); and for a visit dated to
 * the day, two days more each way (VISIT DAYS ADJOIN). `matchReport` decides.
 */
export function candidateRange(date: EventDate | null, cls: TypeClass): DayRange {
  const range = matchRange(date);
  // Undated: every day already.
  if (date === null) return range;
  const reach = cls === 'visit' && date.precision === 'day' ? VISIT_DAYS_REACH : 0;
  return {
    first: addDays(range.first, -reach),
    last: addDays(range.last, Math.max(reach, APPROXIMATE_REACH.fetched)),
  };
}

/**
 * The article's own date and the dates of its events: which date a candidate's words give it, which
 * date the news takes when the text gives none, and which dates are plans or background.
 */
import type { DateSource } from '@dyad/contracts';
import type { Candidate } from './candidate.ts';
import { addDays, type Precision, partialDateRange } from './date-math.ts';

/**
 * The article's own date, the reference for "yesterday" and "28 February": its publication date,
 * a dateline of its text, the fetch time; or only a date its lead mentions (`mentioned`), which
 * tells the year of "28 February" but never dates the news itself (it may be background).
 */
export interface ArticleDate {
  readonly day: string;
  readonly precision: Precision;
  readonly source: 'published' | 'dateline' | 'fetched' | 'mentioned';
}

/** Where the date of news dated by the article itself came from, as an event's date says it. */
const NEWS_DATE_SOURCE: Record<ArticleDate['source'], DateSource | undefined> = {
  published: 'published',
  dateline: 'text',
  fetched: 'fetched',
  mentioned: undefined,
};

// How many days before the article's own day its news may have happened (the resolver's reach for
// a date taken from the publication is the same).
export const NEWS_DAY_REACH = 3;

/** Whether the article's date may date its news: any but one only mentioned. */
function datesNews(articleDate: ArticleDate | null): articleDate is ArticleDate {
  return articleDate !== null && articleDate.source !== 'mentioned';
}

export interface EventDateValue {
  readonly value: string;
  readonly end?: string;
  readonly precision: Precision;
  readonly source: DateSource;
}

/**
 * The date a candidate's own words give it. A relative one ("on Friday") read against the fetch
 * time is only as good as the fetch time.
 */
export function dateOf(c: Candidate, articleDate: ArticleDate | null): EventDateValue | undefined {
  const h = c.date?.hit;
  if (!h) return undefined;
  const source = h.kind === 'relative' && articleDate?.source === 'fetched' ? 'fetched' : 'text';
  return { value: h.value, ...(h.end ? { end: h.end } : {}), precision: h.precision, source };
}

/**
 * The date the article's own news takes when its text gives none: the article's own date (see
 * `referenceDate`). Null when nothing dates it: the event is kept, undated.
 */
export function newsDateFromArticle(articleDate: ArticleDate | null): EventDateValue | null {
  if (!datesNews(articleDate)) return null;
  const source = NEWS_DATE_SOURCE[articleDate.source];
  if (!source) return null;
  // "Bourita received the Kazakh ambassador", published on 25 March: the page's day says when the
  // article appeared, not the day of the news (the day before, the weekend before): the news is
  // dated to the month, the source telling where that came from. A dateline is the text's own day.
  if (source !== 'text' && articleDate.precision === 'day')
    return { value: articleDate.day.slice(0, 7), precision: 'month', source };
  return { value: articleValue(articleDate), precision: articleDate.precision, source };
}

function spanOf(d: Pick<EventDateValue, 'value' | 'end'>): { first: string; last: string } {
  return { first: partialDateRange(d.value).first, last: partialDateRange(d.end ?? d.value).last };
}

/**
 * A date after the article's own ("next month", "on 3 December" in a paper of 20 November): a
 * plan, whatever the verb says. The news reports what happened.
 */
export function isPlanned(c: Candidate, articleDate: ArticleDate | null): boolean {
  const h = c.date?.hit;
  if (!h) return false;
  if (h.relation === 'next') return true;
  if (articleDate?.source !== 'published' || articleDate.precision !== 'day') return false;
  return partialDateRange(h.value).first > articleDate.day;
}

/** The article's own date, and the sentence its news is told in when nothing dates it (see `isReferred`). */
export interface Story {
  readonly articleDate: ArticleDate | null;
  /** The first sentence that tells an undated event, when the article has no date at all. */
  readonly undatedLead?: number;
  /** The first sentence of the lead that tells a plan between the two (`ArticleShape`). */
  readonly planLead?: number;
}

/**
 * A date the article refers back to: "last March", a year alone, or well before the article's own
 * date. In an article with no date of its own, an event its body dates, when its lead already
 * tells one: "Le Kazakhstan s'apprête à ouvrir une ambassade … Les relations diplomatiques ont été
 * établies le 28 mai 1992."
 */
export function isReferred(c: Candidate, story: Story): boolean {
  const { articleDate } = story;
  const h = c.date?.hit;
  if (!h) return false;
  if (h.relation === 'past' || c.trigger.earlier) return true;
  // A year-only date is background ("relations established in 1992", "visits in 2025"), also in
  // an article with no date of its own; unless the article itself is dated only by its year.
  if (h.precision === 'year' && !(articleDate?.source === 'published' && articleDate.precision === 'year'))
    return true;
  // "Kazakhstan is to open an embassy in Rabat. … In March 2016, the two ministries met in Rabat":
  // the plan is the news; what the body dates is background, also the date the lead mentions.
  if (!datesNews(articleDate) && story.planLead !== undefined && c.sentence > story.planLead + 1) return true;
  // "X received Y. … The meeting reinforces the ties, like the embassy opened in December 2020."
  if (!articleDate) return story.undatedLead !== undefined && c.sentence > story.undatedLead + 1;
  // Only an article dated to the day tells how old an event is: a page dated "2025-03" may be a
  // wrap-up of the visit of 2 February, or the month the page was stored.
  if (articleDate.precision !== 'day') return false;
  return spanOf(h).last < addDays(articleDate.day, -14);
}

/**
 * A day more than NEWS_DAY_REACH days before the article's own day (an article dated to the day):
 * "On 8 September, the deputy minister received copies of the ambassador's credentials" in a report
 * of 14 September on a delegation's arrival tells something older than its news.
 */
export function olderThanNews(c: Candidate, { articleDate }: Story): boolean {
  const h = c.date?.hit;
  if (h?.precision !== 'day') return false;
  if (articleDate?.source !== 'published' || articleDate.precision !== 'day') return false;
  return (h.end ?? h.value) < addDays(articleDate.day, -NEWS_DAY_REACH);
}

export function within(inner: EventDateValue | null, outer: EventDateValue | null): boolean {
  if (!inner || !outer) return false;
  const a = spanOf(inner);
  const b = spanOf(outer);
  return a.first >= b.first && a.last <= b.last;
}

function articleValue(d: ArticleDate): string {
  if (d.precision === 'day') return d.day;
  if (d.precision === 'month') return d.day.slice(0, 7);
  return d.day.slice(0, 4);
}

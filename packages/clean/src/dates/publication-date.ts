import { type DateMention, findDates } from './find-dates.ts';

export type DateSource = 'meta' | 'feed' | 'url' | 'text' | 'inferred' | 'none';

/** As in `article.cleaned`: an ISO timestamp with offset, or YYYY-MM-DD / YYYY-MM / YYYY. */
export interface PublishedAt {
  readonly value: string | null;
  readonly source: DateSource;
}

export interface DateCandidate {
  readonly value: string;
  readonly source: Exclude<DateSource, 'none'>;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD" from parts. */
export function partialDate(year: number, month?: number, day?: number): string {
  if (month === undefined) return pad(year, 4);
  if (day === undefined) return `${pad(year, 4)}-${pad(month)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_NO_ZONE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?\d{4,6})?$/;

function validParts(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date as pages write it in metadata → a contract value: a timestamp with a zone becomes ISO
 * UTC; one without a zone keeps only its day (its zone is unknown); RFC 2822 dates, compact
 * 20250228 and written dates ("28 février 2025") are read too.
 */
export function parseDateValue(raw: string): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  if (ISO_WITH_ZONE.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const iso = ISO_NO_ZONE.exec(text) ?? COMPACT.exec(text);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return validParts(y, m, d) ? partialDate(y, m, d) : undefined;
  }
  // RFC 2822 and similar: only when the string names its zone, so the instant is not guessed.
  if (/\b(?:GMT|UTC|[+-]\d{4})\b/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  const written = findDates(text).find(
    (d) => d.year !== undefined && d.month !== undefined && d.day !== undefined,
  );
  if (written?.year !== undefined && written.month !== undefined)
    return partialDate(written.year, written.month, written.day);
  return undefined;
}

/** Earliest instant a value can stand for, in ms (a day starts at UTC+14 somewhere). */
function earliestInstant(value: string): number {
  if (value.length > 10) return Date.parse(value);
  const [y = '1970', m = '01', d = '01'] = value.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) - 14 * 3_600_000;
}

/** A timestamp at most this far past the fetch is the publisher's clock running fast: clamp it. */
const CLOCK_SKEW_MS = 15 * 60_000;

/**
 * The first candidate, in the order given (most trusted first), that is not in the future of the
 * fetch. A timestamp a few minutes ahead is clamped to the fetch time; anything later is skipped.
 */
export function pickPublicationDate(candidates: readonly DateCandidate[], fetchedAt: string): PublishedAt {
  const fetched = Date.parse(fetchedAt);
  for (const candidate of candidates) {
    const earliest = earliestInstant(candidate.value);
    if (Number.isNaN(earliest)) continue;
    if (earliest <= fetched) return candidate;
    if (candidate.value.length > 10 && earliest - fetched <= CLOCK_SKEW_MS)
      return { value: new Date(fetched).toISOString(), source: candidate.source };
  }
  return { value: null, source: 'none' };
}

/** A date in a URL path: /2025/02/28/, /2025-02-28-, /20250228/; or /2025/02/ (month). */
export function dateFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const full = /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=[/_.-]|$)/.exec(path);
  if (full) {
    const [y, m, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
    if (validParts(y, m, d)) return partialDate(y, m, d);
  }
  const compact = /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/.exec(path);
  if (compact) {
    const [y, m, d] = [Number(compact[1]), Number(compact[2]), Number(compact[3])];
    if (validParts(y, m, d)) return partialDate(y, m, d);
  }
  const month = /(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})\/(?!\d)/.exec(path);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m >= 1 && m <= 12) return partialDate(y, m);
  }
  return undefined;
}

type Parts = { year: number; month?: number; day?: number };

const compare = (a: Parts, b: Parts): number =>
  a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0);

function addDays(p: Parts, days: number): Parts {
  if (p.month === undefined || p.day === undefined) return p;
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The reference date of a text that gives none of its own: what its dates say about when it was
 * written. «أمس 23 شتنبر» / "today" place it on a day; «28 و29 أبريل الجاري» in a month (the first
 * such month after the latest full date the text mentions); else it is the latest date the text
 * mentions, at the precision it was written. Never later than the fetch.
 */
export function inferReferenceDate(
  text: string,
  fetchedAt: string,
  options: { monthFirst?: boolean } = {},
): string | undefined {
  const fetched = new Date(fetchedAt);
  const limit: Parts = {
    year: fetched.getUTCFullYear(),
    month: fetched.getUTCMonth() + 1,
    day: fetched.getUTCDate(),
  };
  const mentions = findDates(text, { years: true, monthFirst: options.monthFirst ?? false });
  const notFuture = (p: Parts): boolean => compare(p, limit) <= 0;

  let lastYear: number | undefined;
  const explicit: Parts[] = [];
  const anchored: Parts[] = [];
  const currentMonths: DateMention[] = [];
  for (const m of mentions) {
    if (m.relative === 'lastMonth') continue;
    if (m.year !== undefined) lastYear = m.year;
    if (m.relative === 'currentMonth' && m.year === undefined) {
      currentMonths.push(m);
      continue;
    }
    const year = m.year ?? lastYear;
    if (year === undefined) continue;
    const parts: Parts = {
      year,
      ...(m.month !== undefined ? { month: m.month } : {}),
      ...(m.day !== undefined ? { day: m.day } : {}),
    };
    if (m.relative === 'yesterday') anchored.push(addDays(parts, 1));
    else if (m.relative === 'today') anchored.push(parts);
    else if (m.year !== undefined) explicit.push(parts);
  }
  const latest = (list: Parts[]): Parts | undefined => list.filter(notFuture).sort(compare).at(-1);
  const show = (p: Parts): string => partialDate(p.year, p.month, p.day);

  const day = latest(anchored);
  if (day) return show(day);
  const latestExplicit = latest(explicit);
  const current = currentMonths.at(-1);
  if (current?.month !== undefined) {
    // The first such month after everything the text calls past, and not after the fetch.
    let year: number;
    if (latestExplicit) year = latestExplicit.year + ((latestExplicit.month ?? 0) > current.month ? 1 : 0);
    else year = current.month > (limit.month ?? 12) ? limit.year - 1 : limit.year;
    const month: Parts = { year, month: current.month };
    if (notFuture(month)) return show(month);
  }
  return latestExplicit ? show(latestExplicit) : undefined;
}

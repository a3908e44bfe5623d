import type { Gathering } from '@dyad/knowledge';
import type { Match, Token } from '@dyad/text';
import { addDays, daysInMonth, isValidDay, type Precision, parseDay, weekday, ymd } from './date-math.ts';
import type { EntityHit, LanguageIndex, RelWord } from './knowledge-index.ts';

export interface DateHit {
  readonly value: string;
  readonly end?: string;
  readonly precision: Precision;
  /** Token span in the sentence, end exclusive. */
  readonly tokStart: number;
  readonly tokEnd: number;
  /** How it was read: written in full, relative to the reference date, or a gathering's dates. */
  readonly kind: 'absolute' | 'relative' | 'gathering';
  /** "last March", "في مارس الماضي": a past time the article refers back to. */
  readonly relation?: 'past' | 'next' | 'current';
  /** "since 2016", "منذ 1992": when a state of things began, never the day of the news. */
  readonly since?: boolean;
  /** The year was written (not inferred from the reference date). */
  readonly explicitYear: boolean;
  /** A weekday written beside the date agrees (ok) or not (mismatch). */
  readonly weekdayCheck?: 'ok' | 'mismatch';
  /**
   * The day a report was made, right after its verb ("the ministry said on Monday", "وفقاً لبيان
   * أصدرته الرئاسة الأربعاء"): it dates the saying, not the events the sentence tells.
   */
  readonly reported?: boolean;
  /** The place of a gathering, when the date came from one. */
  readonly place?: string;
  /**
   * Followed by a time of day ("14 مايو 2025 4:21 م", "29 мая 2023, 15:37"): a page's timestamp (its
   * byline or header), the day the article appeared, never the day of an event it tells.
   */
  readonly stamped?: boolean;
}

// How close a weekday must be to a date to be read as that date's check.
const WEEKDAY_BESIDE = 2;

/**
 * The day dates are read against. `relative` is false when the day is only one the article's lead
 * mentions (it may be background: "the embassy opened in December 2020"): it tells the year of
 * "28 February", but "Friday" and "yesterday" are not read against it.
 */
export interface DateReference {
  readonly day: string;
  readonly relative: boolean;
  /**
   * How exactly that day is known (day when unsaid). A page dated only by its month is the
   * month's last day here: it tells the year of "28 February" and which month "last month" is,
   * but not which day "Friday", "yesterday" or "last week" is.
   */
  readonly precision?: Precision;
}

/**
 * What the date rules read of one sentence: its tokens, and where its month, weekday and relative
 * words start.
 */
interface DateContext {
  readonly tokens: readonly Token[];
  readonly lang: LanguageIndex;
  /** Reference day (YYYY-MM-DD) for the year of "28 February", or null when none is known yet. */
  readonly ref: string | null;
  /** The same day when "yesterday", "last month" and "last year" may be read against it, else null. */
  readonly relativeRef: string | null;
  /** How exactly the reference is known: "Friday" and "yesterday" need its day. */
  readonly relativePrecision: Precision;
  readonly month: Map<number, { n: number; end: number }>;
  readonly weekdayAt: Map<number, { n: number; end: number }>;
  readonly relAt: Map<number, { which: RelWord; end: number }>;
}

const key = (t: Token | undefined): string => t?.keys[0] ?? '';
const isYear = (t: Token | undefined): number | null => {
  if (t?.script !== 'digit') return null;
  const n = Number(key(t));
  return key(t).length === 4 && n >= 1900 && n <= 2100 ? n : null;
};
const isDayNum = (t: Token | undefined): number | null => {
  if (t?.script !== 'digit' || key(t).length > 2) return null;
  const n = Number(key(t));
  return n >= 1 && n <= 31 ? n : null;
};

/** Skips an ordinal suffix written against a day number ("21st", "1er"). */
function afterOrdinal(ctx: DateContext, j: number): number {
  const t = ctx.tokens[j];
  return t && t.gapBefore === '' && ctx.lang.ordinalSuffixes.has(key(t)) ? j + 1 : j;
}

/** The year to give a day and month written without one: the latest that is not far in the future. */
function inferYear(ref: string, m: number, d: number): number {
  const { y } = parseDay(ref);
  const limit = addDays(ref, 60);
  for (const year of [y + 1, y, y - 1]) {
    if (
      isValidDay(year, m, Math.min(d, daysInMonth(year, m))) &&
      ymd(year, m, Math.min(d, daysInMonth(year, m))) <= limit
    )
      return year;
  }
  return y;
}

/** Resolves a month with a relation against the reference day: "last March" is the latest March before it. */
function monthWithRelation(
  ref: string,
  m: number,
  relation: 'past' | 'next' | 'current' | undefined,
): { y: number } {
  const r = parseDay(ref);
  if (relation === 'past') return { y: m < r.m ? r.y : r.y - 1 };
  if (relation === 'next') return { y: m > r.m ? r.y : r.y + 1 };
  if (relation === 'current') return { y: r.y };
  // A bare month: this year's unless that is more than two months ahead.
  return { y: m <= r.m + 2 ? r.y : r.y - 1 };
}

function relationAt(
  ctx: DateContext,
  j: number,
): { relation: 'past' | 'next' | 'current'; end: number } | null {
  const rel = ctx.relAt.get(j);
  if (rel && (rel.which === 'past' || rel.which === 'next' || rel.which === 'current'))
    return { relation: rel.which, end: rel.end };
  return null;
}

interface SimpleDate {
  d?: number;
  m?: number;
  y?: number;
  start: number;
  end: number;
}

// A day written as a word: Moroccan "فاتح يناير", the first of January (the lexicon's `dayWords`).
const dayAt = (ctx: DateContext, t: Token | undefined): number | null =>
  isDayNum(t) ?? ctx.lang.dayWords.get(key(t)) ?? null;

/** day [month [year]] from token i. */
function readDayFirst(ctx: DateContext, i: number): SimpleDate | null {
  const d = dayAt(ctx, ctx.tokens[i]);
  if (d === null) return null;
  let j = afterOrdinal(ctx, i + 1);
  const month = ctx.month.get(j);
  if (!month) return { d, start: i, end: j };
  j = month.end;
  const y = isYear(ctx.tokens[j]);
  if (y !== null) return { d, m: month.n, y, start: i, end: j + 1 };
  return { d, m: month.n, start: i, end: j };
}

/** The second day of a month-first range, after a dash or "to": "27-28", "27 to 28", "27 – March 2". */
function monthFirstSecondDay(ctx: DateContext, j: number): { d: number; m?: number; end: number } | null {
  const joiner = ctx.tokens[j];
  if (!joiner) return null;
  let k: number;
  if (/^\s*[-–—]\s*$/.test(joiner.gapBefore) && joiner.script === 'digit') k = j;
  else if (/^\s*[-–—]\s*$/.test(joiner.gapBefore) && ctx.month.has(j)) k = j;
  else if (ctx.lang.rangeTo.has(key(joiner))) k = j + 1;
  else return null;
  const month = ctx.month.get(k);
  const d = isDayNum(ctx.tokens[month ? month.end : k]);
  if (d === null) return null;
  const end = afterOrdinal(ctx, (month ? month.end : k) + 1);
  return { d, ...(month ? { m: month.n } : {}), end };
}

function weekdayCheck(ctx: DateContext, start: number, day: string): 'ok' | 'mismatch' | undefined {
  for (let k = start - 1; k >= Math.max(0, start - 3); k--) {
    const w = ctx.weekdayAt.get(k);
    if (w) return w.n === weekday(day) ? 'ok' : 'mismatch';
  }
  return undefined;
}

function finishDay(
  ctx: DateContext,
  first: SimpleDate,
  second: SimpleDate | null,
  relation: 'past' | 'next' | 'current' | undefined,
  spanStart: number,
  spanEnd: number,
): DateHit | null {
  const m = first.m ?? second?.m;
  if (m === undefined || first.d === undefined) return null;
  let y = first.y ?? second?.y;
  const explicitYear = y !== undefined;
  if (y === undefined) {
    if (!ctx.ref) return null;
    y = relation ? monthWithRelation(ctx.ref, m, relation).y : inferYear(ctx.ref, m, first.d);
  }
  if (!isValidDay(y, m, first.d)) return null;
  let value = ymd(y, m, first.d);
  let check = weekdayCheck(ctx, spanStart, value);
  if (check === 'mismatch' && !explicitYear) {
    // The weekday written beside the date decides between neighbouring years.
    for (const alt of [y - 1, y + 1]) {
      if (isValidDay(alt, m, first.d) && weekdayCheck(ctx, spanStart, ymd(alt, m, first.d)) === 'ok') {
        y = alt;
        value = ymd(alt, m, first.d);
        check = 'ok';
        break;
      }
    }
  }
  let end: string | undefined;
  if (second?.d !== undefined) {
    const m2 = second.m ?? m;
    const y2 = second.y ?? (m2 < m ? y + 1 : y);
    if (isValidDay(y2, m2, second.d)) {
      const e = ymd(y2, m2, second.d);
      if (e > value) end = e;
    }
  }
  return {
    value,
    ...(end ? { end } : {}),
    precision: 'day',
    tokStart: spanStart,
    tokEnd: spanEnd,
    kind: explicitYear ? 'absolute' : 'relative',
    ...(relation ? { relation } : {}),
    explicitYear,
    ...(check ? { weekdayCheck: check } : {}),
  };
}

/**
 * A span of months: "de janvier à mai 2025", "between September 2024 and July 2025", "с января
 * по май 2025 года", "من يناير إلى مايو 2025", "January-May 2025". The year of the first month is
 * the last's (the year before when the first month comes later in the year) unless written.
 */
function monthRange(ctx: DateContext, i: number, first: { n: number; end: number }): DateHit | null {
  const { tokens, lang } = ctx;
  const firstYear = isYear(tokens[first.end]);
  const j = first.end + (firstYear !== null ? 1 : 0);
  const joiner = tokens[j];
  if (!joiner) return null;
  const dashed = /^\s*[-–—]\s*$/.test(joiner.gapBefore) && ctx.month.has(j);
  const k = dashed ? j : lang.rangeTo.has(key(joiner)) ? j + 1 : -1;
  const second = ctx.month.get(k);
  if (!second) return null;
  const lastYear = isYear(tokens[second.end]);
  if (lastYear === null) return null;
  const startYear = firstYear ?? (second.n >= first.n ? lastYear : lastYear - 1);
  const value = `${startYear}-${String(first.n).padStart(2, '0')}`;
  const end = `${lastYear}-${String(second.n).padStart(2, '0')}`;
  if (end <= value) return null;
  const from = i > 0 && lang.rangeFrom.has(key(tokens[i - 1])) ? i - 1 : i;
  return {
    value,
    end,
    precision: 'month',
    tokStart: from,
    tokEnd: second.end + 1,
    kind: 'absolute',
    explicitYear: true,
  };
}

/**
 * What a rule read from a token on: the date (null when its words there date nothing), and the
 * token reading resumes at.
 */
interface Reading {
  readonly hit: DateHit | null;
  readonly next: number;
}

/** Reads a date written from a token on; null when the token opens none of the rule's words. */
type DateRule = (ctx: DateContext, at: number) => Reading | null;

/** The rules that read a date written from a token on, in the order they are tried. */
const DATE_RULES: readonly DateRule[] = [
  numericDate, // 28/02/2025
  dayFirst, // 28 février 2025, from 24 to 26 November
  monthSpan, // de janvier à mai 2025
  monthDayYear, // February 27-28, 2025
  monthYear, // March 2025
  yearThenMonth, // 2024 жылдың қыркүйегінде
  monthOfRelation, // last March, в марте прошлого года
  yearWithCue, // in 2025, عام 1992
  relativeDay, // yesterday, last week
];

/** Every date expression in one sentence. */
export function findDates(
  tokens: readonly Token[],
  hits: readonly Match<EntityHit>[],
  lang: LanguageIndex,
  ref: DateReference | null,
  gatherings: readonly Gathering[],
): DateHit[] {
  const ctx = dateContext(tokens, hits, lang, ref);
  // The dates the sentence writes, by the rules above.
  const written = writtenDates(ctx);
  // "today, Friday", "on Tuesday": weekdays, read only against a day "yesterday" may be read against.
  const relativeRef = ctx.relativePrecision === 'day' ? ctx.relativeRef : null;
  const withWeekdays = relativeRef
    ? weekdaysAlone(ctx, todayByItsWeekday(ctx, written, relativeRef), relativeRef)
    : written;
  // "on the sidelines of the 150th IPU Assembly": a gathering's own dates.
  const all = [...withWeekdays, ...gatheringDates(tokens, hits, gatherings)];
  // "hier, mardi 23 septembre": the written date, not the relative word; "since 2016": a beginning.
  return writtenDateWins(ctx, all)
    .map((d) => (isSince(ctx, d) ? { ...d, since: true } : d))
    .sort((a, b) => a.tokStart - b.tokStart);
}

/** The sentence's tokens, and where its month, weekday and relative words start. */
function dateContext(
  tokens: readonly Token[],
  hits: readonly Match<EntityHit>[],
  lang: LanguageIndex,
  ref: DateReference | null,
): DateContext {
  const ctx: DateContext = {
    tokens,
    lang,
    ref: ref?.day ?? null,
    relativeRef: ref?.relative ? ref.day : null,
    relativePrecision: ref?.precision ?? 'day',
    month: new Map(),
    weekdayAt: new Map(),
    relAt: new Map(),
  };
  for (const h of hits) {
    for (const p of h.payloads) {
      if (p.kind === 'month') ctx.month.set(h.start, { n: p.n, end: h.end });
      else if (p.kind === 'weekday') ctx.weekdayAt.set(h.start, { n: p.n, end: h.end });
      else if (p.kind === 'rel') ctx.relAt.set(h.start, { which: p.which, end: h.end });
    }
  }
  return ctx;
}

/**
 * The dates the sentence writes, read left to right: at each token not yet read, the first rule
 * that reads one.
 */
function writtenDates(ctx: DateContext): DateHit[] {
  const found: DateHit[] = [];
  const used = new Set<number>();
  for (let at = 0; at < ctx.tokens.length; ) {
    if (used.has(at)) {
      at++;
      continue;
    }
    const reading = readAt(ctx, at);
    if (reading?.hit) {
      for (let k = reading.hit.tokStart; k < reading.hit.tokEnd; k++) used.add(k);
      found.push(reading.hit);
    }
    at = reading ? reading.next : at + 1;
  }
  return found;
}

function readAt(ctx: DateContext, at: number): Reading | null {
  if (!mayOpenDate(ctx, at)) return null;
  for (const rule of DATE_RULES) {
    const reading = rule(ctx, at);
    if (reading) return reading;
  }
  return null;
}

/**
 * Whether any rule may read a date from a token: only a number, a day word ("فاتح"), a month or a
 * relative word opens one.
 */
function mayOpenDate(ctx: DateContext, at: number): boolean {
  const token = ctx.tokens[at];
  return (
    token?.script === 'digit' || ctx.month.has(at) || ctx.relAt.has(at) || ctx.lang.dayWords.has(key(token))
  );
}

/** "28/02/2025", "28.02.2025", "2025-02-28". */
function numericDate(ctx: DateContext, at: number): Reading | null {
  const { tokens } = ctx;
  const t = tokens[at];
  const n1 = t?.script === 'digit' ? key(t) : '';
  const t2 = tokens[at + 1];
  const t3 = tokens[at + 2];
  if (
    !n1 ||
    t2?.script !== 'digit' ||
    t3?.script !== 'digit' ||
    !/^[/.-]$/.test(t2.gapBefore) ||
    t3.gapBefore !== t2.gapBefore
  )
    return null;
  const [a, b, c] = [Number(n1), Number(key(t2)), Number(key(t3))];
  const iso = n1.length === 4 ? { y: a, m: b, d: c } : key(t3).length === 4 ? { y: c, m: b, d: a } : null;
  if (!iso || !isValidDay(iso.y, iso.m, iso.d)) return null;
  return {
    hit: {
      value: ymd(iso.y, iso.m, iso.d),
      precision: 'day',
      tokStart: at,
      tokEnd: at + 3,
      kind: 'absolute',
      explicitYear: true,
    },
    next: at + 3,
  };
}

/**
 * Day first: "28 février 2025", "le 28 février dernier", ranges "from 24 to 26 November", "27-28
 * février", "1992 жылғы 26 мамырда" (the year and its cue before the day). A day number no month
 * follows is no date.
 */
function dayFirst(ctx: DateContext, at: number): Reading | null {
  const { tokens, lang } = ctx;
  const first = readDayFirst(ctx, at);
  if (!first) return null;
  let second: SimpleDate | null = null;
  let j = first.end;
  const joiner = tokens[j];
  if (joiner && lang.rangeTo.has(key(joiner))) second = readDayFirst(ctx, j + 1);
  else if (joiner && /^\s*[-–—]\s*$/.test(joiner.gapBefore)) second = readDayFirst(ctx, j);
  // "هسبريس - الثلاثاء 11 نونبر 2025 - 14:20": a number after a date written in full, with no month
  // of its own, is the time of day, not the end of a span (which is written "11–14 November 2025").
  if (second && second.m === undefined && first.y !== undefined) second = null;
  if (second) j = second.end;
  if (first.m === undefined && !second?.m) return { hit: null, next: at + 1 };
  const rel = relationAt(ctx, j);
  const y = first.y === undefined && second?.y === undefined ? yearBefore(ctx, at) : null;
  const spanStart =
    y !== null ? at - 2 : at > 0 && lang.rangeFrom.has(key(tokens[at - 1])) && second ? at - 1 : at;
  const end = rel ? rel.end : j;
  return {
    hit: finishDay(ctx, y !== null ? { ...first, y } : first, second, rel?.relation, spanStart, end),
    next: end,
  };
}

/** A span of months: "de janvier à mai 2025", "January-May 2025" (see `monthRange`). */
function monthSpan(ctx: DateContext, at: number): Reading | null {
  const month = ctx.month.get(at);
  const hit = month ? monthRange(ctx, at, month) : null;
  return hit ? { hit, next: hit.tokEnd } : null;
}

/**
 * Month first, in English: "February 28, 2025", "February 27-28, 2025", "March 3 to 5", "February
 * 27 – March 2"; "December 30 – January 2, 2025", where the year written is the end's.
 */
function monthDayYear(ctx: DateContext, at: number): Reading | null {
  const { tokens, lang } = ctx;
  const month = ctx.month.get(at);
  if (!month) return null;
  const dayAfter = isDayNum(tokens[month.end]);
  if (dayAfter === null || lang.lang !== 'en') return null;
  let j = afterOrdinal(ctx, month.end + 1);
  const second = monthFirstSecondDay(ctx, j);
  if (second) j = second.end;
  const y = isYear(tokens[j]);
  const firstYear = y !== null && second?.m !== undefined && second.m < month.n ? y - 1 : y;
  const end = y !== null ? j + 1 : j;
  return {
    hit: finishDay(
      ctx,
      { d: dayAfter, m: month.n, ...(firstYear !== null ? { y: firstYear } : {}), start: at, end: j },
      second ? { d: second.d, ...(second.m !== undefined ? { m: second.m } : {}), start: j, end: j } : null,
      undefined,
      at > 0 && lang.rangeFrom.has(key(tokens[at - 1])) && second ? at - 1 : at,
      end,
    ),
    next: end,
  };
}

/** A month and its year: "March 2025", "mars 2025", "مارس 2025", "أكتوبر عام 2018" (with the word year). */
function monthYear(ctx: DateContext, at: number): Reading | null {
  const month = ctx.month.get(at);
  if (!month) return null;
  const yearWord = ctx.relAt.get(month.end)?.which === 'year' ? 1 : 0;
  const y = isYear(ctx.tokens[month.end + yearWord]);
  if (y === null) return null;
  return {
    hit: {
      value: `${y}-${String(month.n).padStart(2, '0')}`,
      precision: 'month',
      tokStart: at,
      tokEnd: month.end + yearWord + 1,
      kind: 'absolute',
      explicitYear: true,
    },
    next: month.end + yearWord + 1,
  };
}

/** A year and its cue before the month: "2024 жылдың қыркүйегінде" (in September 2024). */
function yearThenMonth(ctx: DateContext, at: number): Reading | null {
  const month = ctx.month.get(at);
  if (!month) return null;
  const yBefore = yearBefore(ctx, at);
  if (yBefore === null) return null;
  return {
    hit: {
      value: `${yBefore}-${String(month.n).padStart(2, '0')}`,
      precision: 'month',
      tokStart: at - 2,
      tokEnd: month.end,
      kind: 'absolute',
      explicitYear: true,
    },
    next: month.end,
  };
}

/**
 * A month without its year, read against the reference day: "mars dernier", "last March", "في
 * مارس الماضي", "в марте прошлого года" (the month of the previous year), "في مارس" after a lead
 * word, "Наурызда" (in March, where a month's case ending makes it a date). A month the rules
 * before did not read, and none of these, is no date (an English "march" in lower case).
 */
function monthOfRelation(ctx: DateContext, at: number): Reading | null {
  const { tokens, lang } = ctx;
  const month = ctx.month.get(at);
  if (!month) return null;
  const after = relationAt(ctx, month.end);
  const beforeRel = relationAt(ctx, at - 1);
  // Russian "в марте прошлого года": the month of the previous year.
  const yearAfter = ctx.relAt.get(after?.end ?? -1)?.which === 'year';
  const relation = after?.relation ?? beforeRel?.relation;
  const lead = lang.monthLeads.has(key(tokens[at - 1])) || lang.monthLeads.has(key(tokens[at - 2]));
  const capitalised = lang.lang !== 'en' || tokens[at]?.upper === true;
  // "Наурызда" (in March): where a month's case ending makes it a date.
  const caseMarked = lang.lexicon.monthsByCase && !lang.monthWords.has(key(tokens[at]));
  if (!ctx.ref || !capitalised || !(relation || lead || caseMarked)) return { hit: null, next: at + 1 };
  let year = monthWithRelation(ctx.ref, month.n, yearAfter ? undefined : relation).y;
  if (yearAfter && relation === 'past') year = parseDay(ctx.ref).y - 1;
  const end = after ? (yearAfter ? (ctx.relAt.get(after.end)?.end ?? after.end) : after.end) : month.end;
  return {
    hit: {
      value: `${year}-${String(month.n).padStart(2, '0')}`,
      precision: 'month',
      tokStart: beforeRel ? at - 1 : at,
      tokEnd: end,
      kind: 'relative',
      ...(relation ? { relation } : {}),
      explicitYear: false,
    },
    next: end,
  };
}

/**
 * A year with its cue: "عام 1992", "en 2025", "in 2025", "в 2025 году". The year of a date written
 * after it ("1992 жылғы 26 мамырда") is read with that date.
 */
function yearWithCue(ctx: DateContext, at: number): Reading | null {
  const { tokens, lang } = ctx;
  const y = isYear(tokens[at]);
  if (y === null) return null;
  const cueAfter = lang.yearCuesAfter.has(key(tokens[at + 1]));
  if (!lang.yearCues.has(key(tokens[at - 1])) && !cueAfter) return null;
  if (cueAfter && startsDate(ctx, at + 2)) return { hit: null, next: at + 1 };
  return {
    hit: {
      value: String(y),
      precision: 'year',
      tokStart: at - 1,
      tokEnd: at + 1,
      kind: 'absolute',
      explicitYear: true,
    },
    // "2024 жылы өткен форум" (the forum held in 2024): the cue is the year's, not "year" before
    // "past" (last year).
    next: cueAfter ? at + 2 : at + 1,
  };
}

/**
 * A day or a period told against the reference day: "today", "yesterday", "tomorrow", "last week",
 * "le mois dernier", "в прошлом году" (see `readRelative`). Not against a day the lead only mentions.
 */
function relativeDay(ctx: DateContext, at: number): Reading | null {
  const rel = ctx.relAt.get(at);
  if (!rel || !ctx.relativeRef) return null;
  const hit = readRelative(ctx, at, rel);
  return hit ? { hit, next: hit.tokEnd } : null;
}

/**
 * "1992 жылғы 26 мамырда", "2024 жылдың қыркүйегінде": a year and its cue written before the day or
 * the month they date.
 */
function yearBefore(ctx: DateContext, at: number): number | null {
  return ctx.lang.yearCuesAfter.has(key(ctx.tokens[at - 1])) ? isYear(ctx.tokens[at - 2]) : null;
}

/** Whether a day and month, or a month, start at a token. */
function startsDate(ctx: DateContext, at: number): boolean {
  return (
    ctx.month.has(at) || (isDayNum(ctx.tokens[at]) !== null && [1, 2, 3].some((n) => ctx.month.has(at + n)))
  );
}

/** The latest day on or before `day` that is the given weekday. */
function latestWeekday(day: string, weekdayNumber: number): string {
  let latest = day;
  while (weekday(latest) !== weekdayNumber) latest = addDays(latest, -1);
  return latest;
}

/**
 * "today, Friday", "اليوم الجمعة", "сегодня, в пятницу": the weekday says which day "today" was
 * when the reference is only when the page was fetched (on the day itself the two agree). So it
 * does for "yesterday": "ووصل الوزير، أمس الاثنين" on a page dated Monday (a date in another time
 * zone, or the day it was filed) was that Monday, not the Sunday before it.
 */
function todayByItsWeekday(ctx: DateContext, found: readonly DateHit[], ref: string): DateHit[] {
  const dates = [...found];
  for (const [i, w] of ctx.weekdayAt) {
    const today = dates.findIndex(
      (d) =>
        (ctx.relAt.get(d.tokStart)?.which === 'today' || ctx.relAt.get(d.tokStart)?.which === 'yesterday') &&
        ((d.tokEnd <= i && i - d.tokEnd <= WEEKDAY_BESIDE) ||
          (w.end <= d.tokStart && d.tokStart - w.end <= WEEKDAY_BESIDE)),
    );
    const hit = dates[today];
    if (!hit) continue;
    dates[today] = {
      ...hit,
      value: latestWeekday(ref, w.n),
      tokStart: Math.min(hit.tokStart, i),
      tokEnd: Math.max(hit.tokEnd, w.end),
    };
  }
  return dates;
}

/**
 * A weekday alone ("on Tuesday", "يوم الثلاثاء"): the latest such day on or before the reference.
 * One written beside a date only checks it ("vendredi 28 février"); one further on in a sentence
 * that also gives a range ("visiting on 10–12 June, held talks on Wednesday") is a day of its own.
 */
function weekdaysAlone(ctx: DateContext, found: readonly DateHit[], ref: string): DateHit[] {
  const dates = [...found];
  const beside = (i: number, end: number) =>
    dates.some(
      (d) =>
        // "today, Friday" read as one day already (todayByItsWeekday).
        (d.tokStart <= i && end <= d.tokEnd) ||
        (d.tokStart >= end && d.tokStart - end <= WEEKDAY_BESIDE) ||
        (d.tokEnd <= i && i - d.tokEnd <= WEEKDAY_BESIDE),
    );
  for (const [i, w] of ctx.weekdayAt) {
    if (beside(i, w.end)) continue;
    dates.push({
      value: latestWeekday(ref, w.n),
      precision: 'day',
      tokStart: i,
      tokEnd: w.end,
      kind: 'relative',
      explicitYear: false,
    });
  }
  return dates;
}

/**
 * "أمس الثلاثاء 23 شتنبر", "hier, mardi 23 septembre": the written date wins over the relative word
 * just before it.
 */
function writtenDateWins(ctx: DateContext, dates: readonly DateHit[]): DateHit[] {
  const written = dates.filter(
    (d) =>
      d.precision === 'day' && d.explicitYear !== undefined && ctx.relAt.get(d.tokStart)?.which === undefined,
  );
  return dates.filter(
    (d) =>
      !(
        d.kind === 'relative' &&
        d.precision === 'day' &&
        !ctx.month.has(d.tokStart) &&
        written.some(
          (w) =>
            w !== d && w.tokStart - d.tokEnd >= 0 && w.tokStart - d.tokEnd <= 3 && w.kind !== 'gathering',
        )
      ),
  );
}

/**
 * "Since 2016", "depuis le 19 mars", "с 2016 года": a single date (not a range, which "с" also
 * opens) right after a since-word, or after one and an article; a year cue may be the since-word
 * itself ("since 2016" is read from "since"). "2016 жылдан бері", "19 наурыздан бастап": a
 * since-word after the date, or after its year cue.
 */
function isSince(ctx: DateContext, d: DateHit): boolean {
  const { tokens, lang } = ctx;
  const sinceAt = (k: number) => lang.since.has(key(tokens[k]));
  const sinceAfterAt = (k: number) => lang.sinceAfter.has(key(tokens[k]));
  return (
    !d.end &&
    (sinceAt(d.tokStart) ||
      sinceAt(d.tokStart - 1) ||
      (sinceAt(d.tokStart - 2) && key(tokens[d.tokStart - 1]).length <= 3) ||
      sinceAfterAt(d.tokEnd) ||
      sinceAfterAt(d.tokEnd + 1))
  );
}

function readRelative(ctx: DateContext, i: number, rel: { which: RelWord; end: number }): DateHit | null {
  const ref = ctx.relativeRef;
  if (!ref || rel.which === 'vague') return null;
  const r = parseDay(ref);
  const base = { tokStart: i, kind: 'relative' as const, explicitYear: false };
  const token = ctx.tokens[i];
  // Against a page dated only by its month (or year), "yesterday" and "last week" are no day.
  const knows = (unit: 'day' | 'month') =>
    ctx.relativePrecision === 'day' || (unit === 'month' && ctx.relativePrecision === 'month');
  if ((rel.which === 'today' || rel.which === 'yesterday' || rel.which === 'tomorrow') && !knows('day'))
    return null;
  if (rel.which === 'today') {
    // "اليوم" is today, "يوم" (a day) is not: the Arabic article decides.
    if (token?.script === 'arabic' && !/^(ال|وال)/.test(token.text) && token.keys[0] !== 'يومه') return null;
    return { ...base, value: ref, precision: 'day', tokEnd: rel.end };
  }
  // Yesterday is the news of a dated article, not a past time it refers back to (no relation).
  if (rel.which === 'yesterday')
    return { ...base, value: addDays(ref, -1), precision: 'day', tokEnd: rel.end };
  if (rel.which === 'tomorrow')
    return { ...base, value: addDays(ref, 1), precision: 'day', tokEnd: rel.end, relation: 'next' };
  // "the past month" / "last year" / "la semaine dernière" in either order of words.
  const isUnit = (w: RelWord | undefined) => w === 'month' || w === 'year' || w === 'week';
  const unitFirst = isUnit(rel.which) ? rel : null;
  const other = unitFirst ? relationAt(ctx, rel.end) : relationAt(ctx, i);
  const unit = unitFirst ?? ctx.relAt.get(other ? other.end : -1);
  if (!other || !unit || !isUnit(unit.which)) return null;
  const end = Math.max(unit.end, other.end);
  if ((unit.which === 'week' && !knows('day')) || (unit.which === 'month' && !knows('month'))) return null;
  const delta = other.relation === 'past' ? -1 : other.relation === 'next' ? 1 : 0;
  if (unit.which === 'week') {
    // Monday to Sunday of that week. Last week is still the news of a weekly report: no relation.
    const monday = addDays(ref, 1 - weekday(ref) + 7 * delta);
    return {
      ...base,
      value: monday,
      end: addDays(monday, 6),
      precision: 'day',
      tokEnd: end,
      ...(other.relation === 'past' ? {} : { relation: other.relation }),
    };
  }
  if (unit.which === 'year')
    return { ...base, value: String(r.y + delta), precision: 'year', tokEnd: end, relation: other.relation };
  const mIndex = r.y * 12 + (r.m - 1) + delta;
  return {
    ...base,
    value: `${Math.floor(mIndex / 12)}-${String((mIndex % 12) + 1).padStart(2, '0')}`,
    precision: 'month',
    tokEnd: end,
    relation: other.relation,
  };
}

/** "on the sidelines of the 150th IPU Assembly": the gathering's own dates and place. */
function gatheringDates(
  tokens: readonly Token[],
  hits: readonly Match<EntityHit>[],
  gatherings: readonly Gathering[],
): DateHit[] {
  const out: DateHit[] = [];
  for (const h of hits) {
    for (const p of h.payloads) {
      if (p.kind !== 'gathering') continue;
      let number: number | null = null;
      let at = h.start;
      for (let k = h.start - 1; k >= Math.max(0, h.start - 5); k--) {
        const t = tokens[k];
        if (t?.script === 'digit' && key(t).length <= 3) {
          number = Number(key(t));
          at = k;
          break;
        }
      }
      if (number === null) continue;
      if (p.series === 'unga') {
        out.push({
          value: `${1945 + number}-09`,
          precision: 'month',
          tokStart: at,
          tokEnd: h.end,
          kind: 'gathering',
          explicitYear: true,
        });
        continue;
      }
      const g = gatherings.find((x) => x.series === p.series && x.number === number);
      if (g)
        out.push({
          value: g.from,
          end: g.to,
          precision: 'day',
          tokStart: at,
          tokEnd: h.end,
          kind: 'gathering',
          explicitYear: true,
          place: g.place,
        });
    }
  }
  return out;
}

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
  /** The place of a gathering, when the date came from one. */
  readonly place?: string;
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
}

interface Ctx {
  readonly tokens: readonly Token[];
  readonly lang: LanguageIndex;
  /** Reference day (YYYY-MM-DD) for the year of "28 February", or null when none is known yet. */
  readonly ref: string | null;
  /** The same day when "Friday", "yesterday" and "last week" may be read against it, else null. */
  readonly relativeRef: string | null;
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
function afterOrdinal(ctx: Ctx, j: number): number {
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

function relationAt(ctx: Ctx, j: number): { relation: 'past' | 'next' | 'current'; end: number } | null {
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
const dayAt = (ctx: Ctx, t: Token | undefined): number | null =>
  isDayNum(t) ?? ctx.lang.dayWords.get(key(t)) ?? null;

/** day [month [year]] from token i. */
function readDayFirst(ctx: Ctx, i: number): SimpleDate | null {
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
function monthFirstSecondDay(ctx: Ctx, j: number): { d: number; m?: number; end: number } | null {
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

function weekdayCheck(ctx: Ctx, start: number, day: string): 'ok' | 'mismatch' | undefined {
  for (let k = start - 1; k >= Math.max(0, start - 3); k--) {
    const w = ctx.weekdayAt.get(k);
    if (w) return w.n === weekday(day) ? 'ok' : 'mismatch';
  }
  return undefined;
}

function finishDay(
  ctx: Ctx,
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
function monthRange(ctx: Ctx, i: number, first: { n: number; end: number }): DateHit | null {
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

/** Every date expression in one sentence. */
export function findDates(
  tokens: readonly Token[],
  hits: readonly Match<EntityHit>[],
  lang: LanguageIndex,
  ref: DateReference | null,
  gatherings: readonly Gathering[],
): DateHit[] {
  const ctx: Ctx = {
    tokens,
    lang,
    ref: ref?.day ?? null,
    relativeRef: ref?.relative ? ref.day : null,
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
  const out: DateHit[] = [];
  const used = new Set<number>();
  // "1992 жылғы 26 мамырда", "2024 жылдың қыркүйегінде": a year and its cue written before the day
  // or the month they date.
  const yearBefore = (k: number): number | null =>
    lang.yearCues.has(key(tokens[k - 1])) ? isYear(tokens[k - 2]) : null;
  const startsDate = (k: number) =>
    ctx.month.has(k) || (isDayNum(tokens[k]) !== null && [1, 2, 3].some((n) => ctx.month.has(k + n)));
  const take = (hit: DateHit | null) => {
    if (!hit) return;
    for (let k = hit.tokStart; k < hit.tokEnd; k++) used.add(k);
    out.push(hit);
  };

  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tokens[i];
    // dd/mm/yyyy, dd.mm.yyyy and yyyy-mm-dd.
    const n1 = t?.script === 'digit' ? key(t) : '';
    const t2 = tokens[i + 1];
    const t3 = tokens[i + 2];
    if (
      n1 &&
      t2?.script === 'digit' &&
      t3?.script === 'digit' &&
      /^[/.-]$/.test(t2.gapBefore) &&
      t3.gapBefore === t2.gapBefore
    ) {
      const [a, b, c] = [Number(n1), Number(key(t2)), Number(key(t3))];
      const iso = n1.length === 4 ? { y: a, m: b, d: c } : key(t3).length === 4 ? { y: c, m: b, d: a } : null;
      if (iso && isValidDay(iso.y, iso.m, iso.d)) {
        take({
          value: ymd(iso.y, iso.m, iso.d),
          precision: 'day',
          tokStart: i,
          tokEnd: i + 3,
          kind: 'absolute',
          explicitYear: true,
        });
        i += 2;
        continue;
      }
    }
    // day [to day] month [year] [relation], with an optional "from" before.
    const first = readDayFirst(ctx, i);
    if (first) {
      let second: SimpleDate | null = null;
      let j = first.end;
      const joiner = tokens[j];
      if (joiner && lang.rangeTo.has(key(joiner))) second = readDayFirst(ctx, j + 1);
      else if (joiner && /^\s*[-–—]\s*$/.test(joiner.gapBefore)) second = readDayFirst(ctx, j);
      if (second) j = second.end;
      if (first.m === undefined && !second?.m) continue;
      const rel = relationAt(ctx, j);
      const y = first.y === undefined && second?.y === undefined ? yearBefore(i) : null;
      const spanStart =
        y !== null ? i - 2 : i > 0 && lang.rangeFrom.has(key(tokens[i - 1])) && second ? i - 1 : i;
      take(
        finishDay(
          ctx,
          y !== null ? { ...first, y } : first,
          second,
          rel?.relation,
          spanStart,
          rel ? rel.end : j,
        ),
      );
      i = (rel ? rel.end : j) - 1;
      continue;
    }
    // Month first: "February 28, 2025", "March 2025", "mars dernier", "last March", "في مارس".
    const month = ctx.month.get(i);
    const months = month ? monthRange(ctx, i, month) : null;
    if (months) {
      take(months);
      i = months.tokEnd - 1;
      continue;
    }
    if (month) {
      const dayAfter = isDayNum(tokens[month.end]);
      if (dayAfter !== null && lang.lang === 'en') {
        let j = afterOrdinal(ctx, month.end + 1);
        // "February 27-28, 2025", "March 3 to 5", "February 27 – March 2".
        const second = monthFirstSecondDay(ctx, j);
        if (second) j = second.end;
        const y = isYear(tokens[j]);
        // "December 30 – January 2, 2025": the year written is the end's.
        const firstYear = y !== null && second?.m !== undefined && second.m < month.n ? y - 1 : y;
        take(
          finishDay(
            ctx,
            { d: dayAfter, m: month.n, ...(firstYear !== null ? { y: firstYear } : {}), start: i, end: j },
            second
              ? { d: second.d, ...(second.m !== undefined ? { m: second.m } : {}), start: j, end: j }
              : null,
            undefined,
            i > 0 && lang.rangeFrom.has(key(tokens[i - 1])) && second ? i - 1 : i,
            y !== null ? j + 1 : j,
          ),
        );
        i = (y !== null ? j + 1 : j) - 1;
        continue;
      }
      const y = isYear(tokens[month.end]);
      if (y !== null) {
        take({
          value: `${y}-${String(month.n).padStart(2, '0')}`,
          precision: 'month',
          tokStart: i,
          tokEnd: month.end + 1,
          kind: 'absolute',
          explicitYear: true,
        });
        i = month.end;
        continue;
      }
      const yBefore = yearBefore(i);
      if (yBefore !== null) {
        take({
          value: `${yBefore}-${String(month.n).padStart(2, '0')}`,
          precision: 'month',
          tokStart: i - 2,
          tokEnd: month.end,
          kind: 'absolute',
          explicitYear: true,
        });
        i = month.end - 1;
        continue;
      }
      const after = relationAt(ctx, month.end);
      const beforeRel = relationAt(ctx, i - 1);
      // Russian "в марте прошлого года": the month of the previous year.
      const yearAfter = ctx.relAt.get(after?.end ?? -1)?.which === 'year';
      const relation = after?.relation ?? beforeRel?.relation;
      const lead = lang.monthLeads.has(key(tokens[i - 1])) || lang.monthLeads.has(key(tokens[i - 2]));
      const capitalised = lang.lang !== 'en' || tokens[i]?.upper === true;
      // "Наурызда" (in March): where a month's case ending makes it a date.
      const caseMarked = lang.lexicon.monthsByCase && !lang.monthWords.has(key(tokens[i]));
      if (ctx.ref && capitalised && (relation || lead || caseMarked)) {
        let year = monthWithRelation(ctx.ref, month.n, yearAfter ? undefined : relation).y;
        if (yearAfter && relation === 'past') year = parseDay(ctx.ref).y - 1;
        const end = after
          ? yearAfter
            ? (ctx.relAt.get(after.end)?.end ?? after.end)
            : after.end
          : month.end;
        take({
          value: `${year}-${String(month.n).padStart(2, '0')}`,
          precision: 'month',
          tokStart: beforeRel ? i - 1 : i,
          tokEnd: end,
          kind: 'relative',
          ...(relation ? { relation } : {}),
          explicitYear: false,
        });
        i = end - 1;
      }
      continue;
    }
    // A year with its cue: "عام 1992", "en 2025", "in 2025", "в 2025 году".
    const y = isYear(t);
    if (y !== null && (lang.yearCues.has(key(tokens[i - 1])) || lang.yearCues.has(key(tokens[i + 1])))) {
      const cueAfter = lang.yearCues.has(key(tokens[i + 1]));
      // The year of a date written after it ("1992 жылғы 26 мамырда") is read with that date.
      if (cueAfter && startsDate(i + 2)) continue;
      take({
        value: String(y),
        precision: 'year',
        tokStart: i - 1,
        tokEnd: i + 1,
        kind: 'absolute',
        explicitYear: true,
      });
      // "2024 жылы өткен форум" (the forum held in 2024): the cue is the year's, not "year" before
      // "past" (last year).
      if (cueAfter) i++;
      continue;
    }
    const rel = ctx.relAt.get(i);
    if (rel && ctx.relativeRef) {
      const hit = readRelative(ctx, i, rel);
      if (hit) {
        take(hit);
        i = hit.tokEnd - 1;
      }
    }
  }
  // A weekday alone ("on Tuesday", "يوم الثلاثاء"): the latest such day on or before the reference.
  // One written beside a date only checks it ("vendredi 28 février"); one further on in a sentence
  // that also gives a range ("visiting on 10–12 June, held talks on Wednesday") is a day of its own.
  if (ctx.relativeRef) {
    const ref = ctx.relativeRef;
    // "today, Friday", "اليوم الجمعة", "сегодня, в пятницу": the weekday says which day "today" was
    // when the reference is only when the page was fetched (on the day itself the two agree).
    for (const [i, w] of ctx.weekdayAt) {
      const today = out.findIndex(
        (d) =>
          ctx.relAt.get(d.tokStart)?.which === 'today' &&
          ((d.tokEnd <= i && i - d.tokEnd <= WEEKDAY_BESIDE) ||
            (w.end <= d.tokStart && d.tokStart - w.end <= WEEKDAY_BESIDE)),
      );
      const hit = out[today];
      if (!hit) continue;
      let day = ref;
      while (weekday(day) !== w.n) day = addDays(day, -1);
      out[today] = {
        ...hit,
        value: day,
        tokStart: Math.min(hit.tokStart, i),
        tokEnd: Math.max(hit.tokEnd, w.end),
      };
    }
    const beside = (i: number, end: number) =>
      out.some(
        (d) =>
          (d.tokStart >= end && d.tokStart - end <= WEEKDAY_BESIDE) ||
          (d.tokEnd <= i && i - d.tokEnd <= WEEKDAY_BESIDE),
      );
    for (const [i, w] of ctx.weekdayAt) {
      if (beside(i, w.end)) continue;
      let day = ref;
      while (weekday(day) !== w.n) day = addDays(day, -1);
      out.push({
        value: day,
        precision: 'day',
        tokStart: i,
        tokEnd: w.end,
        kind: 'relative',
        explicitYear: false,
      });
    }
  }
  out.push(...gatheringDates(tokens, hits, gatherings));
  // "أمس الثلاثاء 23 شتنبر", "hier, mardi 23 septembre": the written date wins over the relative word.
  const written = out.filter(
    (d) =>
      d.precision === 'day' && d.explicitYear !== undefined && ctx.relAt.get(d.tokStart)?.which === undefined,
  );
  const kept = out.filter(
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
  // "Since 2016", "depuis le 19 mars", "с 2016 года": a single date (not a range, which "с"
  // also opens) right after a since-word, or after one and an article; a year cue may be the
  // since-word itself ("since 2016" is read from "since").
  const sinceAt = (k: number) => lang.since.has(key(tokens[k]));
  // "2016 жылдан бері", "19 наурыздан бастап": a since-word after the date, or after its year cue.
  const sinceAfterAt = (k: number) => lang.sinceAfter.has(key(tokens[k]));
  const since = (d: DateHit) =>
    !d.end &&
    (sinceAt(d.tokStart) ||
      sinceAt(d.tokStart - 1) ||
      (sinceAt(d.tokStart - 2) && key(tokens[d.tokStart - 1]).length <= 3) ||
      sinceAfterAt(d.tokEnd) ||
      sinceAfterAt(d.tokEnd + 1));
  return kept.map((d) => (since(d) ? { ...d, since: true } : d)).sort((a, b) => a.tokStart - b.tokStart);
}

function readRelative(ctx: Ctx, i: number, rel: { which: RelWord; end: number }): DateHit | null {
  const ref = ctx.relativeRef;
  if (!ref) return null;
  const r = parseDay(ref);
  const base = { tokStart: i, kind: 'relative' as const, explicitYear: false };
  const token = ctx.tokens[i];
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

import { foldedWords, foldForMatching } from '@dyad/text';
import { type DateWords, dateWords, type TokenPhrase } from './lexicon.ts';

/** A date written in a text, as precise as it was written. */
export interface DateMention {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
  /** The date was placed relative to the day of writing («أمس», "février dernier", «أبريل الجاري»). */
  readonly relative?: 'yesterday' | 'today' | 'currentMonth' | 'lastMonth';
  /** Position among the text's dates, in reading order. */
  readonly index: number;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function asYear(token: string | undefined): number | undefined {
  if (!token || !/^\d{4}$/.test(token)) return undefined;
  const year = Number(token);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : undefined;
}

/**
 * The day an ordinal's suffix follows is read alone: the tokeniser splits letters from digits, so
 * "1er mars" and "February 1st" come as 1, er and 1, st; the suffix is left out of the tokens.
 */
const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['er', 'e', 'st', 'nd', 'rd', 'th']);

function withoutOrdinalSuffixes(tokens: readonly string[]): string[] {
  return tokens.filter((t, i) => !(ORDINAL_SUFFIXES.has(t) && /^\d{1,2}$/.test(tokens[i - 1] ?? '')));
}

/** "28", "1er", "1st", "و29" (Arabic "and" glued to the number in «28 و29 أبريل»). */
function asDay(token: string | undefined): number | undefined {
  const m = token ? /^(?:و)?(\d{1,2})(?:er|e|st|nd|rd|th)?$/.exec(token) : null;
  if (!m) return undefined;
  const day = Number(m[1]);
  return day >= 1 && day <= 31 ? day : undefined;
}

function phraseAt(tokens: readonly string[], i: number, phrase: TokenPhrase): boolean {
  for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) return false;
  return phrase.length > 0;
}

function anyPhraseAt(tokens: readonly string[], i: number, list: readonly TokenPhrase[]): number {
  for (const phrase of list) if (phraseAt(tokens, i, phrase)) return phrase.length;
  return 0;
}

/** A phrase ending right before token i (e.g. "last" before a month). */
function anyPhraseBefore(tokens: readonly string[], i: number, list: readonly TokenPhrase[]): boolean {
  return list.some((phrase) => i - phrase.length >= 0 && phraseAt(tokens, i - phrase.length, phrase));
}

function monthAt(
  words: DateWords,
  tokens: readonly string[],
  i: number,
): { month: number; length: number } | undefined {
  const token = tokens[i] ?? '';
  for (const { tokens: phrase, month } of words.monthsByFirst.get(token) ?? []) {
    if (phraseAt(tokens, i, phrase)) return { month, length: phrase.length };
  }
  // Arabic clitics glued to a one-word month: «بفبراير», «وفبراير».
  if (/^[وبلف]\p{Script=Arabic}/u.test(token)) {
    for (const { tokens: phrase, month } of words.monthsByFirst.get(token.slice(1)) ?? []) {
      if (phrase.length === 1) return { month, length: 1 };
    }
  }
  return undefined;
}

function validDay(year: number | undefined, month: number, day: number): boolean {
  const days = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
  return day <= days;
}

/** Numeric dates: 2025-02-28, 28/02/2025, 28.02.2025 (day first unless `monthFirst`). */
function numericDates(
  normalized: string,
  monthFirst: boolean,
): { at: number; year: number; month: number; day: number }[] {
  const out: { at: number; year: number; month: number; day: number }[] = [];
  for (const m of normalized.matchAll(/(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/g)) {
    out.push({ at: m.index, year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  }
  for (const m of normalized.matchAll(/(?<![\d.])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d])/g)) {
    let a = Number(m[1]);
    let b = Number(m[2]);
    if (monthFirst ? a <= 12 : b > 12 && a <= 12) [a, b] = [b, a];
    out.push({ at: m.index, year: Number(m[3]), month: b, day: a });
  }
  return out.filter(
    (d) =>
      d.year >= MIN_YEAR &&
      d.year <= MAX_YEAR &&
      d.month >= 1 &&
      d.month <= 12 &&
      d.day >= 1 &&
      validDay(d.year, d.month, d.day),
  );
}

export interface FindDatesOptions {
  /** Read 03/04/2025 as March 4 (US English); otherwise day first. */
  readonly monthFirst?: boolean;
  /** Also report bare years after a year word («عام 1992», "en 2025"). */
  readonly years?: boolean;
}

/** Every date written in a text, in reading order, in any of ar/fr/en/ru/kk. */
export function findDates(
  text: string,
  options: FindDatesOptions = {},
  words: DateWords = dateWords(),
): DateMention[] {
  const found: (Omit<DateMention, 'index'> & { order: number })[] = [];
  const tokens = withoutOrdinalSuffixes(foldedWords(text));
  const used = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const month = monthAt(words, tokens, i);
    if (!month) continue;
    const after = i + month.length;
    const dayBefore = asDay(tokens[i - 1]);
    const dayAfter = asDay(tokens[after]);
    let day: number | undefined;
    let year: number | undefined;
    let end = after;
    if (dayBefore !== undefined) {
      day = dayBefore;
      year = asYear(tokens[after]);
      if (year !== undefined) end = after + 1;
      used.add(i - 1);
    } else if (dayAfter !== undefined && !(asYear(tokens[after]) !== undefined)) {
      // "February 28, 2025"
      day = dayAfter;
      year = asYear(tokens[after + 1]);
      end = after + 1 + (year === undefined ? 0 : 1);
    } else {
      year = asYear(tokens[after]);
      if (year !== undefined) end = after + 1;
    }
    if (day === undefined && year === undefined) {
      // A bare month counts only when placed: «فبراير الماضي», "last February", «أبريل الجاري».
      if (anyPhraseAt(tokens, after, words.lastMonth) || anyPhraseBefore(tokens, i, words.lastMonth))
        found.push({ month: month.month, relative: 'lastMonth', order: i });
      else if (anyPhraseAt(tokens, after, words.currentMonth))
        found.push({ month: month.month, relative: 'currentMonth', order: i });
      continue;
    }
    if (day !== undefined && !validDay(year, month.month, day)) continue;
    let relative: DateMention['relative'];
    if (year === undefined && anyPhraseAt(tokens, end, words.currentMonth)) relative = 'currentMonth';
    const before = Math.max(0, i - (dayBefore !== undefined ? 1 : 0));
    // «يوم أمس الثلاثاء 23 شتنبر»: a relative-day word within the three tokens before the date.
    for (let k = Math.max(0, before - 3); k < before && day !== undefined; k++) {
      if (anyPhraseAt(tokens, k, words.yesterday)) relative = 'yesterday';
      else if (anyPhraseAt(tokens, k, words.today)) relative = 'today';
    }
    found.push({
      ...(year !== undefined ? { year } : {}),
      month: month.month,
      ...(day !== undefined ? { day } : {}),
      ...(relative ? { relative } : {}),
      order: i,
    });
    for (let k = i; k < end; k++) used.add(k);
  }
  if (options.years) {
    for (let i = 0; i < tokens.length; i++) {
      if (used.has(i)) continue;
      const year = asYear(tokens[i]);
      if (year !== undefined && anyPhraseBefore(tokens, i, words.yearMarkers)) found.push({ year, order: i });
    }
  }
  const normalized = foldForMatching(text);
  // Numeric dates carry no token order; place them by character share of the text.
  const tokenCount = Math.max(1, tokens.length);
  for (const d of numericDates(normalized, options.monthFirst ?? false)) {
    found.push({
      year: d.year,
      month: d.month,
      day: d.day,
      order: (d.at / Math.max(1, normalized.length)) * tokenCount,
    });
  }
  return found
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...rest }, index) => ({ ...rest, index }));
}

/**
 * Scoring one article's extracted events against its gold: matching, counts, and the error lines an
 * engineer fixes rules from.
 *
 * - main P/R/F1: a predicted main event matches a gold main event of the same article when their
 *   type classes match (visit = official/courtesy visit; meeting = bilateral/parliamentary meeting,
 *   phone call; agreement = signing, joint statement; the other types exactly) and their dates can
 *   be the same days (a month covers its days, `end` extends a range; an undated event, predicted or
 *   gold, fits any date). Pairs are taken greedily, best first (exact type, exact date, shared
 *   participants).
 * - type, date: on matched main events, the share with the exact type, and (where the gold is dated)
 *   with the exact date: value, end and precision.
 * - part P/R: participants on matched main events, knowledge-base ids only (micro-averaged).
 * - loc: on matched main events whose gold gives a place, the share with that place (a city of the
 *   country fits a gold that names only the country).
 * - ref R/P: gold referred events against predicted `main: false` events, same matching.
 * - non-dyad FP: predicted main events in articles that are not about the dyad.
 * - relevance: the pipeline's relevance verdict against the gold's.
 */
import {
  type EventReport,
  type EventType,
  eventDateRange,
  partialDateRange,
  rangesOverlap,
  typeClassOf,
} from '@dyad/contracts';
import type { GoldArticle, GoldDate, GoldEvent } from './gold.ts';

type DateLike = { value: string; end?: string | undefined; precision: string } | null;

// Reports of one event may name its type differently: matched within DESIGN's type classes.
const typeClass = (t: EventType): string => typeClassOf(t);

function overlaps(a: DateLike, b: DateLike): boolean {
  return rangesOverlap(eventDateRange(a), eventDateRange(b));
}

const sameDate = (a: DateLike, b: DateLike): boolean =>
  a === null || b === null
    ? a === b
    : a.value === b.value && (a.end ?? null) === (b.end ?? null) && a.precision === b.precision;

const goldIds = (e: GoldEvent): string[] =>
  e.participants.filter((p): p is string => typeof p === 'string').sort();
const predIds = (e: EventReport): string[] =>
  [...new Set(e.participants.map((p) => p.actorId).filter((id) => !id.startsWith('unknown:')))].sort();

/** The dyad's countries by their English names, lower case ("egypt" → EG): a gold place naming one. */
export type CountryCodes = ReadonlyMap<string, string>;

function samePlace(p: EventReport, gold: string, countries: CountryCodes): boolean {
  const loc = p.location;
  if (!loc) return false;
  const want = gold.toLowerCase();
  const code = countries.get(want);
  return loc.name.toLowerCase() === want || (code !== undefined && loc.country === code);
}

function compatible(p: EventReport, g: GoldEvent): boolean {
  return typeClass(p.type) === typeClass(g.type) && overlaps(p.date, g.date);
}

interface Pair {
  readonly p: number;
  readonly g: number;
}

/** Greedy one-to-one matching, best pairs first. */
function match(preds: readonly EventReport[], golds: readonly GoldEvent[]): Pair[] {
  const candidates: { p: number; g: number; score: number }[] = [];
  preds.forEach((p, i) => {
    golds.forEach((g, j) => {
      if (!compatible(p, g)) return;
      const gi = goldIds(g);
      const shared = predIds(p).filter((id) => gi.includes(id)).length;
      const score =
        (p.type === g.type ? 4 : 0) + (sameDate(p.date, g.date) ? 2 : 0) + shared / (gi.length + 1);
      candidates.push({ p: i, g: j, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.p - b.p || a.g - b.g);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: Pair[] = [];
  for (const c of candidates) {
    if (usedP.has(c.p) || usedG.has(c.g)) continue;
    usedP.add(c.p);
    usedG.add(c.g);
    pairs.push({ p: c.p, g: c.g });
  }
  return pairs;
}

export interface Counts {
  articles: number;
  nonDyad: number;
  goldMain: number;
  predMain: number;
  matchedMain: number;
  exactType: number;
  datedMatched: number;
  exactDate: number;
  partTp: number;
  partPred: number;
  partGold: number;
  locGold: number;
  locRight: number;
  goldRef: number;
  predRef: number;
  matchedRef: number;
  falseMainNonDyad: number;
  nonDyadQuiet: number;
  /** Relevance: gold relevant and found relevant, found relevant, gold relevant. */
  relevantTp: number;
  relevantPred: number;
  relevantGold: number;
}

export const zero = (): Counts => ({
  articles: 0,
  nonDyad: 0,
  goldMain: 0,
  predMain: 0,
  matchedMain: 0,
  exactType: 0,
  datedMatched: 0,
  exactDate: 0,
  partTp: 0,
  partPred: 0,
  partGold: 0,
  locGold: 0,
  locRight: 0,
  goldRef: 0,
  predRef: 0,
  matchedRef: 0,
  falseMainNonDyad: 0,
  nonDyadQuiet: 0,
  relevantTp: 0,
  relevantPred: 0,
  relevantGold: 0,
});

export function add(into: Counts, c: Counts): void {
  for (const k of Object.keys(into) as (keyof Counts)[]) into[k] += c[k];
}

export function fmtDate(d: DateLike | GoldDate): string {
  return d ? `${d.value}${d.end ? `..${d.end}` : ''} (${d.precision})` : 'undated';
}

function fmtGold(e: GoldEvent): string {
  const who = e.participants.map((p) => (typeof p === 'string' ? p : `?${p.country}`)).join(', ');
  return `${e.type} ${fmtDate(e.date)} {${who}}${e.location ? ` @${e.location}` : ''}${e.note ? ` "${e.note}"` : ''}`;
}

function fmtPred(e: EventReport): string {
  const who = e.participants.map((p) => p.actorId).join(', ');
  const refs = e.references?.length ? ` refs[${e.references.map((r) => r.office).join(', ')}]` : '';
  const evidence = e.evidence[0]?.text.replace(/\s+/g, ' ').trim() ?? '';
  const quote = evidence.length > 110 ? `${evidence.slice(0, 107)}...` : evidence;
  const source = e.date?.source && e.date.source !== 'text' ? ` [${e.date.source}]` : '';
  return `${e.type} ${fmtDate(e.date)}${source} {${who}}${refs}${e.location ? ` @${e.location.name}` : ''} « ${quote} »`;
}

/** What the pipeline made of one article: its events, and whether it found it relevant. */
export interface Prediction {
  readonly events: readonly EventReport[];
  readonly relevant: boolean;
}

/** Counts for one article; error lines go to `errors` (never printed for the sealed split). */
export function scoreArticle(
  a: GoldArticle,
  predicted: Prediction,
  errors: string[],
  countries: CountryCodes,
): Counts {
  const c = zero();
  c.articles = 1;
  const err = (kind: string, text: string) => errors.push(`[${a.id}] ${kind.padEnd(14)} ${text}`);
  if (predicted.relevant) c.relevantPred = 1;
  if (a.relevant) c.relevantGold = 1;
  if (a.relevant && predicted.relevant) c.relevantTp = 1;
  if (a.relevant !== predicted.relevant)
    err('RELEVANCE', `expected ${a.relevant ? 'relevant' : 'not relevant'}; the pipeline said the opposite`);
  const predMain = predicted.events.filter((e) => e.main);
  const predRef = predicted.events.filter((e) => !e.main);

  if (!a.relevant) {
    c.nonDyad = 1;
    c.falseMainNonDyad = predMain.length;
    c.predRef = predRef.length;
    if (predMain.length === 0) c.nonDyadQuiet = 1;
    for (const p of predMain) err('NON-DYAD MAIN', `expected nothing; found ${fmtPred(p)}`);
    for (const p of predRef) err('NON-DYAD REF', `expected nothing; found ${fmtPred(p)}`);
    return c;
  }

  const gm = a.gold.main;
  const gr = a.gold.referred;
  c.goldMain = gm.length;
  c.predMain = predMain.length;
  c.goldRef = gr.length;
  c.predRef = predRef.length;

  const mainPairs = match(predMain, gm);
  c.matchedMain = mainPairs.length;
  for (const { p: pi, g: gi } of mainPairs) {
    const p = predMain[pi] as EventReport;
    const g = gm[gi] as GoldEvent;
    if (p.type === g.type) c.exactType++;
    else err('MAIN TYPE', `expected ${fmtGold(g)}; found ${p.type}`);
    if (g.date !== null) {
      c.datedMatched++;
      if (sameDate(p.date, g.date)) c.exactDate++;
      else err('MAIN DATE', `${g.type}: expected ${fmtDate(g.date)}; found ${fmtDate(p.date)}`);
    }
    const want = goldIds(g);
    const got = predIds(p);
    const tp = got.filter((id) => want.includes(id)).length;
    c.partTp += tp;
    c.partPred += got.length;
    c.partGold += want.length;
    const missing = want.filter((id) => !got.includes(id));
    const extra = got.filter((id) => !want.includes(id));
    if (missing.length || extra.length) {
      const parts = [
        missing.length ? `missing ${missing.join(', ')}` : '',
        extra.length ? `extra ${extra.join(', ')}` : '',
      ].filter(Boolean);
      err(
        'MAIN PEOPLE',
        `${g.type} ${fmtDate(g.date)}: expected {${want.join(', ')}}; found {${got.join(', ')}} (${parts.join('; ')})`,
      );
    }
    if (g.location) {
      c.locGold++;
      if (samePlace(p, g.location, countries)) c.locRight++;
      else
        err(
          'MAIN PLACE',
          `${g.type} ${fmtDate(g.date)}: expected ${g.location}; found ${p.location?.name ?? 'none'}`,
        );
    }
  }

  const refPairs = match(predRef, gr);
  c.matchedRef = refPairs.length;

  const unmatchedPredMain = predMain.filter((_, i) => !mainPairs.some((m) => m.p === i));
  const unmatchedGoldMain = gm.filter((_, i) => !mainPairs.some((m) => m.g === i));
  const unmatchedPredRef = predRef.filter((_, i) => !refPairs.some((m) => m.p === i));
  const unmatchedGoldRef = gr.filter((_, i) => !refPairs.some((m) => m.g === i));

  const sameClass = (p: EventReport, g: GoldEvent) => typeClass(p.type) === typeClass(g.type);
  for (const g of unmatchedGoldMain) {
    const asRef = unmatchedPredRef.find((p) => compatible(p, g));
    const shifted = unmatchedPredMain.find((p) => sameClass(p, g));
    const found = asRef
      ? `it with main:false: ${fmtPred(asRef)}`
      : shifted
        ? `${fmtPred(shifted)} (same class, dates do not overlap)`
        : 'nothing';
    err('MAIN MISSED', `expected ${fmtGold(g)}; found ${found}`);
  }
  for (const p of unmatchedPredMain) {
    const goldRef = unmatchedGoldRef.find((g) => compatible(p, g));
    const shifted = unmatchedGoldMain.find((g) => sameClass(p, g));
    const expected = goldRef
      ? `it as referred: ${fmtGold(goldRef)}`
      : shifted
        ? `${fmtGold(shifted)} (same class, dates do not overlap)`
        : 'nothing';
    err('MAIN EXTRA', `expected ${expected}; found ${fmtPred(p)}`);
  }
  for (const g of unmatchedGoldRef) {
    const asMain = unmatchedPredMain.find((p) => compatible(p, g));
    const shifted = unmatchedPredRef.find((p) => sameClass(p, g));
    const found = asMain
      ? 'it as main (see MAIN EXTRA)'
      : shifted
        ? `${fmtPred(shifted)} (same class, dates do not overlap)`
        : 'nothing';
    err('REF MISSED', `expected ${fmtGold(g)}; found ${found}`);
  }
  for (const p of unmatchedPredRef) {
    const goldMain = unmatchedGoldMain.find((g) => compatible(p, g));
    const shifted = unmatchedGoldRef.find((g) => sameClass(p, g));
    const expected = goldMain
      ? 'it as main (see MAIN MISSED)'
      : shifted
        ? `${fmtGold(shifted)} (same class, dates do not overlap)`
        : 'nothing';
    err('REF EXTRA', `expected ${expected}; found ${fmtPred(p)}`);
  }
  return c;
}

/** The days a gold date may stand for (null when undated). */
export function goldRange(d: GoldDate | null): { first: string; last: string } | null {
  return d ? { first: partialDateRange(d.value).first, last: partialDateRange(d.end ?? d.value).last } : null;
}

// `pnpm bench:extract-quality`: how well `extract` finds the dyad's events in a held-out gold set of
// full news articles (bench/gold/{ar,fr,en,ru}.yaml; conventions in the header of en.yaml).
//
// Per language and overall it prints:
//  - main P/R/F1: a predicted main event matches a gold main event of the same article when their
//    type classes match (visit = official/courtesy visit; meeting = bilateral/parliamentary meeting,
//    phone call; agreement = signing, joint statement; the other types exactly) and their date
//    ranges overlap (a month covers its days, `end` extends a range). Pairs are taken greedily,
//    best first (exact type, exact date, shared participants).
//  - type, date: on matched main events, the share with the exact type, and with the exact date
//    (value, end and precision).
//  - part P/R: participants on matched main events, knowledge-base ids only (micro-averaged).
//  - loc: on matched main events whose gold gives a place, the share with that place (a city of
//    the country when the gold names only the country); an extra, not asked by the issue.
//  - ref R (and P): gold referred events against predicted `main: false` events, same matching.
//  - non-dyad: predicted main events in the articles that are not about the dyad (all false).
//  - relevance: an article counts as found relevant when it yields at least one main event.
// Then one line per error, for an engineer to fix rules. `--quiet` prints the table only; language
// codes as arguments restrict the run (`... quality.ts fr ru`). `--set heldout` scores the articles of
// bench/heldout/ instead of bench/gold/ (same schema and conventions); the default set is gold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventReport } from '@dyad/contracts';
import { EventType, PartialDate } from '@dyad/contracts';
import { loadActors, partialDateBounds, roleSpan } from '@dyad/knowledge';
import { parse } from 'yaml';
import { z } from 'zod';
import { extract } from '../src/index.ts';

const LANGS = ['ar', 'fr', 'en', 'ru'] as const;
type Lang = (typeof LANGS)[number];

// ── Gold schema ──────────────────────────────────────────────────────────────────────────────
const PRECISION_LENGTH = { year: 4, month: 7, day: 10 } as const;
const GoldDate = z
  .object({ value: PartialDate, end: PartialDate.optional(), precision: z.enum(['year', 'month', 'day']) })
  .strict()
  .refine((d) => d.value.length === PRECISION_LENGTH[d.precision], 'precision does not fit the value')
  .refine((d) => d.end === undefined || d.end.length === d.value.length, 'end and value differ in precision')
  .refine((d) => d.end === undefined || d.end > d.value, 'end is not after value');
const GoldParticipant = z.union([
  z.string().regex(/^(ma|kz)\.[a-z0-9-]+$/, 'a knowledge-base id such as kz.tokayev'),
  z.object({ unknown: z.string().min(1), country: z.enum(['MA', 'KZ']) }).strict(),
]);
const GoldEvent = z
  .object({
    type: EventType,
    note: z.string().optional(),
    date: GoldDate,
    participants: z.array(GoldParticipant),
    location: z.string().min(1).nullable(),
  })
  .strict();
type GoldEvent = z.infer<typeof GoldEvent>;
const GoldArticle = z
  .object({
    id: z.string().regex(/^(ar|fr|en|ru)-\d{2}$/),
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    relevant: z.boolean(),
    text: z.string().min(1),
    gold: z.object({ main: z.array(GoldEvent), referred: z.array(GoldEvent) }).strict(),
  })
  .strict()
  .refine((a) => a.relevant || (a.gold.main.length === 0 && a.gold.referred.length === 0), {
    message: 'an article that is not about the dyad has no gold events',
  })
  .refine((a) => !a.relevant || a.gold.main.length > 0, { message: 'a relevant article has a main event' });
type GoldArticle = z.infer<typeof GoldArticle>;
const GoldFile = z.object({ articles: z.array(GoldArticle).min(1) }).strict();

const SETS = ['gold', 'heldout'] as const;

function loadGold(lang: Lang, goldDir: string): GoldArticle[] {
  const file = join(goldDir, `${lang}.yaml`);
  const parsed = GoldFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
  const articles = parsed.data.articles;
  for (const a of articles) {
    if (!a.id.startsWith(`${lang}-`)) fail(`${file}: ${a.id} is not a ${lang} id`);
  }
  const ids = new Set<string>();
  for (const a of articles) {
    if (ids.has(a.id)) fail(`${file}: duplicate id ${a.id}`);
    ids.add(a.id);
  }
  return articles;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Checks the gold's knowledge-base ids: they exist, and hold an office at the event's dates. */
function checkActors(articles: readonly GoldArticle[]): string[] {
  const actors = new Map(loadActors().actors.map((a) => [a.id, a]));
  const warnings: string[] = [];
  for (const a of articles) {
    for (const [kind, events] of [
      ['main', a.gold.main],
      ['referred', a.gold.referred],
    ] as const) {
      for (const e of events) {
        const { first, last } = range(e.date);
        for (const p of e.participants) {
          if (typeof p !== 'string') continue;
          const actor = actors.get(p);
          if (!actor) fail(`[${a.id}] ${kind} ${e.type}: ${p} is not in the knowledge base`);
          const holds = actor.roles.some((r) => {
            const span = roleSpan(r);
            return span !== null && span.first <= last && (span.last === null || first <= span.last);
          });
          if (!holds)
            warnings.push(`[${a.id}] ${kind} ${e.type} ${fmtDate(e.date)}: ${p} holds no known office then`);
        }
      }
    }
    const words = a.text.split(/\s+/).filter(Boolean).length;
    if (words < 150 || words > 400) warnings.push(`[${a.id}] ${words} words, not 150–400`);
  }
  return warnings;
}

// ── Matching ─────────────────────────────────────────────────────────────────────────────────
type DateLike = { value: string; end?: string | undefined; precision: string };

const CLASS: Record<string, string> = {
  official_visit: 'visit',
  courtesy_visit: 'visit',
  bilateral_meeting: 'meeting',
  parliamentary_meeting: 'meeting',
  phone_call: 'meeting',
  agreement_signing: 'agreement',
  joint_statement: 'agreement',
};
const typeClass = (t: string): string => CLASS[t] ?? t;

function range(d: DateLike): { first: string; last: string } {
  return { first: partialDateBounds(d.value).first, last: partialDateBounds(d.end ?? d.value).last };
}

function overlaps(a: DateLike, b: DateLike): boolean {
  const x = range(a);
  const y = range(b);
  return x.first <= y.last && y.first <= x.last;
}

const sameDate = (a: DateLike, b: DateLike): boolean =>
  a.value === b.value && (a.end ?? null) === (b.end ?? null) && a.precision === b.precision;

const goldIds = (e: GoldEvent): string[] =>
  e.participants.filter((p): p is string => typeof p === 'string').sort();
const predIds = (e: EventReport): string[] =>
  [...new Set(e.participants.map((p) => p.actorId).filter((id) => !id.startsWith('unknown:')))].sort();

/** Gold names a city, or a country when the text gives none: a city of that country fits too. */
const COUNTRY_CODES: Record<string, string> = { morocco: 'MA', kazakhstan: 'KZ' };
function samePlace(p: EventReport, gold: string): boolean {
  const loc = p.location;
  if (!loc) return false;
  const want = gold.toLowerCase();
  return (
    loc.name.toLowerCase() === want ||
    (COUNTRY_CODES[want] !== undefined && loc.country === COUNTRY_CODES[want])
  );
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

// ── Counting ─────────────────────────────────────────────────────────────────────────────────
interface Counts {
  articles: number;
  nonDyad: number;
  goldMain: number;
  predMain: number;
  matchedMain: number;
  exactType: number;
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
  relevantFound: number;
  relevantGold: number;
  nonDyadQuiet: number;
}

const zero = (): Counts => ({
  articles: 0,
  nonDyad: 0,
  goldMain: 0,
  predMain: 0,
  matchedMain: 0,
  exactType: 0,
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
  relevantFound: 0,
  relevantGold: 0,
  nonDyadQuiet: 0,
});

function add(into: Counts, c: Counts): void {
  for (const k of Object.keys(into) as (keyof Counts)[]) into[k] += c[k];
}

// ── Formatting ───────────────────────────────────────────────────────────────────────────────
function fmtDate(d: DateLike): string {
  return `${d.value}${d.end ? `..${d.end}` : ''} (${d.precision})`;
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
  return `${e.type} ${fmtDate(e.date)} {${who}}${refs}${e.location ? ` @${e.location.name}` : ''} « ${quote} »`;
}

const pct = (num: number, den: number): string =>
  den === 0 ? '   –  ' : `${((100 * num) / den).toFixed(1).padStart(5)}%`;
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

// ── Scoring one article ──────────────────────────────────────────────────────────────────────
function scoreArticle(lang: Lang, a: GoldArticle, errors: string[]): Counts {
  const c = zero();
  c.articles = 1;
  const err = (kind: string, text: string) => errors.push(`[${a.id}] ${kind.padEnd(14)} ${text}`);
  let events: EventReport[];
  try {
    events = extract({ text: a.text, lang, publishedAt: a.publishedAt }).events;
  } catch (e) {
    err('CRASH', e instanceof Error ? e.message : String(e));
    events = [];
  }
  const predMain = events.filter((e) => e.main);
  const predRef = events.filter((e) => !e.main);

  if (!a.relevant) {
    c.nonDyad = 1;
    c.falseMainNonDyad = predMain.length;
    c.predRef = predRef.length;
    if (predMain.length === 0) c.nonDyadQuiet = 1;
    for (const p of predMain) err('NON-DYAD MAIN', `expected nothing; found ${fmtPred(p)}`);
    for (const p of predRef) err('NON-DYAD REF', `expected nothing; found ${fmtPred(p)}`);
    return c;
  }

  c.relevantGold = 1;
  if (predMain.length > 0) c.relevantFound = 1;
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
    if (sameDate(p.date, g.date)) c.exactDate++;
    else err('MAIN DATE', `${g.type}: expected ${fmtDate(g.date)}; found ${fmtDate(p.date)}`);
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
      const name = p.location?.name;
      if (samePlace(p, g.location)) c.locRight++;
      else err('MAIN PLACE', `${g.type} ${fmtDate(g.date)}: expected ${g.location}; found ${name ?? 'none'}`);
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

// ── Main ─────────────────────────────────────────────────────────────────────────────────────
// `--set NAME` or `--set=NAME` picks the folder of articles to score (bench/gold by default).
const argv = process.argv.slice(2);
const setAt = argv.findIndex((x) => x === '--set' || x.startsWith('--set='));
const setFlag = setAt < 0 ? undefined : argv[setAt];
const setName =
  setFlag === undefined ? 'gold' : setFlag === '--set' ? argv[setAt + 1] : setFlag.slice('--set='.length);
if (setName === undefined || !(SETS as readonly string[]).includes(setName))
  fail(`--set takes one of ${SETS.join(', ')}; got ${setName ?? 'nothing'}`);
const setArgs = setFlag === '--set' ? 2 : setFlag === undefined ? 0 : 1;
const args = argv.filter((_, i) => i < setAt || i >= setAt + setArgs);
const goldDir = join(import.meta.dirname, setName);
const quiet = args.includes('--quiet');
const chosen = args.filter((x) => !x.startsWith('--'));
for (const x of chosen) if (!(LANGS as readonly string[]).includes(x)) fail(`unknown language ${x}`);
const langs: readonly Lang[] = chosen.length ? (chosen as Lang[]) : LANGS;

const gold = new Map(langs.map((l) => [l, loadGold(l, goldDir)] as const));
const warnings = checkActors([...gold.values()].flat());

extract({ text: 'Rabat', lang: 'fr', publishedAt: '2025-01-01' }); // build the knowledge index once

const perLang = new Map<Lang, Counts>();
const errors: string[] = [];
const started = process.hrtime.bigint();
for (const [lang, articles] of gold) {
  const total = zero();
  for (const a of articles) add(total, scoreArticle(lang, a, errors));
  perLang.set(lang, total);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const overall = zero();
for (const c of perLang.values()) add(overall, c);

const header = [
  'lang',
  'arts',
  'main P',
  'main R',
  'main F1',
  'type',
  'date',
  'part P',
  'part R',
  'loc',
  'ref R',
  'ref P',
  'non-dyad FP',
  'relevance',
];
const rows: string[][] = [];
for (const [name, c] of [...perLang.entries(), ['all', overall] as const]) {
  const p = c.predMain ? c.matchedMain / c.predMain : 0;
  const r = c.goldMain ? c.matchedMain / c.goldMain : 0;
  rows.push([
    name,
    `${c.articles - c.nonDyad}+${c.nonDyad}`,
    `${pct(c.matchedMain, c.predMain)} ${c.matchedMain}/${c.predMain}`,
    `${pct(c.matchedMain, c.goldMain)} ${c.matchedMain}/${c.goldMain}`,
    (100 * f1(p, r)).toFixed(1),
    `${pct(c.exactType, c.matchedMain)}`,
    `${pct(c.exactDate, c.matchedMain)}`,
    `${pct(c.partTp, c.partPred)} ${c.partTp}/${c.partPred}`,
    `${pct(c.partTp, c.partGold)} ${c.partTp}/${c.partGold}`,
    `${pct(c.locRight, c.locGold)}`,
    `${pct(c.matchedRef, c.goldRef)} ${c.matchedRef}/${c.goldRef}`,
    `${pct(c.matchedRef, c.predRef)} ${c.matchedRef}/${c.predRef}`,
    `${c.falseMainNonDyad} in ${c.nonDyad - c.nonDyadQuiet}/${c.nonDyad}`,
    `${c.relevantFound + c.nonDyadQuiet}/${c.articles}`,
  ]);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]) => cells.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' │ ');
console.log(
  `extract quality on the held-out gold set (packages/extract/bench/${setName}), ${seconds.toFixed(2)} s`,
);
console.log(line(header));
console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
for (const r of rows) console.log(line(r));
console.log(
  'main P/R: main events matched by type class and overlapping dates; type, date: exact on matched; part: ' +
    'knowledge-base participants on matched; loc: place on matched where gold gives one; ref: referred ' +
    '(main:false) events; non-dyad FP: main events in articles not about the dyad (in how many articles); ' +
    'relevance: articles whose having main events agrees with the gold.',
);
if (warnings.length) {
  console.log(`\ngold warnings (${warnings.length}):`);
  for (const w of warnings) console.log(`  ${w}`);
}
if (!quiet) {
  console.log(`\nerrors (${errors.length}):`);
  for (const e of errors) console.log(e);
}

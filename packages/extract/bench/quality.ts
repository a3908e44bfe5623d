// `pnpm bench:extract-quality [--set real|sealed|tuning-1|tuning-2] [--profile ID] [--no-published] [--quiet] [LANG…]`:
// how well the pipeline's cleaner and extractor find the dyad's events in a gold set, run exactly as
// `dyad extract` and the services run them (plain text → cleaner → relevance gate → extractor).
//
//  - `real` (the default): the dev split of the real articles (bench/real/dev), with one line per
//    error, for an engineer to fix rules from.
//  - `--profile ID`: the real sets of another relationship (bench/real-ID), read with its knowledge.
//  - `sealed`: the sealed split (bench/real/sealed). Aggregate figures only: no error line, no
//    warning, nothing that names an article. Rules are never changed because of it; measure it at
//    most once per working session, at its end.
//  - `tuning-1`, `tuning-2`: texts written for the project, which the rules were tuned on.
//
// `--no-published` runs every article as if its page gave no publication date (a replayed text
// file): events must still be found, dated by the text or undated. Metrics: see score.ts.
import { parseArgs } from 'node:util';
import { cleanArticle } from '@dyad/clean';
import { type ArticleCleaned, articleIdFor, seedUrl } from '@dyad/contracts';
import { DEFAULT_PROFILE, roleSpan } from '@dyad/knowledge';
import { extractCleaned, loadKnowledgeIndex } from '../src/index.ts';
import { GOLD_LANGS, type GoldArticle, type GoldLang, loadSet, SETS, type SetName } from './gold.ts';
import { add, type Counts, fmtDate, goldRange, type Prediction, scoreArticle, zero } from './score.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// ── Arguments ───────────────────────────────────────────────────────────────────────────────
let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      set: { type: 'string', default: 'real' },
      profile: { type: 'string', default: DEFAULT_PROFILE },
      quiet: { type: 'boolean', default: false },
      'no-published': { type: 'boolean', default: false },
    },
  });
}
try {
  parsed = parseOptions();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values: options, positionals: chosen } = parsed;
if (!(SETS as readonly string[]).includes(options.set))
  fail(`--set takes one of ${SETS.join(', ')}; got ${options.set}`);
const set = options.set as SetName;
if (options.profile !== DEFAULT_PROFILE && set !== 'real' && set !== 'sealed')
  fail(`--profile ${options.profile}: only the real sets (real, sealed) exist for another profile`);
const sealed = set === 'sealed';
const quiet = sealed || options.quiet;
const noPublished = options['no-published'];
for (const x of chosen) if (!(GOLD_LANGS as readonly string[]).includes(x)) fail(`unknown language ${x}`);

// ── The pipeline, as `dyad extract` runs it ─────────────────────────────────────────────────
const kb = loadKnowledgeIndex(options.profile);
const { profile } = kb;
const FETCHED_AT = '2026-12-01T00:00:00.000Z';

function predict(a: GoldArticle): Prediction {
  const url = a.url ?? seedUrl(`${a.id}.txt`);
  const cleaned = cleanArticle(
    { body: a.text, contentType: 'text/plain', url, fetchedAt: FETCHED_AT },
    { profile },
  );
  const publishedAt = noPublished ? null : a.publishedAt;
  const article: ArticleCleaned = {
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: 'bench',
    origin: 'replay',
    fetchedAt: FETCHED_AT,
    title: cleaned.title,
    text: cleaned.text,
    lang: cleaned.lang,
    publishedAt: publishedAt
      ? { value: publishedAt, source: 'meta' }
      : noPublished
        ? { value: null, source: 'none' }
        : cleaned.publishedAt,
    relevance: cleaned.relevance,
    cleaner: { version: 'bench', method: cleaned.method },
  };
  const { extracted } = extractCleaned(article, kb);
  return { events: extracted.events, relevant: extracted.relevance.relevant };
}

/** The gold's knowledge-base ids exist, and hold an office at the event's dates. */
function checkActors(articles: readonly GoldArticle[]): string[] {
  const { actors } = kb;
  const warnings: string[] = [];
  for (const a of articles) {
    for (const [kind, events] of [
      ['main', a.gold.main],
      ['referred', a.gold.referred],
    ] as const) {
      for (const e of events) {
        const range = goldRange(e.date);
        for (const p of e.participants) {
          if (typeof p !== 'string') continue;
          const actor = actors.get(p);
          if (!actor) {
            warnings.push(`[${a.id}] ${kind} ${e.type}: ${p} is not in the knowledge base`);
            continue;
          }
          if (!range) continue;
          const holds = actor.roles.some((r) => {
            const span = roleSpan(r);
            return (
              span !== null && span.first <= range.last && (span.last === null || range.first <= span.last)
            );
          });
          if (!holds)
            warnings.push(`[${a.id}] ${kind} ${e.type} ${fmtDate(e.date)}: ${p} holds no known office then`);
        }
      }
    }
  }
  return warnings;
}

// ── Run ─────────────────────────────────────────────────────────────────────────────────────
const articles = loadSet(set, options.profile).filter((a) => chosen.length === 0 || chosen.includes(a.lang));
if (articles.length === 0)
  fail(`no articles in set ${set}${chosen.length ? ` for ${chosen.join(', ')}` : ''}`);
const warnings = sealed ? [] : checkActors(articles);
predict({ ...(articles[0] as GoldArticle), text: 'Rabat' }); // build the knowledge index once

// A gold place that names a country of the dyad ("Egypt") is matched by any place in it.
const countryCodes = new Map(
  profile.countries.flatMap((c) => (c.names.en ?? []).map((name) => [name.toLowerCase(), c.code] as const)),
);
const perLang = new Map<GoldLang, Counts>();
const errors: string[] = [];
const started = process.hrtime.bigint();
for (const a of articles) {
  const counts = perLang.get(a.lang) ?? zero();
  add(counts, scoreArticle(a, predict(a), errors, countryCodes));
  perLang.set(a.lang, counts);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const pct = (num: number, den: number): string =>
  den === 0 ? '   –  ' : `${((100 * num) / den).toFixed(1).padStart(5)}%`;
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

const rows: [string, Counts][] = [];
for (const lang of GOLD_LANGS) {
  const c = perLang.get(lang);
  if (c) rows.push([lang, c]);
}
const fourLangs = zero();
for (const lang of ['ar', 'fr', 'en', 'ru'] as const) {
  const c = perLang.get(lang);
  if (c) add(fourLangs, c);
}
const overall = zero();
for (const c of perLang.values()) add(overall, c);
if (perLang.has('kk') && perLang.size > 1) rows.push(['ar-ru', fourLangs]);
rows.push(['all', overall]);

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
  'relevance P/R/F1',
];
const cells = rows.map(([name, c]) => {
  const p = c.predMain ? c.matchedMain / c.predMain : 0;
  const r = c.goldMain ? c.matchedMain / c.goldMain : 0;
  const rp = c.relevantPred ? c.relevantTp / c.relevantPred : 0;
  const rr = c.relevantGold ? c.relevantTp / c.relevantGold : 0;
  return [
    name,
    `${c.articles - c.nonDyad}+${c.nonDyad}`,
    `${pct(c.matchedMain, c.predMain)} ${c.matchedMain}/${c.predMain}`,
    `${pct(c.matchedMain, c.goldMain)} ${c.matchedMain}/${c.goldMain}`,
    (100 * f1(p, r)).toFixed(1),
    pct(c.exactType, c.matchedMain),
    pct(c.exactDate, c.datedMatched),
    `${pct(c.partTp, c.partPred)} ${c.partTp}/${c.partPred}`,
    `${pct(c.partTp, c.partGold)} ${c.partTp}/${c.partGold}`,
    pct(c.locRight, c.locGold),
    `${pct(c.matchedRef, c.goldRef)} ${c.matchedRef}/${c.goldRef}`,
    `${pct(c.matchedRef, c.predRef)} ${c.matchedRef}/${c.predRef}`,
    `${c.falseMainNonDyad} in ${c.nonDyad - c.nonDyadQuiet}/${c.nonDyad}`,
    `${(100 * rp).toFixed(0)}/${(100 * rr).toFixed(0)}/${(100 * f1(rp, rr)).toFixed(1)}`,
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
const line = (row: readonly string[]) => row.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' │ ');
const realFolder = options.profile === DEFAULT_PROFILE ? 'bench/real' : `bench/real-${options.profile}`;
const what = {
  real: `the real articles, dev split (${realFolder}/dev)`,
  sealed: `the real articles, SEALED split (${realFolder}/sealed): aggregates only`,
  'tuning-1': 'tuning set 1 (bench/tuning-1), written for the project and tuned on',
  'tuning-2': 'tuning set 2 (bench/tuning-2), written for the project and tuned on',
}[set];
console.log(
  `extract quality on ${what}${options.profile === DEFAULT_PROFILE ? '' : `, profile ${options.profile}`}${noPublished ? ', without publication dates' : ''}, ${seconds.toFixed(2)} s`,
);
console.log(line(header));
console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
for (const r of cells) console.log(line(r));
console.log(
  'main P/R: main events matched by type class and overlapping dates; type: exact on matched; date: exact ' +
    'on matched events the gold dates; part: knowledge-base participants on matched; loc: place on matched ' +
    'where gold gives one; ref: referred (main:false) events; non-dyad FP: main events in articles not ' +
    'about the dyad (in how many articles); relevance: the pipeline against the gold, P/R/F1 in %.',
);
if (warnings.length) {
  console.log(`\ngold warnings (${warnings.length}):`);
  for (const w of warnings) console.log(`  ${w}`);
}
if (!quiet) {
  console.log(`\nerrors (${errors.length}):`);
  for (const e of errors) console.log(e);
}

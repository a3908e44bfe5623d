/**
 * An agreement's `approved` step: one state approving it at home after it was signed — a
 * parliament ratifying it, a government approving it, a head of state signing the law that does
 * ("the Senate ratified the agreement between Kazakhstan and Morocco on …"). The labelled corpora
 * give such articles no event (a domestic step, not a bilateral one), so it is read beside the
 * events, from the same sentence facts, and never becomes one: the events and the article's
 * relevance are the same with or without it. Words: the lexicon's `agreementApproval`.
 */
import type { AgreementAct, Evidence } from '@dyad/contracts';
import { type Match, PhraseMatcher, phraseKeys, type Token, tokenize } from '@dyad/text';
import { clauseBreakBetween, dyadMentions, type SentenceFacts } from './analyse.ts';
import { GENERIC_DOCUMENT } from './assembled.ts';
import type { KnowledgeIndex, LanguageIndex } from './knowledge-index.ts';
import { type ArticleDate, newsDateFromArticle } from './news-date.ts';

type Cue = 'ratify' | 'approve' | 'approver' | 'pending';
type Hit = { readonly cue: Cue; readonly country?: string };

interface ApprovalIndex {
  readonly matcher: PhraseMatcher<Hit>;
  /** The first word's key of every act phrase (ratify, approve): a sentence with none tells no approval. */
  readonly actKeys: ReadonlySet<string>;
}

const indexes = new WeakMap<LanguageIndex, ApprovalIndex>();

/** The language's approval words, compiled once per language index. */
function approvalIndex(lang: LanguageIndex): ApprovalIndex {
  let index = indexes.get(lang);
  if (index) return index;
  const { ratify, approve, approvers, approversOf, pending } = lang.lexicon.agreementApproval;
  const matcher = new PhraseMatcher<Hit>(lang.keying);
  const actKeys = new Set<string>();
  for (const [cue, phrases] of [
    ['ratify', ratify],
    ['approve', approve],
  ] as const)
    for (const p of phrases) {
      matcher.add(p, { cue });
      const first = phraseKeys(p, lang.keying)[0];
      if (first) actKeys.add(first);
    }
  for (const p of approvers) matcher.add(p, { cue: 'approver' });
  for (const body of approversOf)
    for (const p of body.phrases) matcher.add(p, { cue: 'approver', country: body.country });
  for (const p of pending) matcher.add(p, { cue: 'pending' });
  index = { matcher, actKeys };
  indexes.set(lang, index);
  return index;
}

function hasActWord(tokens: readonly Token[], actKeys: ReadonlySet<string>): boolean {
  for (const t of tokens) for (const k of t.keys) if (actKeys.has(k)) return true;
  return false;
}

/**
 * Whether a text may tell an approval at all (one of the lexicon's act words in it): what decides
 * whether an article the cleaner found irrelevant is read for one (see `extractCleaned`).
 */
export function mayTellApproval(lang: LanguageIndex, text: string): boolean {
  return hasActWord(tokenize(text, lang.keying), approvalIndex(lang).actKeys);
}

// A plan governs an act word this close after it ("must be ratified", "will be submitted for
// ratification"), within its clause; and one right around it ("ratification is expected").
const PLAN_REACH = 14;
const PENDING_BEFORE = 6;
const PENDING_AFTER = 3;
// How close a country must stand to the body that approves to be its own ("the Senate of
// Kazakhstan", "le Parlement marocain", "مجلس النواب المغربي", "the Kazakh Senate").
const BODY_REACH = 1;
// Both sides this close to the body are the pair an agreement is between, neither its owner.
const PAIR_REACH = 4;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Act words the sentence tells as done: not planned, pending or denied. */
function doneActs(f: SentenceFacts, hits: readonly Match<Hit>[]): Match<Hit>[] {
  if (f.cues.has('denial')) return [];
  const tokens = f.sentence.tokens;
  const of = (cue: Cue) => hits.filter((m) => m.payloads.some((p) => p.cue === cue));
  const approvers = of('approver');
  const pending = of('pending');
  const acts = [...of('ratify'), ...(approvers.length > 0 ? of('approve') : [])];
  const overlaps = (a: Span, b: Span, before: number, after: number) =>
    b.end > a.start - before && b.start < a.end + after;
  return acts.filter(
    (act) =>
      // "the agreement must be ratified", "entrera en vigueur après sa ratification"
      !pending.some((p) => overlaps(act, p, PENDING_BEFORE, PENDING_AFTER)) &&
      // "will be submitted to Parliament for ratification", "рассмотрит … ратификацию"
      !f.futureAt.some(
        (end) =>
          (end > act.start - PENDING_BEFORE && end <= act.end + PENDING_AFTER) ||
          (end <= act.start &&
            act.start - end <= PLAN_REACH &&
            !clauseBreakBetween(tokens, end - 1, act.start)),
      ),
  );
}

/**
 * The side that approves, when the sentence tells it: a body of one country by its own name (the
 * Mazhilis); a body with its country beside it ("the Senate of Kazakhstan", "le Parlement
 * marocain"); the people of one side who take part ("Tokayev signed the law ratifying …"); or the
 * one side named before the act word, the other after it ("Kazakhstan ratified the agreement with
 * Morocco"). Else none: "the two countries ratified", or a body with no country.
 */
function approvingSide(
  kb: KnowledgeIndex,
  f: SentenceFacts,
  hits: readonly Match<Hit>[],
  act: Match<Hit>,
): string | undefined {
  const one = (codes: Iterable<string | undefined>): string | undefined => {
    const set = new Set([...codes].filter((c): c is string => c !== undefined && kb.dyad.includes(c)));
    return set.size === 1 ? [...set][0] : undefined;
  };
  const approvers = hits.filter((m) => m.payloads.some((p) => p.cue === 'approver'));
  const owned = one(approvers.flatMap((m) => m.payloads.map((p) => p.country)));
  if (owned) return owned;
  const countries = dyadMentions(kb, f.entities, ['name', 'demonym']);
  // Not a pair right after the body: "Сенат Қазақстан мен Марокко арасындағы келісімді …".
  const beside = one(
    approvers.flatMap((b) => {
      const around = countries.filter((c) => c.end > b.start - PAIR_REACH && c.start < b.end + PAIR_REACH);
      if (new Set(around.map((c) => c.code)).size > 1) return [];
      return around
        .filter(
          (c) =>
            (c.start >= b.end && c.start - b.end <= BODY_REACH) ||
            (c.end <= b.start && b.start - c.end <= BODY_REACH),
        )
        .map((c) => c.code);
    }),
  );
  if (beside) return beside;
  const people = one(f.people.filter((p) => !p.mentioned && p.how !== 'unknown').map((p) => p.country));
  if (people) return people;
  const before = one(countries.filter((c) => c.end <= act.start).map((c) => c.code));
  const after = one(countries.filter((c) => c.start >= act.end).map((c) => c.code));
  return before && after && before !== after ? before : undefined;
}

/** The agreements a sentence names: its specific ones, else "the agreement". A joint statement is not ratified. */
function agreementNames(f: SentenceFacts): string[] {
  const names = [...new Set(f.agreements.map((a) => a.name))].filter((n) => n !== 'joint statement');
  const specific = names.filter((n) => n !== GENERIC_DOCUMENT);
  return specific.length > 0 ? specific : names;
}

/**
 * The approvals an article tells, one per agreement and approving side, each with the sentences
 * that tell it and its date: the first the sentences give (a date that began a state of things
 * or lies ahead is none), else the article's own date as its events take it.
 */
export function agreementActs(
  kb: KnowledgeIndex,
  lang: LanguageIndex,
  facts: readonly SentenceFacts[],
  articleDate: ArticleDate | null,
): AgreementAct[] {
  const { matcher, actKeys } = approvalIndex(lang);
  const acts: AgreementAct[] = [];
  for (const f of facts) {
    const tokens = f.sentence.tokens;
    if (f.agreements.length === 0 || !hasActWord(tokens, actKeys)) continue;
    const hits = matcher.findAll(tokens);
    const done = doneActs(f, hits);
    const act = done[0];
    if (!act) continue;
    // "… with Morocco, Egypt and Turkey": which of them an agreement is with, the sentence does not say.
    if ([...f.countries].some((c) => !kb.dyad.includes(c))) continue;
    const country = approvingSide(kb, f, hits, act);
    const sides = new Set([...f.countries, ...(country ? [country] : [])]);
    if (!kb.dyad.every((c) => sides.has(c))) continue;
    const s = f.sentence;
    const evidence: Evidence = { field: 'approved', text: s.text, start: s.start, end: s.end };
    const written = f.dates.find((d) => !d.since && d.relation !== 'next');
    const date = written
      ? {
          value: written.value,
          ...(written.end ? { end: written.end } : {}),
          precision: written.precision,
          source:
            written.kind === 'relative' && articleDate?.source === 'fetched'
              ? ('fetched' as const)
              : ('text' as const),
        }
      : newsDateFromArticle(articleDate);
    for (const name of agreementNames(f)) {
      // One side's approval told twice, its side named once ("Senate ratifies …", "the Kazakh Senate …").
      const known = acts.find((a) => a.name === name && (a.country === country || !a.country || !country));
      if (known && !known.country && country) known.country = country;
      if (!known) {
        acts.push({
          name,
          step: 'approved',
          ...(country ? { country } : {}),
          date,
          evidence: [
            evidence,
            ...(date && !written ? [{ field: 'date:article', text: '', start: 0, end: 0 }] : []),
          ],
        });
        continue;
      }
      known.evidence.push(evidence);
      // A date the text gives beats the article's own.
      if (written && (known.date === null || known.date.source !== 'text')) {
        const at = acts.indexOf(known);
        acts[at] = {
          ...known,
          date,
          evidence: known.evidence.filter((e) => e.field !== 'date:article'),
        };
      }
    }
  }
  // "The agreement" beside a named one, of the same side, is that one.
  const named = acts.filter((a) => a.name !== GENERIC_DOCUMENT);
  return acts.filter(
    (a) =>
      a.name !== GENERIC_DOCUMENT || !named.some((n) => n.country === a.country || !n.country || !a.country),
  );
}

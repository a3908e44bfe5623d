import { clauseBreakBetween, type SentenceFacts } from './analyse.ts';
import type { Candidate } from './candidate.ts';
import type { DateHit } from './dates.ts';
import { VISITS } from './event-kinds.ts';
import { distance } from './token-distance.ts';

// How close a date must stand to "this meeting" to be its date rather than another event's.
const ANAPHORA_DATE_REACH = 6;

// Headline, dateline and the first sentences: where an article sets its scene.
const LEAD_SENTENCES = 4;

/**
 * Each date goes to the nearest event trigger of its sentence, the closest date first, so that a
 * dateline's day does not take the trigger "on Tuesday" stands by; a date whose nearest trigger is
 * taken dates nothing. A gathering's dates date nothing in a sentence about plans: "discussed
 * preparations for the 150th Assembly, to be held in April".
 */
export function assignDates(
  out: readonly Candidate[],
  facts: readonly SentenceFacts[],
  sentence: number,
): void {
  const f = facts[sentence];
  if (!f) return;
  const dates = sentenceDates(facts, sentence).filter(
    (d) => !(d.kind === 'gathering' && f.futureAt.length > 0),
  );
  const nearest = dates
    .map((d) => {
      // A date inside a plan ("… to be held in Tashkent in April") dates nothing told before it,
      // nor anything told after its clause ("… the summit, which will be held in October, Lavrov
      // said at a meeting with …").
      const plannedFrom = f.futureAt.filter((at) => at <= d.tokStart);
      const planClause = f.planClauses.find((c) => c.start <= d.tokStart && d.tokStart < c.end);
      // A span of days ("on 10–12 June") is a visit's when the sentence tells of one.
      const span = isSpan(d);
      const ranked = out
        .filter((c) => !plannedFrom.some((at) => c.trigger.tokStart < at))
        .filter((c) => !planClause || c.trigger.tokStart < planClause.end)
        // "Support for the autonomy plan presented in 2007": a year in a statement of position is
        // the year of what it is about, not of the statement.
        .filter((c) => !(c.type === 'policy_statement' && d.precision === 'year'))
        // "X held talks with Y, the ministry said on Monday": the day of a report dates the saying
        // (a statement made that day), not the talks it reports.
        .filter((c) => !(d.reported && c.type !== 'policy_statement'))
        // "كتب فاطيمة طيبى 14 مايو 2025 4:21 م - … اللجنة المشتركة بموسكو": a page's timestamp dates
        // no event.
        .filter(() => !d.stamped)
        // "signed at the 79th UN General Assembly, is now in force": a gathering is where talks and
        // signings are held, never when a document takes effect.
        .filter((c) => !(d.kind === 'gathering' && c.type === 'agreement_entry_into_force'))
        .map((c) => ({ c, dist: distance(c.trigger, d) }))
        // "This meeting reinforces the ties, as did the embassy opened in December 2020": the event
        // told before keeps its date; only one written right beside it ("the meeting took place on
        // 14 May") is its own.
        .filter(({ c, dist }) => !c.trigger.anaphoric || dist <= ANAPHORA_DATE_REACH)
        .sort(
          (a, b) =>
            Number(span && !VISITS.has(a.c.type)) - Number(span && !VISITS.has(b.c.type)) || a.dist - b.dist,
        );
      // "signed in October 2018 and entered into force last January": a date between two acts is
      // the first's when the second has a date of its own after it.
      const before = toldBefore(out, d);
      const after = ranked[0]?.c;
      if (
        before &&
        after &&
        after.trigger.tokStart >= d.tokEnd &&
        !clauseBreakBetween(f.sentence.tokens, before.trigger.tokEnd, d.tokStart) &&
        hasOwnDateAfter(out, dates, after)
      ) {
        const first = ranked.find((r) => r.c === before);
        if (first) return { d, best: first };
      }
      return { d, best: ranked[0] };
    })
    .sort(
      (a, b) =>
        Number(isSpan(b.d)) - Number(isSpan(a.d)) ||
        (a.best?.dist ?? Number.POSITIVE_INFINITY) - (b.best?.dist ?? Number.POSITIVE_INFINITY),
    );
  for (const { d, best } of nearest) if (best && !best.c.date) best.c.date = { hit: d, sentence };
}

/** The candidate whose trigger ends last before a date. */
function toldBefore(out: readonly Candidate[], d: DateHit): Candidate | undefined {
  return out
    .filter((c) => c.trigger.tokEnd <= d.tokStart)
    .sort((a, b) => b.trigger.tokEnd - a.trigger.tokEnd)[0];
}

/** Whether a date follows a candidate's trigger before any other trigger does. */
function hasOwnDateAfter(out: readonly Candidate[], dates: readonly DateHit[], c: Candidate): boolean {
  const nextTrigger = Math.min(
    ...out.filter((x) => x.trigger.tokStart > c.trigger.tokStart).map((x) => x.trigger.tokStart),
    Number.POSITIVE_INFINITY,
  );
  return dates.some((x) => x.tokStart >= c.trigger.tokEnd && x.tokStart < nextTrigger);
}

/** A span of days written out, not a gathering's (those date the meetings on its sidelines). */
function isSpan(d: DateHit): boolean {
  return d.end !== undefined && d.kind !== 'gathering';
}

// How far back "the same day" may look for the day it means.
const SAME_REACH = 3;
// How far after "earlier in the day" a day written out names that day ("plus tôt dans la journée jeudi").
const SAME_NAMED_REACH = 2;

/**
 * The sentence's dates, with "the same day" / "the same year" read as the latest date told in the
 * sentences just before ("في اليوم ذاته" is not today, "в том же году" is the year just named).
 */
function sentenceDates(facts: readonly SentenceFacts[], i: number): DateHit[] {
  const f = facts[i];
  if (!f) return [];
  if (f.sameAs.length === 0) return [...f.dates];
  const covered = (d: DateHit) => f.sameAs.some((s) => d.tokStart < s.end && s.start < d.tokEnd);
  const out = f.dates.filter((d) => !covered(d));
  // The day the last dated sentence opens with, that of its news: "بعث توكاييف، أمس السبت، برقية
  // تعزية … إثر الزلزال الذي ضرب … ليلة الجمعة. كما بعث سمايلوف، في اليوم ذاته، برقية" is Saturday,
  // not the night of the earthquake told after it.
  const before = facts
    .slice(Math.max(0, i - SAME_REACH), i)
    .filter((p) => p.dates.length > 0)
    .at(-1)?.dates[0];
  for (const same of f.sameAs) {
    if (!before) break;
    const year = same.which === 'year';
    if (!year && before.precision !== 'day') continue;
    // "ont rencontré plus tôt dans la journée jeudi …": the day written beside it is the day meant.
    const named = out.some(
      (d) =>
        d.precision === (year ? 'year' : 'day') &&
        d.tokStart >= same.end &&
        d.tokStart - same.end <= SAME_NAMED_REACH,
    );
    if (named) continue;
    const { end, ...rest } = before;
    out.push({
      ...rest,
      ...(!year && end ? { end } : {}),
      value: year ? before.value.slice(0, 4) : before.value,
      precision: year ? 'year' : 'day',
      tokStart: same.start,
      tokEnd: same.end,
      kind: 'relative',
    });
  }
  return out;
}

/**
 * "Issued a joint communiqué on Monday at the close of the consultations": a day told relative to
 * the article (Monday, yesterday) dates every event of its sentence, not only the nearest one. So
 * does any day when the talks are named as what the act closed: "Документ подписан в Рабате
 * 28 февраля 2025 года по итогам переговоров" (signed on 28 February at the end of the talks).
 */
export function shareSentenceDate(out: readonly Candidate[], interaction: Candidate | undefined): void {
  if (!interaction || interaction.date) return;
  const dated = out.filter((c) => c.date);
  const only = dated.length === 1 ? dated[0]?.date : undefined;
  if (only?.hit.precision !== 'day') return;
  if (only.hit.kind === 'relative' || interaction.trigger.anaphoric) interaction.date = only;
}

// A dateline is a line of dates with a few words: "24 November 2025 17:42", "3 مايو 2025", "RABAT,
// 28/02/2025 (MAP)", "Le 6 novembre 2025 à 9h30 | Modifié le 6 novembre 2025 à 11h02". A date in a
// sentence is an event's, and may be background: "Les relations diplomatiques entre le Kazakhstan
// et le Maroc ont été établies le 28 mai 1992" (13 words besides the date).
const DATELINE_WORDS = 6;

export function isDateline(f: SentenceFacts): boolean {
  const inDate = (k: number) => f.dates.some((d) => k >= d.tokStart && k < d.tokEnd);
  const words = f.sentence.tokens.filter((t, k) => t.script !== 'digit' && !inDate(k)).length;
  return f.dates.length > 0 && words <= DATELINE_WORDS;
}

/**
 * "The forum opened on Monday in Casablanca. On its sidelines, … signed": a sentence with no
 * event of its own that gives one day (not a past one referred to) dates the next sentence's event.
 */
export function leadDate(facts: readonly SentenceFacts[], i: number): Candidate['date'] {
  // Only in the lead: further down, a day in a quote ("the world needs today") dates nothing.
  if (i > LEAD_SENTENCES) return undefined;
  const previous = facts[i - 1];
  if (!previous || previous.triggers.length > 0 || previous.dates.length !== 1) return undefined;
  // "date 2026-01-29 Tell a friend": a dateline is the article's date (see referenceDate), not the news's.
  if (isDateline(previous)) return undefined;
  const hit = previous.dates[0];
  if (hit?.precision !== 'day' || hit.relation === 'past') return undefined;
  return { hit, sentence: i - 1 };
}

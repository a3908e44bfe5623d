import type { AgreementAct, ArticleCleaned, ArticleExtracted, EventReport, Evidence } from '@dyad/contracts';

type Mentions = ArticleExtracted['mentions'];

import type { EventLanguage } from '@dyad/knowledge';
import { agreementActs, mayTellApproval } from './agreement-acts.ts';
import { analyseSentence, type SentenceFacts } from './analyse.ts';
import { assemble } from './assemble.ts';
import type { Candidate } from './candidate.ts';
import { isDateline } from './candidate-dates.ts';
import { opensAsDateline } from './candidate-places.ts';
import { sentenceCandidates } from './candidates.ts';
import { dayOf, partialDateRange } from './date-math.ts';
import { INTERACTIONS, LEAD_SENTENCES } from './event-kinds.ts';
import { recallIntroduced } from './introduced.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import type { ArticleDate } from './news-date.ts';
import { counterpartHolder, resolveRole, unknownId } from './people.ts';
import { namedPeople, toReport } from './report.ts';
import { splitSentences } from './sentences.ts';

export const EXTRACTOR_VERSION = '1.0.0';

export interface ExtractInput {
  readonly text: string;
  /** ISO 639-1; anything but ar, fr, en, ru is read with the English lexicon's dates and the shared names. */
  readonly lang: string;
  /** The publication date (or null), the reference for "yesterday" and "last March". */
  readonly publishedAt: string | null;
  /** When the article was fetched, a last resort for the reference date of a crawled page. */
  readonly fetchedAt?: string;
}

export interface ExtractResult {
  readonly events: EventReport[];
  readonly mentions: ArticleExtracted['mentions'];
  /** The reference date used, and where it came from. */
  readonly articleDate: ArticleDate | null;
  /** Agreements approved at home (`agreement-acts.ts`): no event, read from the same sentences. */
  readonly agreementActs: AgreementAct[];
}

function languageOf(lang: string): EventLanguage {
  return lang === 'ar' || lang === 'fr' || lang === 'ru' || lang === 'kk' ? lang : 'en';
}

/**
 * The reference day, the article's own date: its publication date; else the latest day or month
 * a dateline of its lead writes out in full; else the fetch time; else the latest day or month a
 * sentence of its lead writes out in full (`mentioned`: it tells the year of "28 February", but
 * dates no news). Dates recalled, planned or begun earlier ("since 2016") are left out; a year
 * alone is no article's date.
 */
function referenceDate(
  facts: readonly SentenceFacts[],
  publishedAt: string | null,
  fetchedAt?: string,
): ArticleDate | null {
  if (publishedAt) {
    const { day, precision } = dayOf(publishedAt);
    return { day, precision, source: 'published' };
  }
  const latestWritten = (datelineOnly: boolean): ArticleDate | undefined => {
    for (const precision of ['day', 'month'] as const) {
      let latest: string | undefined;
      for (const f of facts.slice(0, LEAD_SENTENCES)) {
        if (f.cues.has('future') || f.cues.has('earlier')) continue;
        if (datelineOnly && !isDateline(f)) continue;
        for (const d of f.dates) {
          if (!d.explicitYear || d.precision !== precision || d.since) continue;
          const last = partialDateRange(d.end ?? d.value).last;
          if (!latest || last > latest) latest = last;
        }
      }
      if (latest) return { day: latest, precision, source: datelineOnly ? 'dateline' : 'mentioned' };
    }
    return undefined;
  };
  const dateline = latestWritten(true);
  if (dateline) return dateline;
  if (fetchedAt) return { day: dayOf(fetchedAt).day, precision: 'day', source: 'fetched' };
  return latestWritten(false) ?? null;
}

/**
 * A past visit or meeting the article only refers to ("the visits of 2025") with no participant,
 * place or agreement cannot be told apart from other events of its kind: it would be announced as an
 * event of its own, a duplicate of whichever one it meant. One with a role reference ("the foreign
 * minister's visit") is kept for the indexer to link to a known event; it never makes one. The
 * article's own news is kept even when thin.
 */
function identifiable(report: EventReport): boolean {
  if (
    report.main ||
    report.participants.length > 0 ||
    report.location !== undefined ||
    report.agreements.length > 0 ||
    (report.references?.length ?? 0) > 0
  ) {
    return true;
  }
  // Statements and acts between the two states need no named person; a visit or a meeting does.
  return !INTERACTIONS.has(report.type);
}

// How a sentence of running text ends; a headline has none of these.
const SENTENCE_END = /[.!?؟…»"”:]\s*$/u;

/** The first line, when it is a headline: no final stop, and a line of its own. */
function headlineOf(facts: readonly SentenceFacts[]): number | undefined {
  const first = facts[0]?.sentence;
  return first && !SENTENCE_END.test(first.text) ? 0 : undefined;
}

/** The headline and the subheadings: lines with no final stop ("Un soutien affirmé au Maroc"). */
function headingsOf(facts: readonly SentenceFacts[]): Set<number> {
  return new Set(facts.filter((f) => !SENTENCE_END.test(f.sentence.text)).map((f) => f.sentence.index));
}

interface Dateline {
  readonly name: string;
  readonly country: string;
  readonly sentence: SentenceFacts['sentence'];
}

/** The city a dispatch was filed from, when one of the first lines opens with it. */
function datelineOf(facts: readonly SentenceFacts[]): Dateline | undefined {
  for (const f of facts.slice(0, 4)) {
    // "АСТАНА. КАЗИНФОРМ": the city may be a sentence of its own.
    const place = f.places.find((p) => opensAsDateline(f, p));
    if (place) return { name: place.name, country: place.country, sentence: f.sentence };
  }
  return undefined;
}

/**
 * An article's own meeting, signing or statement with no place of its own happened where it was
 * filed from. Not a visit: "RABAT – the minister's visit to Astana".
 */
function placedByDateline(report: EventReport, dateline: Dateline): EventReport {
  if (!report.main || report.location || report.type === 'official_visit') return report;
  const s = dateline.sentence;
  return {
    ...report,
    location: { name: dateline.name, country: dateline.country },
    evidence: [...report.evidence, { field: 'location:dateline', text: s.text, start: s.start, end: s.end }],
  };
}

/**
 * An article's own meeting or signing with no place of its own, in an article whose news is a visit
 * to a country its dispatch was not filed from, happened where the visit went: "ASTANA – As part of
 * his official visit to Morocco, the minister held meetings with Moroccan companies". Filed from
 * the country visited, the dateline's city says more (`placedByDateline`).
 */
function placedByVisit(
  report: EventReport,
  visit: EventReport | undefined,
  dateline: Dateline | undefined,
): EventReport {
  const where = visit?.location;
  if (!where || report === visit || !report.main || report.location || report.type === 'official_visit')
    return report;
  if (dateline && dateline.country === where.country) return report;
  const cited = visit.evidence.find((e) => e.field === 'location') ?? visit.evidence[0];
  return {
    ...report,
    location: where,
    evidence: [
      ...report.evidence,
      ...(cited ? [{ field: 'location:visit', text: cited.text, start: cited.start, end: cited.end }] : []),
    ],
  };
}

/**
 * Extracts the dyad's events from a cleaned article's text, with the knowledge of the profile it is
 * given (`loadKnowledgeIndex`): pure and deterministic.
 */
export function extract(input: ExtractInput, kb: KnowledgeIndex): ExtractResult {
  const lang = languageOf(input.lang);
  const index = kb.languages.get(lang);
  if (!index) throw new Error(`no lexicon for ${lang}`);
  const sentences = splitSentences(input.text, lang, index.abbreviations, index.keying);
  // Two passes: absolute dates first (they need no reference), then everything against the reference.
  // With a publication date the first pass is not needed.
  const firstPass = input.publishedAt ? [] : sentences.map((s) => analyseSentence(kb, index, s, null));
  const articleDate = referenceDate(firstPass, input.publishedAt, input.fetchedAt);
  const analysed = articleDate
    ? sentences.map((s) =>
        analyseSentence(kb, index, s, {
          day: articleDate.day,
          relative: articleDate.source !== 'mentioned',
          precision: articleDate.precision,
        }),
      )
    : firstPass;
  const facts = recallIntroduced(kb, analysed);
  const candidates: Candidate[] = [];
  for (let i = 0; i < facts.length; i++) candidates.push(...sentenceCandidates(kb, facts, i));
  const headline = headlineOf(facts);
  const planLead = facts
    .slice(0, LEAD_SENTENCES)
    .find((f) => f.cues.has('future') && kb.dyad.every((c) => f.countries.has(c)))?.sentence.index;
  const assembled = assemble(candidates, articleDate, {
    ...(headline !== undefined ? { headline } : {}),
    headings: headingsOf(facts),
    ...(planLead !== undefined ? { planLead } : {}),
  });
  // Sentences that belong to no other event, name no third country and are not about the future
  // give the main event its topics.
  const claimed = new Set(assembled.filter((e) => !e.main).flatMap((e) => e.merged.map((m) => m.sentence)));
  const mainTopicsFrom = new Set<number>();
  for (const f of facts) {
    const third = [...f.countries].some((c) => !kb.dyad.includes(c));
    if (!claimed.has(f.sentence.index) && !third && !f.cues.has('future'))
      mainTopicsFrom.add(f.sentence.index);
  }
  const dateline = datelineOf(facts);
  const namedInArticle = namedPeople(facts);
  const reports = assembled
    .map((e) => toReport(kb, lang, facts, e, mainTopicsFrom, namedInArticle))
    .filter((r): r is EventReport => r !== null)
    .filter(identifiable);
  const visit = reports.find((r) => r.main && r.type === 'official_visit' && r.location);
  const events = reports
    .map((r) => placedByVisit(r, visit, dateline))
    .map((r) => (dateline ? placedByDateline(r, dateline) : r));
  return {
    events,
    mentions: mentionsOf(facts, articleDate),
    articleDate,
    agreementActs: agreementActs(kb, index, facts, articleDate),
  };

  function mentionsOf(all: readonly SentenceFacts[], ref: ArticleDate | null): ExtractResult['mentions'] {
    const actors: Mentions['actors'] = [];
    const places: Mentions['places'] = [];
    const dates: Mentions['dates'] = [];
    for (const f of all) {
      const s = f.sentence;
      const evidence = { field: 'mention', text: s.text, start: s.start, end: s.end };
      for (const p of f.people) {
        const id =
          p.actorId ??
          (p.how === 'role'
            ? resolveRole(kb, p, ref?.day)
            : p.how === 'counterpart'
              ? ref && counterpartHolder(kb, p, ref.day)
              : p.name && p.country
                ? unknownId(p.name)
                : undefined);
        if (!id) continue;
        const actor = kb.actors.get(id);
        const name = actor ? (actor.names[lang]?.[0] ?? actor.names.en?.[0] ?? id) : (p.name ?? id);
        actors.push({
          actorId: id,
          name,
          ...(p.country ? { country: p.country } : {}),
          ...(p.office ? { role: p.office } : {}),
          evidence,
        });
      }
      for (const p of f.places) places.push({ name: p.name, country: p.country, evidence });
      for (const d of f.dates)
        dates.push({ value: d.value, ...(d.end ? { end: d.end } : {}), precision: d.precision, evidence });
    }
    return { actors, places, dates };
  }
}

/** What the extractor stage made of a cleaned article. */
export interface Extraction {
  readonly extracted: ArticleExtracted;
  /** Why no extraction ran, when it did not. */
  readonly skipped?: 'irrelevant';
}

/**
 * The extractor stage's whole step, the same in the service and in `dyad extract`: an article a
 * relevance model found irrelevant is passed on with no event and no mention (so that it is still
 * stored and counted), only with the approvals of agreements its text tells (`agreement-acts.ts`);
 * any other goes through `extract`, and is relevant only if it tells an event between the two
 * countries. A publication date the cleaner only inferred from
 * the text is no publication date: the extractor reads the text's dates itself, and tells
 * background ("relations since 1992") from the article's own date. The fetch time is a last
 * resort for a crawled page; a replayed file's is only when it was replayed.
 */
export function extractCleaned(cleaned: ArticleCleaned, kb: KnowledgeIndex): Extraction {
  const published = cleaned.publishedAt.source === 'inferred' ? null : cleaned.publishedAt.value;
  const document = withHeadline(cleaned.title, cleaned.text);
  const run = () =>
    extract(
      {
        text: document.text,
        lang: cleaned.lang,
        publishedAt: published,
        ...(cleaned.origin === 'crawl' ? { fetchedAt: cleaned.fetchedAt } : {}),
      },
      kb,
    );
  const inText = (e: Evidence): Evidence => bodyEvidence(e, document.bodyStart);
  const actsOf = (acts: readonly AgreementAct[]) =>
    acts.length > 0 ? { agreementActs: acts.map((a) => ({ ...a, evidence: a.evidence.map(inText) })) } : {};
  if (cleaned.relevance.assessed && !cleaned.relevance.relevant) {
    // An approval names the other side once in a list of the day's ratifications, which the
    // cleaner's names find too little of: an article with an approval word is read for one
    // (its events and relevance stay none); the rest is passed on as it is.
    const lang = kb.languages.get(languageOf(cleaned.lang));
    const acts = lang && mayTellApproval(lang, document.text) ? run().agreementActs : [];
    return {
      extracted: {
        ...cleaned,
        mentions: { actors: [], places: [], dates: [] },
        events: [],
        extractorVersion: EXTRACTOR_VERSION,
        ...actsOf(acts),
      },
      skipped: 'irrelevant',
    };
  }
  const result = run();
  // The cleaner's relevance reads names; an article that names both countries but tells nothing
  // between them (a ranking, an interview, a draft decree) is not about the dyad's events.
  const relevance =
    cleaned.relevance.relevant && result.events.length === 0
      ? {
          ...cleaned.relevance,
          relevant: false,
          reasons: [...cleaned.relevance.reasons, 'no event between the two countries in the text'],
        }
      : cleaned.relevance;
  return {
    extracted: {
      ...cleaned,
      relevance,
      mentions: {
        actors: result.mentions.actors.map((m) => ({ ...m, evidence: inText(m.evidence) })),
        places: result.mentions.places.map((m) => ({ ...m, evidence: inText(m.evidence) })),
        dates: result.mentions.dates.map((m) => ({ ...m, evidence: inText(m.evidence) })),
      },
      events: result.events.map((e) => ({ ...e, evidence: e.evidence.map(inText) })),
      extractorVersion: EXTRACTOR_VERSION,
      ...actsOf(result.agreementActs),
    },
  };
}

/**
 * The headline and the body, read as one document: a headline often names what the body only
 * refers to ("Bourita reçoit l'ambassadrice du Kazakhstan"), and a lead the cleaner took for a title
 * is the news itself. Not twice when the body already opens with it.
 */
function withHeadline(title: string, text: string): { text: string; bodyStart: number } {
  const headline = title.trim();
  if (headline === '' || text.trimStart().startsWith(headline)) return { text, bodyStart: 0 };
  return { text: `${headline}\n\n${text}`, bodyStart: headline.length + 2 };
}

/**
 * Evidence offsets count in the article's text (`article.cleaned.text`). A sentence of the headline
 * keeps its words, with the offsets 0–0 and `@headline` after its field.
 */
function bodyEvidence(e: Evidence, bodyStart: number): Evidence {
  if (bodyStart === 0) return e;
  if (e.start >= bodyStart) return { ...e, start: e.start - bodyStart, end: e.end - bodyStart };
  if (e.start === 0 && e.end === 0 && e.text === '') return e;
  return { ...e, field: `${e.field}@headline`, start: 0, end: 0 };
}

import {
  type Agreement,
  type DateSource,
  type EventReport,
  type EventType,
  type Evidence,
  eventTypeFacts,
  type Participant,
  type RoleReference,
} from '@dyad/contracts';
import type { EventLanguage } from '@dyad/knowledge';
import type { SentenceFacts } from './analyse.ts';
import type { Candidate } from './candidate.ts';
import { addDays, type Precision, partialDateRange } from './date-math.ts';
import { DOCUMENTS, INTERACTIONS, LEAD_SENTENCES, VISITS } from './event-kinds.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import {
  counterpartHolder,
  everHolders,
  type PersonHit,
  resolveRole,
  roleHolders,
  sameName,
  unknownId,
} from './people.ts';

/**
 * The article's own date, the reference for "yesterday" and "28 February": its publication date,
 * a dateline of its text, the fetch time; or only a date its lead mentions (`mentioned`), which
 * tells the year of "28 February" but never dates the news itself (it may be background).
 */
export interface ArticleDate {
  readonly day: string;
  readonly precision: Precision;
  readonly source: 'published' | 'dateline' | 'fetched' | 'mentioned';
}

/** Where the date of news dated by the article itself came from, as an event's date says it. */
const NEWS_DATE_SOURCE: Record<ArticleDate['source'], DateSource | undefined> = {
  published: 'published',
  dateline: 'text',
  fetched: 'fetched',
  mentioned: undefined,
};

// How many days before the article's own day its news may have happened (the resolver's reach for
// a date taken from the publication is the same).
const NEWS_DAY_REACH = 3;

/** Whether the article's date may date its news: any but one only mentioned. */
function datesNews(articleDate: ArticleDate | null): articleDate is ArticleDate {
  return articleDate !== null && articleDate.source !== 'mentioned';
}

interface EventDateValue {
  readonly value: string;
  readonly end?: string;
  readonly precision: Precision;
  readonly source: DateSource;
}

/**
 * The date a candidate's own words give it. A relative one ("on Friday") read against the fetch
 * time is only as good as the fetch time.
 */
function dateOf(c: Candidate, articleDate: ArticleDate | null): EventDateValue | undefined {
  const h = c.date?.hit;
  if (!h) return undefined;
  const source = h.kind === 'relative' && articleDate?.source === 'fetched' ? 'fetched' : 'text';
  return { value: h.value, ...(h.end ? { end: h.end } : {}), precision: h.precision, source };
}

/**
 * The date the article's own news takes when its text gives none: the article's own date (see
 * `referenceDate`). Null when nothing dates it: the event is kept, undated.
 */
function newsDateFromArticle(articleDate: ArticleDate | null): EventDateValue | null {
  if (!datesNews(articleDate)) return null;
  const source = NEWS_DATE_SOURCE[articleDate.source];
  if (!source) return null;
  // "Bourita received the Kazakh ambassador", published on 25 March: the page's day says when the
  // article appeared, not the day of the news (the day before, the weekend before): the news is
  // dated to the month, the source telling where that came from. A dateline is the text's own day.
  if (source !== 'text' && articleDate.precision === 'day')
    return { value: articleDate.day.slice(0, 7), precision: 'month', source };
  return { value: articleValue(articleDate), precision: articleDate.precision, source };
}

function spanOf(d: Pick<EventDateValue, 'value' | 'end'>): { first: string; last: string } {
  return { first: partialDateRange(d.value).first, last: partialDateRange(d.end ?? d.value).last };
}

/**
 * A date after the article's own ("next month", "on 3 December" in a paper of 20 November): a
 * plan, whatever the verb says. The news reports what happened.
 */
function isPlanned(c: Candidate, articleDate: ArticleDate | null): boolean {
  const h = c.date?.hit;
  if (!h) return false;
  if (h.relation === 'next') return true;
  if (articleDate?.source !== 'published' || articleDate.precision !== 'day') return false;
  return partialDateRange(h.value).first > articleDate.day;
}

/** The article's own date, and the sentence its news is told in when nothing dates it (see `isReferred`). */
interface Story {
  readonly articleDate: ArticleDate | null;
  /** The first sentence that tells an undated event, when the article has no date at all. */
  readonly undatedLead?: number;
  /** The first sentence of the lead that tells a plan between the two (`ArticleShape`). */
  readonly planLead?: number;
}

/**
 * A date the article refers back to: "last March", a year alone, or well before the article's own
 * date. In an article with no date of its own, an event its body dates, when its lead already
 * tells one: "Le Kazakhstan s'apprête à ouvrir une ambassade … Les relations diplomatiques ont été
 * établies le 28 mai 1992."
 */
function isReferred(c: Candidate, story: Story): boolean {
  const { articleDate } = story;
  const h = c.date?.hit;
  if (!h) return false;
  if (h.relation === 'past' || c.trigger.earlier) return true;
  // A year-only date is background ("relations established in 1992", "visits in 2025"), also in
  // an article with no date of its own; unless the article itself is dated only by its year.
  if (h.precision === 'year' && !(articleDate?.source === 'published' && articleDate.precision === 'year'))
    return true;
  // "Kazakhstan is to open an embassy in Rabat. … In March 2016, the two ministries met in Rabat":
  // the plan is the news; what the body dates is background, also the date the lead mentions.
  if (!datesNews(articleDate) && story.planLead !== undefined && c.sentence > story.planLead + 1) return true;
  // "X received Y. … The meeting reinforces the ties, like the embassy opened in December 2020."
  if (!articleDate) return story.undatedLead !== undefined && c.sentence > story.undatedLead + 1;
  // Only an article dated to the day tells how old an event is: a page dated "2025-03" may be a
  // wrap-up of the visit of 2 February, or the month the page was stored.
  if (articleDate.precision !== 'day') return false;
  return spanOf(h).last < addDays(articleDate.day, -14);
}

function within(inner: EventDateValue | null, outer: EventDateValue | null): boolean {
  if (!inner || !outer) return false;
  const a = spanOf(inner);
  const b = spanOf(outer);
  return a.first >= b.first && a.last <= b.last;
}

interface Assembled {
  readonly candidate: Candidate;
  /** Null when nothing dates it: the event is kept, undated. */
  date: EventDateValue | null;
  main: boolean;
  fromArticle: boolean;
  readonly merged: Candidate[];
  /** The event whose participants a document adopted during it shares. */
  peopleFrom?: Assembled;
  /** For a position stated at an event: that event, whose people of the stating side voiced it. */
  speakerFrom?: Assembled;
  /** For talks within a visit: the visit, whose people of a side the talks name no one of took part. */
  sidesFrom?: Assembled;
}

/** What the article's lines are, besides its events. */
export interface ArticleShape {
  /** The first line, when it is a headline. */
  readonly headline?: number;
  /** The headline and the subheadings: lines with no final stop. */
  readonly headings: ReadonlySet<number>;
  /**
   * The first line of the lead that tells a plan between the two ("Le Kazakhstan s'apprête à ouvrir
   * une ambassade à Rabat"): in an article with no date, the body's dated events are background.
   */
  readonly planLead?: number;
}

/**
 * Whether an undated "the talks", "итогом переговоров" names an interaction already told. With none
 * told before it, it is news of its own: "Итогом переговоров генерального прокурора Казахстана с
 * министром юстиции Марокко стало соглашение" opens an article with the talks it reports.
 */
function refersBack(c: Candidate, events: readonly Assembled[]): boolean {
  return c.anaphoric && !c.date && events.some((e) => INTERACTIONS.has(e.candidate.type));
}

/** Merges one article's sentence reports into its events: main vs referred, anaphora, documents. */
export function assemble(
  all: readonly Candidate[],
  articleDate: ArticleDate | null,
  shape: ArticleShape = { headings: new Set() },
): Assembled[] {
  const { headline, headings, planLead } = shape;
  // Where the lead tells an undated event, or a plan between the two, before any date of the body
  // is read as the news.
  const undatedEvent = all.find(
    (c) => c.sentence < LEAD_SENTENCES && !c.date && !c.datedBy && !c.anaphoric && !c.trigger.earlier,
  )?.sentence;
  const leads = [undatedEvent, planLead].filter((i) => i !== undefined);
  const undatedLead = leads.length ? Math.min(...leads) : undefined;
  const story: Story = {
    articleDate,
    ...(undatedLead !== undefined ? { undatedLead } : {}),
    ...(planLead !== undefined ? { planLead } : {}),
  };
  const candidates = withoutHeadline(all, story, headline);
  const events: Assembled[] = [];
  let main: Assembled | undefined;
  for (const c of leadFirst(candidates, story)) {
    if (isPlanned(c, articleDate)) continue;
    // "Ont pris part à cet événement …": who attended the event told before; nothing before, nothing.
    if (c.attendance) {
      [...events]
        .reverse()
        .find((e) => e.main)
        ?.merged.push(c);
      continue;
    }
    // "Напомним, президент направил телеграмму соболезнования", "Еске салсақ, …": told as recalled
    // and dated by nothing, an event of its own the article refers back to, never its news.
    if (c.trigger.earlier && !c.date && !c.datedBy) {
      events.push({ candidate: c, date: null, main: false, fromArticle: false, merged: [c] });
      continue;
    }
    if (!main && !isReferred(c, story) && !refersBack(c, events)) {
      const own = dateOf(c, articleDate);
      main = {
        candidate: c,
        date: own ?? newsDateFromArticle(articleDate),
        main: true,
        fromArticle: !own,
        merged: [c],
      };
      events.push(main);
      continue;
    }
    // The main event dated by the article itself takes the first date the text gives it.
    const retold = main?.fromArticle ? dateForUndatedNews(main, c, events, story) : undefined;
    if (main && retold) {
      main.date = retold;
      main.fromArticle = false;
      main.merged.push(c);
      continue;
    }
    // "In the same Joint Statement, the minister, currently on an official visit, …": an article
    // tells one joint statement; an undated mention of another is that one again, wherever it is told.
    const statement =
      c.type === 'joint_statement' && !c.date
        ? events.find((e) => e.candidate.type === 'joint_statement' && sameAgreements(e, c))
        : undefined;
    if (statement) {
      statement.merged.push(c);
      continue;
    }
    const host = c.datedBy ? hostOf(events, c) : undefined;
    const own = dateOf(c, articleDate) ?? host?.date ?? undefined;
    if (!own && host) {
      // A document adopted, or talks held, during an event nothing dates: an event of its own, as
      // undated as its host.
      events.push({
        ...sharedPeople(c, host),
        candidate: c,
        date: null,
        main: host.main,
        fromArticle: false,
        merged: [c],
      });
      continue;
    }
    if (!own) {
      // An undated mention of an interaction is the event last told, told again ("the talks").
      // "The talks" continue the last meeting told, "the visit" the last visit, else the last of either.
      // "En marge de cette visite": the demonstrative names the last one told, news or background.
      const told = [...events]
        .reverse()
        .filter((e) => INTERACTIONS.has(e.candidate.type) && (e.main || c.anaphoric));
      // A visit never continues talks, nor talks a visit: "as part of his official visit to Morocco,
      // X held meetings …" after a lead that told the meetings is the visit they belong to.
      const sameKind = told.find((e) => VISITS.has(e.candidate.type) === VISITS.has(c.type));
      const lastInteraction = sameKind ?? (VISITS.has(c.type) ? undefined : told[0]);
      // "جاء هذا اللقاء في إطار سلسلة الندوات" after a business meeting told as `other`: the
      // demonstrative names that act, not a setting of its own.
      const namesOtherAct = c.anaphoric && main?.candidate.type === 'other';
      const setting =
        !lastInteraction &&
        !namesOtherAct &&
        main !== undefined &&
        (VISITS.has(c.type)
          ? !VISITS.has(main.candidate.type)
          : INTERACTIONS.has(c.type) && !INTERACTIONS.has(main.candidate.type));
      if (setting && main) {
        // "The statement was signed during an official visit", "this position was made official at
        // the end of a meeting between …": the visit or the talks are the setting of the news told
        // before them, an event of their own on its day.
        const setting: Assembled = {
          candidate: c,
          date: main.date,
          main: main.main,
          fromArticle: main.fromArticle,
          merged: [c],
        };
        events.push(setting);
        // "Le Maroc et le Kazakhstan ont scellé une feuille de route. … lors de la visite officielle
        // de Murat Nurtleu, où il s'est entretenu avec Nasser Bourita": a document that names no
        // signatory was signed by the people of its setting.
        if (
          DOCUMENTS.has(main.candidate.type) &&
          !main.peopleFrom &&
          main.merged.every((m) => m.people.length === 0)
        )
          main.peopleFrom = setting;
      } else if (INTERACTIONS.has(c.type) && (lastInteraction ?? main)) {
        // Unless, further on, it names only people that event does not have: "in the same year, a
        // return visit was paid by X" is another event, whose date this sentence does not give.
        const target = (lastInteraction ?? main) as Assembled;
        const next = target.merged.some((m) => m.sentence === c.sentence - 1);
        if (c.continues || next || sharesPeople(target, c)) {
          target.merged.push(c);
          // "Lavrov discussed with his Egyptian colleague … — following the telephone conversation":
          // talks told first without their kind, and placed nowhere, were that call.
          if (
            c.type === 'phone_call' &&
            c.anaphoric &&
            target.candidate.type === 'bilateral_meeting' &&
            !target.merged.some((m) => m.location)
          )
            target.candidate.type = 'phone_call';
        }
      } else if (c.type === 'policy_statement' && main && main.candidate.type !== 'policy_statement') {
        // "On this occasion, X reiterated his country's support for …": a position stated at the
        // news event, an event of its own on its day, where it took place. Not when the article's
        // joint statement carries it: "In the joint statement, Kazakhstan supported …" makes the
        // later "Kazakhstan's support is of particular significance" that statement's.
        const carrier = events.find(
          (e) => e.candidate.type === 'joint_statement' && e.candidate.carriesPosition,
        );
        // The sentence right after a visit or meeting the article refers back to goes on telling it:
        // "In February 2016, the two ministries met in Rabat … The Kazakh side reiterated its support".
        const before = events.find(
          (e) =>
            !e.main &&
            INTERACTIONS.has(e.candidate.type) &&
            e.merged.some((m) => m.sentence === c.sentence - 1),
        );
        const stated = events.find((e) => e.candidate.type === 'policy_statement' && e.date === main?.date);
        if (carrier) carrier.merged.push({ ...c, type: 'joint_statement' });
        else if (before)
          events.push({
            candidate: c,
            date: before.date,
            main: false,
            fromArticle: false,
            merged: [c],
            speakerFrom: before,
          });
        else if (stated) stated.merged.push(c);
        else
          events.push({
            candidate: c,
            date: main.date,
            main: main.main,
            fromArticle: main.fromArticle,
            merged: [c],
            speakerFrom: main,
          });
      } else {
        const same = events.find((e) => e.candidate.type === c.type && sameAgreements(e, c));
        if (same) same.merged.push(c);
        else if (main && DOCUMENTS.has(c.type) && c.agreements.length > 0)
          // "On the sidelines of the forum, the two agencies signed a partnership agreement": a
          // signing told inside the news event is an event of its own, on its day, where it was.
          events.push({
            ...(INTERACTIONS.has(main.candidate.type) ? { peopleFrom: main } : {}),
            candidate: c,
            date: main.date,
            main: main.main,
            fromArticle: main.fromArticle,
            merged: [c],
          });
        else if (main) main.merged.push({ ...c, type: main.candidate.type });
      }
      continue;
    }
    const same = events.find(
      (e) =>
        e.candidate.type === c.type &&
        e.date?.value === own.value &&
        (e.date.end ?? '') === (own.end ?? '') &&
        (c.group === undefined || !e.merged.some((m) => m.group === c.group)) &&
        // "In the same year, a return visit": the same date, other people, another event.
        sharesPeople(e, c),
    );
    if (same) {
      same.merged.push(c);
      continue;
    }
    const contained =
      main && INTERACTIONS.has(main.candidate.type) && main.date?.end && within(own, main.date);
    const sameDayAsMain =
      main &&
      own.precision === 'day' &&
      own.value === main.date?.value &&
      own.precision === main.date.precision;
    // News dated only by the article's own day (to its month) and an event the text dates to that
    // day or just before it: "Документ подписан 28 февраля по итогам переговоров" in a paper of
    // 28 February tells the news's day.
    const newsDay =
      main?.fromArticle === true &&
      articleDate?.precision === 'day' &&
      own.precision === 'day' &&
      own.value <= articleDate.day &&
      own.value >= addDays(articleDate.day, -NEWS_DAY_REACH);
    events.push({
      // A document shares the people of the event it was adopted during; talks have their own.
      ...(host ? sharedPeople(c, host) : {}),
      candidate: c,
      date: own,
      main: Boolean(
        contained ||
          sameDayAsMain ||
          newsDay ||
          (!isReferred(c, story) && !c.datedBy && main?.fromArticle !== true),
      ),
      fromArticle: false,
      merged: [c],
    });
  }
  // A document dated by an interaction shares its main flag.
  for (const e of events) {
    const host = hostOf(events, e.candidate);
    if (host) e.main = host.main;
  }
  // "The members of the delegation met their counterparts" on a day of the article's visit: the
  // visiting party is the visit's.
  const visit = main && VISITS.has(main.candidate.type) && main.date?.end ? main : undefined;
  if (visit)
    for (const e of events)
      if (
        e !== visit &&
        !e.peopleFrom &&
        e.merged.some((m) => m.delegation) &&
        INTERACTIONS.has(e.candidate.type) &&
        !VISITS.has(e.candidate.type) &&
        within(e.date, visit.date)
      )
        e.peopleFrom = visit;
  // "On Thursday, he was received by the head of government": talks or a signing on a day of the
  // article's visit that name only the hosts were held by the visitors too.
  if (visit)
    for (const e of events)
      if (
        e !== visit &&
        !VISITS.has(e.candidate.type) &&
        (INTERACTIONS.has(e.candidate.type) || DOCUMENTS.has(e.candidate.type)) &&
        within(e.date, visit.date)
      )
        e.sidesFrom = visit;
  return headingsJoinTheBody(positionsJoinTheirStatement(events), headings);
}

function sameTime(a: Assembled, b: Assembled): boolean {
  return a.date === null || b.date === null || (a.date.value === b.date.value && a.date.end === b.date.end);
}

/**
 * A position the article's joint statement carries is that statement's, also where the article
 * tells it first: "Nurtleu expressed his country's support for Morocco's sovereignty" (the lead)
 * before "In a Joint Statement, signed by Nurtleu and Bourita …, Kazakhstan expressed its support".
 * Not a position stated at an event ("during the talks, Kazakhstan reiterated its support"), and
 * not when the statement carries none ("they sealed a roadmap … Lors de cette rencontre, le
 * Kazakhstan a réitéré son soutien").
 */
function positionsJoinTheirStatement(events: Assembled[]): Assembled[] {
  const carrier = (e: Assembled) =>
    events.find(
      (t) =>
        t.candidate.type === 'joint_statement' &&
        t.main === e.main &&
        t.merged.some((m) => m.carriesPosition) &&
        sameTime(t, e),
    );
  return events.filter((e) => {
    if (e.candidate.type !== 'policy_statement' || e.speakerFrom) return true;
    const statement = carrier(e);
    if (!statement) return true;
    statement.merged.push(...e.merged.map((m) => ({ ...m, type: 'joint_statement' as const })));
    return false;
  });
}

/** The types a position told in a heading joins, in order: the body's position, else its statement. */
const POSITION_CARRIERS: readonly EventType[] = ['policy_statement', 'joint_statement'];

/**
 * A heading restates the body: "Kazakhstan voices support to Morocco's territorial integrity" (the
 * headline) over "In a Joint Statement, … Kazakhstan expressed its support", or the subheading "Un
 * soutien affirmé à l'intégrité territoriale du Maroc" over "Lors de cette rencontre, le Kazakhstan
 * a réitéré son soutien": the position the body tells, or its statement's, not a second event.
 */
function headingsJoinTheBody(events: Assembled[], headings: ReadonlySet<number>): Assembled[] {
  const onlyHeadings = (e: Assembled) => e.merged.every((m) => headings.has(m.sentence));
  const out = [...events];
  for (const e of events) {
    if (e.candidate.type !== 'policy_statement' || !onlyHeadings(e)) continue;
    const body = out.filter((t) => t !== e && t.main === e.main && !onlyHeadings(t) && sameTime(t, e));
    const target = POSITION_CARRIERS.map((type) => body.find((t) => t.candidate.type === type)).find(
      (t) => t !== undefined,
    );
    if (!target) continue;
    target.merged.push(...e.merged.map((m) => ({ ...m, type: target.candidate.type })));
    out.splice(out.indexOf(e), 1);
  }
  return out;
}

/**
 * The date a candidate gives the article's news when the text has not dated it yet, if the
 * candidate tells that news again:
 * - the same type, dated by its own date, or by the meeting or visit it was adopted during when
 *   that is news;
 * - "the meeting took place on 14 May": an interaction referring back to an interaction;
 * - "X is in Morocco on a working visit. On Wednesday in Rabat he held talks with Y": talks right
 *   after an undated visit.
 */
function dateForUndatedNews(
  main: Assembled,
  c: Candidate,
  events: readonly Assembled[],
  story: Story,
): EventDateValue | undefined {
  const own = c.date && !isReferred(c, story) ? dateOf(c, story.articleDate) : undefined;
  const news = main.candidate.type;
  if (c.type === news) {
    if (c.date) return own;
    const host = hostOf(events, c);
    return host?.main ? (host.date ?? undefined) : undefined;
  }
  if (!own || !INTERACTIONS.has(c.type) || !INTERACTIONS.has(news)) return undefined;
  if (c.anaphoric) return own;
  const talksInVisit = VISITS.has(news) && !VISITS.has(c.type) && c.sentence - main.candidate.sentence <= 2;
  return talksInVisit ? own : undefined;
}

/**
 * A headline restates the news in the present tense ("X and Y sign a memorandum as the minister
 * visits Astana"); when the body dates the news, the headline's events are that news again.
 */
function withoutHeadline(
  candidates: readonly Candidate[],
  story: Story,
  headline: number | undefined,
): readonly Candidate[] {
  if (headline === undefined) return candidates;
  const bodyLead = candidates.some(
    (c) => c.sentence !== headline && c.date?.hit.precision === 'day' && !isReferred(c, story),
  );
  return bodyLead ? candidates.filter((c) => c.sentence !== headline) : candidates;
}

/**
 * A headline or an undated first line restates the news; the first event the text dates (and does
 * not refer back to) is the news. It goes first, so that the undated lines join it rather than
 * becoming an event of their own dated by the article. Two cases keep their order, as the loop
 * merges them itself: the same type told twice, and an undated visit followed by its talks.
 */
function leadFirst(candidates: readonly Candidate[], story: Story): readonly Candidate[] {
  const first = candidates.find((c) => !isReferred(c, story) && !(c.anaphoric && !c.date));
  if (!first || first.date || first.datedBy) return candidates;
  // A day, not "in 2025": a year names a period, not the news of the day.
  // Not "the meeting took place on 14 May": that dates the event told before it.
  const lead = candidates.find(
    (c) => c.date?.hit.precision === 'day' && !c.anaphoric && !isReferred(c, story),
  );
  if (!lead) return candidates;
  const visitThenTalks =
    VISITS.has(first.type) &&
    INTERACTIONS.has(lead.type) &&
    !VISITS.has(lead.type) &&
    lead.sentence - first.sentence <= 2;
  if (lead.type === first.type || visitThenTalks) return candidates;
  return [lead, ...candidates.filter((c) => c !== lead)];
}

/** Whether a candidate names no known person, or one the event already has. */
function sharesPeople(e: Assembled, c: Candidate): boolean {
  const known = c.people.filter((p) => p.person.actorId).map((p) => p.person.actorId);
  if (known.length === 0) return true;
  const ids = new Set(e.merged.flatMap((m) => m.people.map((p) => p.person.actorId)));
  return known.some((id) => ids.has(id));
}

function articleValue(d: ArticleDate): string {
  if (d.precision === 'day') return d.day;
  if (d.precision === 'month') return d.day.slice(0, 7);
  return d.day.slice(0, 4);
}

/** The event a document was adopted during: the one its dating interaction joined. */
function hostOf(events: readonly Assembled[], c: Candidate): Assembled | undefined {
  const by = c.datedBy;
  return by ? events.find((x) => x.merged.includes(by)) : undefined;
}

// What a document is called when the text names no kind: "the document was signed by …".
const GENERIC_DOCUMENT = 'agreement';

/** Whether a candidate names a document the event has, or only "the document", when it has one. */
function sameAgreements(e: Assembled, c: Candidate): boolean {
  const names = new Set(e.merged.flatMap((m) => m.agreements.map((a) => a.name)));
  if (c.agreements.some((a) => names.has(a.name))) return true;
  const generic = (list: Iterable<string>) => [...list].every((n) => n === GENERIC_DOCUMENT);
  const theirs = c.agreements.map((a) => a.name);
  // "Morocco, Kazakhstan sign agreement" (the headline) and "… signed an Islamic cooperation
  // agreement" (the body): one document, named once in full.
  return names.size > 0 && theirs.length > 0 && (generic(theirs) || generic(names));
}

/** The knowledge-base people an article names by name: who "the Kazakh minister" further on may be. */
export function namedPeople(facts: readonly SentenceFacts[]): Set<string> {
  return new Set(
    facts.flatMap((f) => f.people.flatMap((p) => (p.how === 'name' && p.actorId ? [p.actorId] : []))),
  );
}

/** Turns an assembled event into the contract's report, with evidence for every field. */
export function toReport(
  kb: KnowledgeIndex,
  lang: EventLanguage,
  facts: readonly SentenceFacts[],
  e: Assembled,
  mainTopicsFrom: ReadonlySet<number>,
  namedInArticle: ReadonlySet<string>,
): EventReport | null {
  const evidence: Evidence[] = [];
  const cite = (field: string, sentence: number) => {
    const s = facts[sentence]?.sentence;
    if (s && !evidence.some((x) => x.field === field))
      evidence.push({ field, text: s.text, start: s.start, end: s.end });
  };
  const c = e.candidate;
  cite('type', c.sentence);
  const dateSentence =
    e.merged.find((m) => m.date)?.date?.sentence ?? c.datedBy?.date?.sentence ?? c.sentence;
  if (e.fromArticle && e.date) evidence.push({ field: 'date:article', text: '', start: 0, end: 0 });
  else if (e.date) cite('date', dateSentence);
  const dateForRoles = e.date?.value;
  const { participants, references, cited } = peopleOf(kb, lang, e, dateForRoles, namedInArticle);
  // A position stated at a meeting or a visit, by a side the sentence names and no one: the people
  // of that side who were there ("Kazakhstan reiterated its support" during Nurtleu's visit).
  const side = c.type === 'policy_statement' ? statingSide(kb, facts, c.sentence) : undefined;
  if (participants.length === 0 && e.speakerFrom && side) {
    const there = peopleOf(kb, lang, e.speakerFrom, dateForRoles, namedInArticle);
    for (const p of there.participants.filter((x) => x.country === side)) {
      participants.push(p);
      cited.push({ field: `participants[${p.actorId}]:speaker`, sentence: c.sentence });
    }
  }
  // Talks within a visit that name only one side ("he was received by the head of government"):
  // the visitors of the other side were there.
  if (e.sidesFrom && participants.length > 0) {
    const sides = new Set(participants.map((p) => p.country));
    const visit = peopleOf(kb, lang, e.sidesFrom, e.sidesFrom.date?.value, namedInArticle);
    for (const p of visit.participants.filter((x) => !sides.has(x.country))) {
      participants.push(p);
      cited.push({ field: `participants[${p.actorId}]:visitor`, sentence: e.sidesFrom.candidate.sentence });
    }
  }
  const seen = new Set(participants.map((p) => p.actorId));
  for (const x of cited) cite(x.field, x.sentence);
  // "The minister" beside a named minister is most likely that minister: no reference then.
  const open = references.filter((r) => !r.reference.candidates.some((id) => seen.has(id)));
  for (const r of open) cite(`references[${r.reference.office}]`, r.sentence);
  // A document adopted during a meeting or a visit was adopted where it took place; a position
  // stated there, stated there.
  const location =
    e.merged.map((m) => m.location).find((l) => l?.country) ??
    e.peopleFrom?.merged.map((m) => m.location).find((l) => l?.country) ??
    e.speakerFrom?.merged.map((m) => m.location).find((l) => l?.country);
  if (location) cite('location', location.sentence);
  const topics = new Set<string>();
  const sentences = new Set(e.merged.flatMap((m) => [...m.sentences]));
  if (e.main && e.candidate === e.merged[0] && mainTopicsFrom.size > 0)
    for (const s of mainTopicsFrom) sentences.add(s);
  for (const s of [...sentences].sort((a, b) => a - b)) {
    for (const t of facts[s]?.topics ?? []) {
      if (!topics.has(t)) cite(`topics[${t}]`, s);
      topics.add(t);
    }
  }
  const agreements: Agreement[] = [];
  const named = e.merged.some((m) => m.agreements.some((a) => a.name !== GENERIC_DOCUMENT));
  for (const m of e.merged) {
    for (const a of m.agreements) {
      // "the agreement" beside its full name is that one.
      if (agreements.some((x) => x.name === a.name) || (named && a.name === GENERIC_DOCUMENT)) continue;
      agreements.push({
        name: a.name,
        status: a.status,
        ...(a.status !== 'planned' && e.date ? { date: e.date.value } : {}),
      });
      cite(`agreements[${a.name}]`, a.sentence);
    }
  }
  if (agreements.some((a) => a.name === 'visa waiver agreement')) topics.add('visa');
  if (c.type === 'parliamentary_meeting') topics.add('parliament');
  const names = participants.map((p) => p.names.en ?? p.name);
  const summary = `${eventTypeFacts[c.type].label.en}${names.length ? `: ${names.join(', ')}` : ''}${location ? ` (${location.name})` : ''}`;
  return {
    type: c.type,
    cameo: eventTypeFacts[c.type].cameo,
    date: e.date
      ? {
          value: e.date.value,
          ...(e.date.end ? { end: e.date.end } : {}),
          precision: e.date.precision,
          source: e.date.source,
        }
      : null,
    ...(location ? { location: { name: location.name, country: location.country } } : {}),
    participants,
    ...(open.length ? { references: open.map((r) => r.reference) } : {}),
    topics: [...topics].sort(),
    agreements,
    main: e.main,
    summary,
    evidence,
  };
}

/**
 * What an event adopted or stated during another takes of its people: a document all of them (its
 * signatories are those who met); a position only the stating side's ("during the talks, Kazakhstan
 * expressed its support"); talks their own.
 */
function sharedPeople(c: Candidate, host: Assembled): Pick<Assembled, 'peopleFrom' | 'speakerFrom'> {
  if (c.type === 'policy_statement') return { speakerFrom: host };
  return INTERACTIONS.has(c.type) ? {} : { peopleFrom: host };
}

/** The people of an event (its own sentences', and those of the event it shares them with). */
function peopleOf(
  kb: KnowledgeIndex,
  lang: EventLanguage,
  e: Assembled,
  dateForRoles: string | undefined,
  namedInArticle: ReadonlySet<string>,
): {
  participants: Participant[];
  references: { reference: RoleReference; sentence: number }[];
  cited: { field: string; sentence: number }[];
} {
  const participants: Participant[] = [];
  const references: { reference: RoleReference; sentence: number }[] = [];
  const cited: { field: string; sentence: number }[] = [];
  const seen = new Set<string>();
  for (const m of [...e.merged, ...(e.peopleFrom?.merged ?? [])]) {
    for (const { person, sentence } of m.people) {
      const p = participant(kb, lang, person, dateForRoles, namedInArticle);
      if (!p) continue;
      if ('reference' in p) {
        const key = p.reference.candidates.join(',');
        if (!references.some((r) => r.reference.candidates.join(',') === key))
          references.push({ reference: p.reference, sentence });
        continue;
      }
      if (seen.has(p.participant.actorId)) continue;
      seen.add(p.participant.actorId);
      participants.push(p.participant);
      cited.push({ field: `participants[${p.participant.actorId}]${p.byRole ? ':by-role' : ''}`, sentence });
    }
  }
  return { participants, references, cited };
}

/** The side whose position a sentence states: the first of the dyad it names ("Kazakhstan reiterated its support for Morocco's …"). */
function statingSide(
  kb: KnowledgeIndex,
  facts: readonly SentenceFacts[],
  sentence: number,
): string | undefined {
  return [...(facts[sentence]?.countries ?? [])].find((c) => kb.dyad.includes(c));
}

function participant(
  kb: KnowledgeIndex,
  lang: EventLanguage,
  person: PersonHit,
  date: string | undefined,
  namedInArticle: ReadonlySet<string>,
): { participant: Participant; byRole: boolean } | { reference: RoleReference } | null {
  const [a, b] = kb.dyad;
  let id = person.actorId;
  let byRole = false;
  if (!id && person.how === 'unknown' && person.office && person.country && person.name) {
    // "the Kazakh ambassador, Saulekol Saïlaoukiéva": the office holder, if the name is a spelling of hers.
    const toCountry =
      person.toCountry ?? (person.office === 'ambassador' ? (person.country === a ? b : a) : undefined);
    // At the event's date the office has one holder to check the name against; undated, the name
    // picks among everyone who ever held it.
    const phrase = { ...person, ...(toCountry ? { toCountry } : {}) };
    const holders = date
      ? [resolveRole(kb, phrase, date)].filter((h) => h !== undefined)
      : everHolders(kb, phrase);
    const named = holders.filter((h) => {
      const actor = kb.actors.get(h);
      return actor !== undefined && sameName(person.name ?? '', Object.values(actor.names).flat());
    });
    if (named.length === 1) {
      id = named[0];
      byRole = true;
    }
  }
  if (!id && person.how === 'counterpart' && date) {
    id = counterpartHolder(kb, person, date);
    byRole = id !== undefined;
  }
  if (!id && person.how === 'role') {
    const toCountry =
      person.toCountry ??
      (person.office === 'ambassador' && person.country ? (person.country === a ? b : a) : undefined);
    const phrase = { ...person, ...(toCountry ? { toCountry } : {}) };
    const holders = roleHolders(kb, phrase, date);
    // "Murat Nurtleu … the Kazakh Deputy Prime Minister, currently on an official visit": of those
    // who held the office then (or ever, when the article gives no date), the one the article names.
    const named = (date ? holders : everHolders(kb, phrase)).filter((h) => namedInArticle.has(h));
    if (holders.length === 1) {
      id = holders[0];
      byRole = true;
    } else if (named.length === 1) {
      id = named[0];
      byRole = true;
    } else if (holders.length > 1 && !person.country && person.office) {
      return { reference: { office: person.office, candidates: holders } };
    }
  }
  if (id) {
    const actor = kb.actors.get(id);
    if (!actor) return null;
    const names = {
      ...(actor.names.ar?.[0] ? { ar: actor.names.ar[0] } : {}),
      ...(actor.names.fr?.[0] ? { fr: actor.names.fr[0] } : {}),
      ...(actor.names.en?.[0] ? { en: actor.names.en[0] } : {}),
      ...(actor.names.ru?.[0] ? { ru: actor.names.ru[0] } : {}),
    };
    const role =
      person.office ??
      (date
        ? actor.roles.find((r) => partialDateRange(date).first >= (r.from ?? '0000'))?.office
        : undefined);
    return {
      participant: {
        actorId: id,
        name: (lang === 'kk' ? actor.names.kk?.[0] : names[lang]) ?? names.en ?? id,
        names,
        ...(role ? { role } : {}),
        country: actor.country,
      },
      byRole,
    };
  }
  if (person.how === 'unknown' && person.name && person.country && kb.dyad.includes(person.country)) {
    return {
      participant: {
        actorId: unknownId(person.name),
        name: person.name,
        names: { [lang]: person.name },
        ...(person.office ? { role: person.office } : {}),
        country: person.country,
      },
      byRole: false,
    };
  }
  return null;
}

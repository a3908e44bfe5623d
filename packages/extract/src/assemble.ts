/**
 * Article assembly: one article's candidates merged into its events, the news told apart from what
 * it refers back to.
 */
import type { EventType } from '@dyad/contracts';
import {
  type Assembled,
  hostOf,
  refersBack,
  sameAgreements,
  sameTime,
  sharedPeople,
  sharesPeople,
} from './assembled.ts';
import type { Candidate } from './candidate.ts';
import { addDays } from './date-math.ts';
import { DOCUMENTS, INTERACTIONS, LEAD_SENTENCES, VISITS } from './event-kinds.ts';
import {
  type ArticleDate,
  dateOf,
  type EventDateValue,
  isPlanned,
  isReferred,
  NEWS_DAY_REACH,
  newsDateFromArticle,
  type Story,
  within,
} from './news-date.ts';

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

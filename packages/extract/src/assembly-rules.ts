/**
 * The rules that place one candidate among the article's events, tried in order (`ASSEMBLY_RULES`):
 * each says whether it placed the candidate (or dropped it), else the next one is tried. Each names
 * the case it handles with the example it was written for.
 */
import {
  type Assembled,
  hostOf,
  namesOthersOfASide,
  refersBack,
  sameAgreements,
  sharedPeople,
  sharesPeople,
} from './assembled.ts';
import type { Candidate } from './candidate.ts';
import { addDays } from './date-math.ts';
import { DOCUMENTS, INTERACTIONS, VISITS } from './event-kinds.ts';
import {
  dateOf,
  type EventDateValue,
  isPlanned,
  isReferred,
  NEWS_DAY_REACH,
  newsDateFromArticle,
  olderThanNews,
  type Story,
  within,
} from './news-date.ts';

/** What the assembly has built so far: the article's events, the first of them its news. */
export interface Assembly {
  readonly story: Story;
  readonly events: Assembled[];
  /** The article's news, once a candidate has told it. */
  main: Assembled | undefined;
}

/** Places a candidate in the assembly, or drops it, and says so; false leaves it to the next rule. */
type AssemblyRule = (candidate: Candidate, assembly: Assembly) => boolean;

/** The rules, in the order they are tried; the last one places every candidate left. */
export const ASSEMBLY_RULES: readonly AssemblyRule[] = [
  plansAreNoNews,
  attendanceJoinsLastNews,
  recalledUndated,
  firstNews,
  undatedNewsTakesFirstDate,
  sameJointStatement,
  documentDuringUndatedHost,
  // Undated, and held or adopted during nothing dated:
  settingOfTheNews,
  talksDuringTheVisit,
  undatedMentionJoinsLastTold,
  positionInTheJointStatement,
  positionAfterReferredInteraction,
  positionStatedAgain,
  positionAtTheNews,
  undatedSameEvent,
  signingAtTheNews,
  undatedJoinsTheNews,
  // Dated:
  sameEventSameDate,
  newEvent,
];

/** "… will visit Rabat next month", "le 3 décembre" in a paper of 20 November: a plan, no event. */
function plansAreNoNews(candidate: Candidate, { story }: Assembly): boolean {
  return isPlanned(candidate, story.articleDate);
}

/** "Ont pris part à cet événement …": who attended the event told before; nothing before, nothing. */
function attendanceJoinsLastNews(candidate: Candidate, { events }: Assembly): boolean {
  if (!candidate.attendance) return false;
  [...events]
    .reverse()
    .find((e) => e.main)
    ?.merged.push(candidate);
  return true;
}

/**
 * "Напомним, президент направил телеграмму соболезнования", "Еске салсақ, …": told as recalled
 * and dated by nothing, an event of its own the article refers back to, never its news.
 */
function recalledUndated(candidate: Candidate, { events }: Assembly): boolean {
  if (!candidate.trigger.earlier || candidate.date || candidate.datedBy) return false;
  events.push({ candidate, date: null, main: false, fromArticle: false, merged: [candidate] });
  return true;
}

/**
 * The first event neither referred back to ("in March 2016, the two ministries met") nor referring
 * back ("the talks") is the news, on the date its words give it, else on the article's.
 */
function firstNews(candidate: Candidate, assembly: Assembly): boolean {
  const { story, events } = assembly;
  if (assembly.main || isReferred(candidate, story) || refersBack(candidate, events)) return false;
  const own = dateOf(candidate, story.articleDate);
  assembly.main = {
    candidate,
    date: own ?? newsDateFromArticle(story.articleDate),
    main: true,
    fromArticle: !own,
    merged: [candidate],
  };
  events.push(assembly.main);
  return true;
}

/**
 * The main event dated by the article itself takes the first date the text gives it: "the meeting
 * took place on 14 May" (see `dateForUndatedNews`).
 */
function undatedNewsTakesFirstDate(candidate: Candidate, { main, events, story }: Assembly): boolean {
  const retold = main?.fromArticle ? dateForUndatedNews(main, candidate, events, story) : undefined;
  if (!main || !retold) return false;
  main.date = retold;
  main.fromArticle = false;
  main.merged.push(candidate);
  // "X is in Morocco on a working visit. On Wednesday in Rabat he held talks with Y": the talks date
  // the visit, count those met among its people (as `talksDuringTheVisit`), and are an event of
  // their own within it. Not "the meeting took place on 14 May", which dates the talks told before.
  return !(main.candidate.type === 'official_visit' && !VISITS.has(candidate.type) && !candidate.anaphoric);
}

/**
 * "In the same Joint Statement, the minister, currently on an official visit, …": an article tells
 * one joint statement; an undated mention of another is that one again, wherever it is told.
 */
function sameJointStatement(candidate: Candidate, { events }: Assembly): boolean {
  const statement =
    candidate.type === 'joint_statement' && !candidate.date
      ? events.find((e) => e.candidate.type === 'joint_statement' && sameAgreements(e, candidate))
      : undefined;
  if (!statement) return false;
  statement.merged.push(candidate);
  return true;
}

/**
 * A document adopted, or talks held, during an event nothing dates: an event of its own, as undated
 * as its host.
 */
function documentDuringUndatedHost(candidate: Candidate, assembly: Assembly): boolean {
  const host = hostOf(assembly.events, candidate);
  if (!host || ownDate(candidate, assembly)) return false;
  assembly.events.push({
    ...sharedPeople(candidate, host),
    candidate,
    date: null,
    main: host.main,
    fromArticle: false,
    merged: [candidate],
  });
  return true;
}

/**
 * "The statement was signed during an official visit", "this position was made official at the end
 * of a meeting between …": undated talks or a visit told after news that is neither, and continuing
 * no interaction told, are the setting of that news, an event of their own on its day.
 */
function settingOfTheNews(candidate: Candidate, assembly: Assembly): boolean {
  const { main, events } = assembly;
  if (!main || ownDate(candidate, assembly) || lastToldInteraction(candidate, events)) return false;
  // "جاء هذا اللقاء في إطار سلسلة الندوات" after a business meeting told as `other`: the
  // demonstrative names that act, not a setting of its own.
  if (candidate.anaphoric && main.candidate.type === 'other') return false;
  const setsTheNews = VISITS.has(candidate.type)
    ? !VISITS.has(main.candidate.type)
    : INTERACTIONS.has(candidate.type) && !INTERACTIONS.has(main.candidate.type);
  if (!setsTheNews) return false;
  const setting: Assembled = {
    candidate,
    date: main.date,
    main: main.main,
    fromArticle: main.fromArticle,
    merged: [candidate],
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
  return true;
}

/**
 * "Lavrov began his African tour with a visit to Egypt. He held talks with President al-Sisi. He
 * also met his counterpart Sameh Shoukry": talks told after the news's visit, not as "the talks"
 * told again, that name someone of the visited side, are events of their own during the visit (on
 * its date, the visitors taking part); the visit counts those it met among its people.
 */
function talksDuringTheVisit(candidate: Candidate, assembly: Assembly): boolean {
  const { main, events } = assembly;
  // A trip, not an ambassador's call, whose talks are the call told again.
  if (main?.candidate.type !== 'official_visit' || ownDate(candidate, assembly)) return false;
  if (!INTERACTIONS.has(candidate.type) || VISITS.has(candidate.type) || candidate.anaphoric) return false;
  // After the visit, or after talks during it with other people ("He also met …").
  const last = lastToldInteraction(candidate, events);
  if (last !== main && !(last?.sidesFrom === main && !sharesPeople(last, candidate))) return false;
  const visitors = new Set(
    main.merged.flatMap((m) => m.people.map((p) => p.person.country)).filter((c) => c !== undefined),
  );
  const hosts = main.merged.map((m) => m.location?.country).find((c) => c !== undefined);
  const hostNamed = candidate.people.some(
    ({ person }) =>
      person.country !== undefined && (person.country === hosts || !visitors.has(person.country)),
  );
  if (!hostNamed || visitors.size === 0) return false;
  events.push({
    candidate,
    date: main.date,
    main: main.main,
    fromArticle: main.fromArticle,
    merged: [candidate],
    sidesFrom: main,
  });
  // The hosts met are the visit's participants too (its people are the visitors and those they met).
  main.merged.push(candidate);
  return true;
}

/**
 * An undated mention of an interaction is the event last told, told again ("the talks"); unless,
 * further on, it names only people that event does not have: "in the same year, a return visit was
 * paid by X" is another event, whose date this sentence does not give (dropped).
 */
function undatedMentionJoinsLastTold(candidate: Candidate, assembly: Assembly): boolean {
  if (ownDate(candidate, assembly) || !INTERACTIONS.has(candidate.type)) return false;
  const target = lastToldInteraction(candidate, assembly.events) ?? assembly.main;
  if (!target) return false;
  const next = target.merged.some((m) => m.sentence === candidate.sentence - 1);
  // "Later in the day, Lavrov held talks with his counterpart Shoukry" after his meeting with
  // al-Sisi: other talks that day, with another host. "The two ministers attended the closing session
  // of the joint military committee" after their talks: the joint body's own meeting.
  if (
    !candidate.anaphoric &&
    !VISITS.has(candidate.type) &&
    !VISITS.has(target.candidate.type) &&
    (namesOthersOfASide(target, candidate) || jointBodyApart(target, candidate))
  ) {
    assembly.events.push({
      candidate,
      date: target.date,
      main: target.main,
      fromArticle: target.fromArticle,
      merged: [candidate],
      ...(target.sidesFrom ? { sidesFrom: target.sidesFrom } : {}),
    });
    return true;
  }
  if (candidate.continues || next || sharesPeople(target, candidate)) {
    target.merged.push(candidate);
    // "Lavrov discussed with his Egyptian colleague … — following the telephone conversation":
    // talks told first without their kind, and placed nowhere, were that call.
    if (
      candidate.type === 'phone_call' &&
      candidate.anaphoric &&
      target.candidate.type === 'bilateral_meeting' &&
      !target.merged.some((m) => m.location)
    )
      target.candidate.type = 'phone_call';
  }
  return true;
}

/**
 * The interaction an undated mention continues: "The talks" continue the last meeting told, "the
 * visit" the last visit, else the last of either; of the news only, unless it names one ("En marge
 * de cette visite": the demonstrative names the last one told, news or background).
 */
function lastToldInteraction(candidate: Candidate, events: readonly Assembled[]): Assembled | undefined {
  const told = [...events]
    .reverse()
    .filter((e) => INTERACTIONS.has(e.candidate.type) && (e.main || candidate.anaphoric));
  // A visit never continues talks, nor talks a visit: "as part of his official visit to Morocco,
  // X held meetings …" after a lead that told the meetings is the visit they belong to.
  const sameKind = told.find((e) => VISITS.has(e.candidate.type) === VISITS.has(candidate.type));
  return sameKind ?? (VISITS.has(candidate.type) ? undefined : told[0]);
}

/**
 * The news an undated position was stated at: "On this occasion, X reiterated his country's support
 * for …", when the news is no position itself.
 */
function newsOfUndatedPosition(candidate: Candidate, assembly: Assembly): Assembled | undefined {
  const { main } = assembly;
  if (candidate.type !== 'policy_statement' || !main || main.candidate.type === 'policy_statement')
    return undefined;
  return ownDate(candidate, assembly) ? undefined : main;
}

/**
 * "In the joint statement, Kazakhstan supported …" makes the later "Kazakhstan's support is of
 * particular significance" that statement's.
 */
function positionInTheJointStatement(candidate: Candidate, assembly: Assembly): boolean {
  if (!newsOfUndatedPosition(candidate, assembly)) return false;
  const carrier = assembly.events.find(
    (e) => e.candidate.type === 'joint_statement' && e.candidate.carriesPosition,
  );
  if (!carrier) return false;
  carrier.merged.push({ ...candidate, type: 'joint_statement' });
  return true;
}

/**
 * The sentence right after a visit or meeting the article refers back to goes on telling it: "In
 * February 2016, the two ministries met in Rabat … The Kazakh side reiterated its support". Not one
 * someone of the news recalls in their words ("…، مستحضرا الزيارة الرسمية التي قام بها كوشانوف …
 * من جهته، أعرب أشيمباييف …"): the talks go on after it.
 */
function positionAfterReferredInteraction(candidate: Candidate, assembly: Assembly): boolean {
  if (!newsOfUndatedPosition(candidate, assembly)) return false;
  const before = assembly.events.find(
    (e) =>
      !e.main &&
      INTERACTIONS.has(e.candidate.type) &&
      !e.candidate.recalledInSpeech &&
      e.merged.some((m) => m.sentence === candidate.sentence - 1),
  );
  if (!before) return false;
  assembly.events.push({
    candidate,
    date: before.date,
    main: false,
    fromArticle: false,
    merged: [candidate],
    speakerFrom: before,
  });
  return true;
}

/**
 * A position told again at the news: the one stated there already by the same side. "The President
 * praised the Russian position … President Putin also lauded the Egyptian efforts": two positions.
 */
function positionStatedAgain(candidate: Candidate, assembly: Assembly): boolean {
  const main = newsOfUndatedPosition(candidate, assembly);
  if (!main) return false;
  const sameSide = (other: Candidate) =>
    other.statedBy === undefined || candidate.statedBy === undefined || other.statedBy === candidate.statedBy;
  const stated = assembly.events.find(
    (e) => e.candidate.type === 'policy_statement' && e.date === main.date && sameSide(e.candidate),
  );
  if (!stated) return false;
  stated.merged.push(candidate);
  return true;
}

/**
 * "On this occasion, X reiterated his country's support for …": a position stated at the news
 * event, an event of its own on its day, where it took place.
 */
function positionAtTheNews(candidate: Candidate, assembly: Assembly): boolean {
  const main = newsOfUndatedPosition(candidate, assembly);
  if (!main) return false;
  assembly.events.push({
    candidate,
    date: main.date,
    main: main.main,
    fromArticle: main.fromArticle,
    merged: [candidate],
    speakerFrom: main,
  });
  return true;
}

/** "Morocco, Kazakhstan sign agreement" after "… signed an Islamic cooperation agreement": that one again. */
function undatedSameEvent(candidate: Candidate, assembly: Assembly): boolean {
  if (ownDate(candidate, assembly)) return false;
  // "Un accord de coopération stratégique a été signé … Cet accord de partenariat global …, signé par
  // les deux dirigeants": "this agreement" is the one last told, whatever name it gives it now.
  const same =
    assembly.events.find((e) => e.candidate.type === candidate.type && sameAgreements(e, candidate)) ??
    (candidate.namesDocumentTold && DOCUMENTS.has(candidate.type)
      ? assembly.events.findLast((e) => e.candidate.type === candidate.type)
      : undefined);
  if (!same) return false;
  same.merged.push(candidate);
  return true;
}

/**
 * "On the sidelines of the forum, the two agencies signed a partnership agreement": a signing told
 * inside the news event is an event of its own, on its day, where it was.
 */
function signingAtTheNews(candidate: Candidate, assembly: Assembly): boolean {
  const { main } = assembly;
  if (
    !main ||
    ownDate(candidate, assembly) ||
    !DOCUMENTS.has(candidate.type) ||
    candidate.agreements.length === 0
  )
    return false;
  assembly.events.push({
    ...(INTERACTIONS.has(main.candidate.type) ? { peopleFrom: main } : {}),
    candidate,
    date: main.date,
    main: main.main,
    fromArticle: main.fromArticle,
    merged: [candidate],
  });
  return true;
}

/** Any other undated mention tells the news again, as the news's type; with no news yet, nothing. */
function undatedJoinsTheNews(candidate: Candidate, assembly: Assembly): boolean {
  if (ownDate(candidate, assembly)) return false;
  const { main } = assembly;
  if (main) main.merged.push({ ...candidate, type: main.candidate.type });
  return true;
}

/**
 * The same type on the same date with people in common is the same event. "In the same year, a
 * return visit": the same date, other people, another event.
 */
/** A joint body's session told after other talks. */
function jointBodyApart(target: Assembled, candidate: Candidate): boolean {
  return candidate.trigger.jointBody === true && !target.merged.some((m) => m.trigger.jointBody);
}

function sameEventSameDate(candidate: Candidate, assembly: Assembly): boolean {
  const own = ownDate(candidate, assembly);
  if (!own) return false;
  const same = assembly.events.find(
    (e) =>
      e.candidate.type === candidate.type &&
      e.date?.value === own.value &&
      (e.date.end ?? '') === (own.end ?? '') &&
      (candidate.group === undefined || !e.merged.some((m) => m.group === candidate.group)) &&
      sharesPeople(e, candidate) &&
      (VISITS.has(candidate.type) || (!namesOthersOfASide(e, candidate) && !jointBodyApart(e, candidate))),
  );
  if (!same) return false;
  same.merged.push(candidate);
  return true;
}

/**
 * A dated event of its own: news when it falls within the news's visit or on its day, or is the
 * news's day itself, else when neither referred back to nor dated by another.
 */
function newEvent(candidate: Candidate, assembly: Assembly): boolean {
  const { main, story, events } = assembly;
  const { articleDate } = story;
  const own = ownDate(candidate, assembly);
  if (!own) return false;
  const host = hostOf(events, candidate);
  const contained = main && INTERACTIONS.has(main.candidate.type) && main.date?.end && within(own, main.date);
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
    ...(host ? sharedPeople(candidate, host) : {}),
    candidate,
    date: own,
    main: Boolean(
      contained ||
        sameDayAsMain ||
        newsDay ||
        (!isReferred(candidate, story) && !candidate.datedBy && main?.fromArticle !== true),
    ),
    fromArticle: false,
    merged: [candidate],
  });
  return true;
}

/** The date a candidate's words give it, else the date of the event it was held or adopted during. */
function ownDate(candidate: Candidate, { events, story }: Assembly): EventDateValue | undefined {
  return dateOf(candidate, story.articleDate) ?? hostOf(events, candidate)?.date ?? undefined;
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
  // Not a call (no one phones the hosts they are visiting), nor talks older than the article.
  const talksInVisit =
    VISITS.has(news) &&
    !VISITS.has(c.type) &&
    c.type !== 'phone_call' &&
    !olderThanNews(c, story) &&
    c.sentence - main.candidate.sentence <= 2;
  return talksInVisit ? own : undefined;
}

/**
 * Article assembly: one article's candidates merged into its events, the news told apart from what
 * it refers back to.
 */
import type { EventType } from '@dyad/contracts';
import { type Assembled, hostOf, sameTime } from './assembled.ts';
import { ASSEMBLY_RULES, type Assembly } from './assembly-rules.ts';
import type { Candidate } from './candidate.ts';
import { DOCUMENTS, INTERACTIONS, LEAD_SENTENCES, VISITS } from './event-kinds.ts';
import { type ArticleDate, isReferred, olderThanNews, type Story, within } from './news-date.ts';

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
  const story = storyOf(all, articleDate, planLead);
  const candidates = withoutHeadline(all, story, headline);
  const assembly: Assembly = { story, events: [], main: undefined };
  for (const candidate of leadFirst(candidates, story))
    ASSEMBLY_RULES.some((rule) => rule(candidate, assembly));
  const { events, main } = assembly;
  documentsShareTheirHostsMainFlag(events);
  // A visit of several days, or of one day the text gives ("On Monday he began a visit …").
  const visit =
    main &&
    VISITS.has(main.candidate.type) &&
    (main.date?.end || (main.date?.precision === 'day' && !main.fromArticle))
      ? main
      : undefined;
  if (visit) {
    delegationJoinsTheVisit(events, visit);
    visitorsJoinTheHostsTalks(events, visit);
  }
  return headingsJoinTheBody(positionsJoinTheirStatement(events), headings);
}

/**
 * The article's date, and where its lead tells an undated event, or a plan between the two, before
 * any date of the body is read as the news.
 */
function storyOf(
  all: readonly Candidate[],
  articleDate: ArticleDate | null,
  planLead: number | undefined,
): Story {
  const undatedEvent = all.find(
    (c) => c.sentence < LEAD_SENTENCES && !c.date && !c.datedBy && !c.anaphoric && !c.trigger.earlier,
  )?.sentence;
  const leads = [undatedEvent, planLead].filter((i) => i !== undefined);
  const undatedLead = leads.length ? Math.min(...leads) : undefined;
  return {
    articleDate,
    ...(undatedLead !== undefined ? { undatedLead } : {}),
    ...(planLead !== undefined ? { planLead } : {}),
  };
}

/** A document dated by an interaction shares its main flag. */
function documentsShareTheirHostsMainFlag(events: readonly Assembled[]): void {
  for (const e of events) {
    const host = hostOf(events, e.candidate);
    if (host) e.main = host.main;
  }
}

/**
 * "The members of the delegation met their counterparts" on a day of the article's visit (news that
 * is a visit of several days): the visiting party is the visit's.
 */
function delegationJoinsTheVisit(events: readonly Assembled[], visit: Assembled): void {
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
}

/**
 * "On Thursday, he was received by the head of government": talks or a signing on a day of the
 * article's visit that name only the hosts were held by the visitors too.
 */
function visitorsJoinTheHostsTalks(events: readonly Assembled[], visit: Assembled): void {
  for (const e of events)
    if (
      e !== visit &&
      !VISITS.has(e.candidate.type) &&
      (INTERACTIONS.has(e.candidate.type) || DOCUMENTS.has(e.candidate.type)) &&
      within(e.date, visit.date)
    )
      e.sidesFrom = visit;
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
  // "بوتين هنأ السيسي" over "Putin called al-Sisi and congratulated him": undated, the headline's
  // people all in the body's news, it tells that news in other words.
  const known = (c: Candidate) => c.people.map((p) => p.person.actorId).filter((id) => id !== undefined);
  const told = candidates.filter((c) => c.sentence === headline);
  const body = candidates.find((c) => c.sentence !== headline && !isReferred(c, story));
  const retold =
    body !== undefined &&
    told.length > 0 &&
    told.every((c) => !c.date && known(c).length > 0 && known(c).every((id) => known(body).includes(id)));
  if (!(bodyLead || retold)) return candidates;
  // "الرئيس السيسى يستقبل وزير خارجية روسيا فى مستهل زيارته لمصر" over a body that tells only the
  // talks: the visit the headline tells is news the body does not restate.
  const bodyVisit = candidates.some(
    (c) => c.sentence !== headline && VISITS.has(c.type) && !isReferred(c, story),
  );
  return candidates.filter((c) => c.sentence !== headline || (!bodyVisit && VISITS.has(c.type) && !c.date));
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
  // Not one days older than the article (`olderThanNews`): the undated first line is its news.
  const lead = candidates.find(
    (c) =>
      c.date?.hit.precision === 'day' && !c.anaphoric && !isReferred(c, story) && !olderThanNews(c, story),
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

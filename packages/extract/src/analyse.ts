import type { TriggerType } from '@dyad/knowledge';
import { longestNonOverlapping, type Match, type Token } from '@dyad/text';
import { type DateHit, type DateReference, findDates } from './dates.ts';
import type { CueHit, CueKind, EntityHit, KnowledgeIndex, LanguageIndex } from './knowledge-index.ts';
import { findPeople, type PersonHit, possessiveAt } from './people.ts';
import type { Sentence } from './sentences.ts';

export interface TriggerHit {
  readonly type: TriggerType;
  readonly tokStart: number;
  readonly tokEnd: number;
  /** "this visit", "cette rencontre": the event named before. */
  readonly anaphoric: boolean;
  /** A future plan or a denial governs it: not an event. */
  readonly unreal: boolean;
  /** "the visits of": one visit per person named with it. */
  readonly plural?: boolean;
  /** In a relative clause ("who is on a visit"): the setting, not the sentence's own event. */
  readonly background?: boolean;
  /** Told in the pluperfect or as "earlier": a past event referred to. */
  readonly earlier?: boolean;
  /**
   * A meeting word with a joint body of the two named right after it ("the fifth meeting of the joint
   * committee", "للاجتماع الخامس للجنة العسكرية"): that body's session, a meeting of its own.
   */
  readonly jointBody?: boolean;
}

export interface PlaceHit {
  readonly name: string;
  readonly country: string;
  readonly tokStart: number;
  readonly tokEnd: number;
}

/** Everything found in one sentence. */
export interface SentenceFacts {
  readonly sentence: Sentence;
  readonly entities: readonly Match<EntityHit>[];
  readonly cues: ReadonlySet<CueKind>;
  readonly topics: ReadonlySet<string>;
  readonly triggers: readonly TriggerHit[];
  readonly dates: readonly DateHit[];
  readonly people: readonly PersonHit[];
  readonly places: readonly PlaceHit[];
  /** Which countries the sentence names (names, demonyms, capitals, cities, people). */
  readonly countries: ReadonlySet<string>;
  /**
   * The two sides are named on either side of a contrast ("Kazakhstan bets on its grain exports,
   * while Morocco seeks new markets"): compared, not parties to one act.
   */
  readonly sidesApart: boolean;
  /**
   * The side goods leave from, when the sentence tells of a shipment between the two ("Kazakhstan
   * shipped wheat to Morocco", "a shipment from Kazakhstan"): where the shipment takes place.
   */
  readonly shipmentFrom: string | undefined;
  /**
   * The side whose efforts, policy or initiative the sentence praises or backs ("ثمن الرئيس بوتين
   * الجهود المصرية"): a position stated on that side by someone of the other.
   */
  readonly praised: Praise | undefined;
  /** "Cet accord, signé en septembre 2024, est désormais en vigueur": a document named as the one told. */
  readonly refersToDocument: boolean;
  readonly agreements: readonly { name: string; tokStart: number; tokEnd: number }[];
  /** Where each future cue ends ("is scheduled to"): what follows is a plan. */
  readonly futureAt: readonly number[];
  /** Where each word of discussion ends ("to discuss", "لبحث"): what follows is a topic of talks. */
  readonly discussionAt: readonly number[];
  /** Where each word of handing over ends ("سلم", "handed over"): what follows was handed in person. */
  readonly handedOverAt: readonly number[];
  /** Where a share is written ("80%", "50 بالمئة", "50 percent"): the token of its figure's end. */
  readonly sharesAt: readonly number[];
  /** Where each price word stands ("prices", "أسعار"). */
  readonly pricesAt: readonly number[];
  /** Where each word of a trend stands ("increased", "увеличились", "ارتفعت"). */
  readonly trendsAt: readonly number[];
  /** Where each site word starts ("site", "площадку", "موقع"). */
  readonly sitesAt: readonly number[];
  /** Where each word for tourists starts ("tourists", "туристы", "السياح"). */
  readonly touristsAt: readonly number[];
  /**
   * The clauses (token ranges between clause breaks) that hold a future cue: "Russia hopes [that
   * al-Sisi will attend the summit], [which will be held in Moscow in October], Lavrov said at a
   * meeting with …". Their dates, places and people are the plan's, not the meeting's.
   */
  readonly planClauses: readonly { readonly start: number; readonly end: number }[];
  /** "The same day", "the same year": a date that is the one told before. */
  readonly sameAs: readonly {
    readonly which: 'day' | 'year';
    readonly start: number;
    readonly end: number;
  }[];
}

// Words no office's phrase runs over to its country: what is said or praised ("the Egyptian Foreign
// Minister expressed his welcome for the Russian side", "أشاد رئيس مجلس النواب بالمواقف الروسية").
const ENDS_OFFICE_PHRASE: ReadonlySet<CueKind> = new Set([
  'stance',
  'support',
  'welcome',
  'reporting',
  'commitment',
]);
// How far after a verb of talks its "with" may stand, the subject between: "بحث محافظ الإسكندرية
// محمد الشريف مع …".
const TALKS_WITH_REACH = 12;
// How far after a meeting word a joint body may be named as the one meeting: "للاجتماع الخامس للجنة
// العسكرية", "the fifth meeting of the joint committee".
const JOINT_BODY_REACH = 3;
// How far after "pour mener" the talks it is the purpose of may be named ("pour mener des consultations").
const PURPOSE_REACH = 2;
const UNREAL_WINDOW_BEFORE = 6;
const UNREAL_WINDOW_AFTER = 3;
// How far into its clause a plan reaches ("invites … to take part in the talks").
const PLAN_REACH = 14;
// How far into its sentence an event word may stand and still be the sentence's subject ("A round of
// negotiations …").
const PLAN_SUBJECT_START = 3;
// What ends a clause: a comma, a semicolon, a colon, a dash.
const CLAUSE_BREAK = /[,،;:–—]/;

/**
 * Whether a time of day is written at token `at` ("4:21", "15:37"), right after what came before
 * or after a comma or a dash: a date before it is a page's timestamp.
 */
function timeOfDayAt(tokens: readonly Token[], at: number): boolean {
  const hours = tokens[at];
  const minutes = tokens[at + 1];
  return (
    hours?.script === 'digit' &&
    hours.text.length <= 2 &&
    /^[\s,–—-]*$/.test(hours.gapBefore) &&
    minutes?.script === 'digit' &&
    minutes.text.length === 2 &&
    minutes.gapBefore === ':'
  );
}

/** Whether a clause break stands after token `from` up to token `to` of a sentence. */
export function clauseBreakBetween(tokens: readonly Token[], from: number, to: number): boolean {
  return tokens.slice(from + 1, to + 1).some((t) => CLAUSE_BREAK.test(t.gapBefore));
}
// A denial or a cancellation governs a whole clause: "denied reports that the minister visited",
// "the visit, initially scheduled for June, has been postponed".
const DENIAL_WINDOW = 10;
const RELATIVE_REACH = 3;
// How far after "via" / "through the territory of" the country crossed may be named.
const TRANSIT_REACH = 3;
// How far after "to" / "from" the country may be named ("vers le Royaume du Maroc").
const DIRECTION_REACH = 3;
// "had held talks", "avait eu des entretiens"; in Arabic the subject stands between "كان" and the verb.
const EARLIER_WINDOW = 2;
const EARLIER_WINDOW_AR = 10;
// How far after an Arabic trigger "الأخيرة" (the latest) may follow, a name between: "زيارة الرئيس
// عبد الفتاح السيسي الأخيرة إلى موسكو".
const EARLIER_AFTER_WINDOW_AR = 6;

// How far after "on behalf of" a person's phrase may start: "au nom du président", "باسم رئيس".
const MENTION_REACH = 3;
// A share written as a figure ("80%", "50 %"), whatever the language.
const PERCENT_SIGN = '%';

/** Where shares are written: a share word, or the token after a per-cent sign. */
function sharesIn(
  tokens: readonly Token[],
  cueSpans: readonly { cue: CueKind; start: number; end: number }[],
): number[] {
  const at: number[] = [];
  for (const c of cueSpans) if (c.cue === 'share') at.push(c.start);
  for (let k = 0; k < tokens.length; k++) if (tokens[k]?.gapBefore.includes(PERCENT_SIGN)) at.push(k);
  return at;
}
// How many words may stand between "this" and the document it names ("this comprehensive
// partnership agreement": the name begins at "partnership").
const DOCUMENT_ANAPHORA_GAP = 1;
// How far after a verb of reporting its day may be: "said on Monday", "أصدرته الرئاسة المصرية الأربعاء".
const REPORT_DATE_REACH = 3;
// How close the next person must be to count as coordinated with a mentioned one ("X and Y"), and
// how long a word between them may be: "and", "et", "и", "және", not a verb ("X, adviser to King
// Y, received Z").
const COORDINATION_GAP = 2;
const COORDINATOR_LENGTH = 4;
// How far before a mention cue that follows its person ("Тоқаевтың атынан", "Тоқаевтың жылы
// сәлемін") the person's phrase may end.
const MENTION_REACH_AFTER = 1;

/**
 * People named after a mention cue ("on behalf of X"), or before one that follows them ("X-тің
 * атынан"), and those coordinated with them, were not there.
 */
function markMentioned(
  tokens: readonly Token[],
  people: readonly PersonHit[],
  cueEnds: readonly number[],
  cueStartsAfter: readonly number[],
  clauseOpeners: readonly number[],
): void {
  if (cueEnds.length === 0 && cueStartsAfter.length === 0) return;
  let previous: PersonHit | undefined;
  for (const person of people) {
    const start = person.phraseStart ?? person.tokStart;
    // "المتحدث باسم الرئاسة إن الرئيس …": a reported clause opened between them ends the cue's reach.
    const afterCue = cueEnds.some(
      (end) =>
        end <= start && start - end <= MENTION_REACH && !clauseOpeners.some((at) => at >= end && at < start),
    );
    const beforeCue = cueStartsAfter.some(
      (cue) => person.tokEnd <= cue && cue - person.tokEnd <= MENTION_REACH_AFTER,
    );
    const coordinated =
      previous?.mentioned === true &&
      start - previous.tokEnd <= COORDINATION_GAP &&
      tokens.slice(previous.tokEnd, start).every((t) => t.text.length <= COORDINATOR_LENGTH);
    if (afterCue || beforeCue || coordinated) person.mentioned = true;
    previous = person;
  }
}

/**
 * A country's style ("the Kingdom", "le Royaume", "المملكة") that begins a longer name is not that
 * country: "the Kingdom of Saudi Arabia", "Королевство Саудовская Аравия",
 * "المملكة الأردنية".
 */
function beginsLongerName(lang: LanguageIndex, tokens: readonly Token[], m: Match<EntityHit>): boolean {
  if (!m.payloads.some((p) => p.kind === 'country' && p.form === 'style')) return false;
  const next = tokens[m.end];
  // "… to the Kingdom. The minister …": a punctuation mark ends the name.
  if (!next || !/^[\s-]*$/.test(next.gapBefore)) return false;
  if (next.script === 'arabic') return next.text.startsWith('ال');
  return next.upper || lang.officeLinks.has(next.keys[0] ?? '');
}

export function analyseSentence(
  kb: KnowledgeIndex,
  lang: LanguageIndex,
  sentence: Sentence,
  ref: DateReference | null,
): SentenceFacts {
  const tokens = sentence.tokens;
  const entities = longestNonOverlapping(lang.entities.findAll(tokens)).filter(
    (m) => !beginsLongerName(lang, tokens, m),
  );
  const cueMatches = lang.cues.findAll(tokens) as Match<CueHit>[];
  const cues = new Set<CueKind>();
  const topics = new Set<string>();
  const allCueSpans: { cue: CueKind; start: number; end: number }[] = [];
  for (const m of cueMatches)
    for (const p of m.payloads)
      if (p.kind === 'cue') allCueSpans.push({ cue: p.cue, start: m.start, end: m.end });
  // "Earlier in the day, Shoigu arrived in Cairo", "ранее в тот же день": the news's own day, so
  // the "earlier" inside it recalls nothing.
  const sameDaySpans = allCueSpans.filter((c) => c.cue === 'sameDay');
  const cueSpans = allCueSpans.filter(
    (c) => c.cue !== 'earlier' || !sameDaySpans.some((d) => d.start <= c.start && c.end <= d.end),
  );
  for (const c of cueSpans) cues.add(c.cue);
  // Topics by the longest phrase: "food security" is not also "security".
  const topicMatches = cueMatches.filter((m) => m.payloads.some((p) => p.kind === 'topic'));
  for (const m of longestNonOverlapping(topicMatches))
    for (const p of m.payloads) if (p.kind === 'topic') topics.add(p.slug);
  const near = (cue: CueKind, start: number, end: number, before: number, after: number) =>
    cueSpans.some((c) => c.cue === cue && c.end <= end + after && c.start >= start - before);
  // "the Moroccan side invites Kazakh ulema and reciters of the Holy Quran to take part in the
  // talks": a plan governs what follows it in its clause, however long the words between.
  // "ومن المقرر، أن يعقد الوفد عدداً من المباحثات واللقاءات …", "Ожидается, что …": a plan word
  // opening the sentence as a clause of its own makes the whole sentence a plan.
  const planSentence = cueSpans.some(
    (c) => c.cue === 'future' && c.start <= 1 && CLAUSE_BREAK.test(tokens[c.end]?.gapBefore ?? ''),
  );
  const planned = (start: number) =>
    planSentence ||
    cueSpans.some(
      (c) =>
        c.cue === 'future' &&
        c.end <= start &&
        start - c.end <= PLAN_REACH &&
        !clauseBreakBetween(tokens, c.end - 1, start),
    );
  // "A round of negotiations between the Russian and Egyptian ministers is scheduled to be held in
  // Moscow": an event word opening the sentence is the subject of the plan told later in its clause.
  const subjectOfPlan = (start: number) =>
    start <= PLAN_SUBJECT_START &&
    cueSpans.some(
      (c) =>
        c.cue === 'future' &&
        c.start > start &&
        c.start - start <= PLAN_REACH &&
        !clauseBreakBetween(tokens, start, c.start) &&
        !entities.some(
          (e) => e.start > start && e.start < c.start && e.payloads.some((p) => p.kind === 'trigger'),
        ),
    );
  // "Напомним, …", "Pour rappel, …", "يذكر أن …": a sentence opened so recalls the past.
  const recalled = cueSpans.some((c) => c.cue === 'earlier' && c.start <= 1);
  // With one trigger in the sentence, a denial anywhere in it is about that event.
  const soleTrigger = entities.filter((m) => m.payloads.some((p) => p.kind === 'trigger')).length === 1;
  const triggers: TriggerHit[] = [];
  const places: PlaceHit[] = [];
  const countries = new Set<string>();
  const agreements: { name: string; tokStart: number; tokEnd: number }[] = [];
  for (const m of entities) {
    for (const p of m.payloads) {
      if (p.kind === 'trigger') {
        // A meeting word with a joint body named right after it; not the body's name alone ("la
        // création d'une commission mixte", "предложил провести совместное заседание").
        const jointBody =
          p.jointBody !== true &&
          entities.some(
            (e) =>
              e.start >= m.end &&
              e.start - m.end <= JOINT_BODY_REACH &&
              e.payloads.some((q) => q.kind === 'trigger' && q.jointBody),
          );
        triggers.push({
          type: p.type,
          tokStart: m.start,
          tokEnd: m.end,
          ...(jointBody ? { jointBody } : {}),
          // "this visit", "هذه الزيارة", "этой встречи": the demonstrative stands right before the
          // event's noun. "جاء ذلك خلال استقبال …" ("this came during the reception of …") names a
          // new event: the demonstrative there is the statement told before.
          // "Сапар барысында" (during the visit): in Kazakh the cue follows the noun.
          anaphoric: cueSpans.some(
            (c) =>
              (c.cue === 'anaphora' && c.end === m.start) ||
              (c.cue === 'anaphoraAfter' && c.start === m.end) ||
              (c.cue === 'outcome' && c.start === 0 && c.end === m.start),
          ),
          unreal:
            near('future', m.start, m.end, UNREAL_WINDOW_BEFORE, UNREAL_WINDOW_AFTER) ||
            // "pour rencontrer", "pour mener des consultations": the purpose of a journey.
            cueSpans.some(
              (c) => c.cue === 'purpose' && c.start <= m.start && m.start - c.end <= PURPOSE_REACH,
            ) ||
            planned(m.start) ||
            subjectOfPlan(m.start) ||
            // "l'importance de l'échange des visites": visits in general, none told.
            cueSpans.some((c) => c.cue === 'inGeneral' && c.start <= m.start && m.start < c.end) ||
            near('denial', m.start, m.end, DENIAL_WINDOW, DENIAL_WINDOW) ||
            (soleTrigger && cueSpans.some((c) => c.cue === 'denial')),
          // "who is on a working visit": the clause opener ends at most three words before it.
          // "Ресми сапармен жүрген" (who is on an official visit): the participle follows it.
          background: cueSpans.some(
            (c) =>
              (c.cue === 'relativeClause' && c.end <= m.start && m.start - c.end <= RELATIVE_REACH) ||
              (c.cue === 'relativeClauseAfter' && c.start >= m.end && c.start - m.end <= RELATIVE_REACH),
          ),
          // "وكان رئيس المجلس قد أجرى": the auxiliary may stand a few words before the verb.
          earlier:
            recalled ||
            // "Diplomatic relations were established in 1992": told as background, always.
            p.type === 'relations' ||
            near('earlier', m.start, m.start, lang.lang === 'ar' ? EARLIER_WINDOW_AR : EARLIER_WINDOW, 0) ||
            // "Жеделхат жолдаған болатын" (had sent a telegram): the auxiliary follows the verb.
            cueSpans.some(
              // "زيارة الرئيس عبد الفتاح السيسي الأخيرة": in Arabic the visitor's name stands between.
              (c) =>
                c.cue === 'earlierAfter' &&
                c.start >= m.end &&
                c.start - m.end <= (lang.lang === 'ar' ? EARLIER_AFTER_WINDOW_AR : EARLIER_WINDOW),
            ),
          plural: tokens
            .slice(m.start, m.end)
            .some(
              (t) =>
                lang.pluralVisits.has(t.text.normalize('NFC').toLowerCase()) ||
                (t.script === 'arabic' && t.keys.some((k) => lang.pluralVisits.has(k))),
            ),
        });
      } else if (p.kind === 'place') {
        if (sharesOnlyTheStem(tokens, m, p.formLength)) continue;
        places.push({ name: p.name, country: p.country, tokStart: m.start, tokEnd: m.end });
        // A city of the dyad names its side; a city elsewhere is only where something happened.
        if (kb.dyad.includes(p.country)) countries.add(p.country);
      } else if (p.kind === 'country') {
        // "… to Morocco via Latvia": a country crossed on the way is no party to the event.
        const crossed = cueSpans.some(
          (c) => c.cue === 'transit' && c.end <= m.start && m.start - c.end <= TRANSIT_REACH,
        );
        if (!crossed || kb.dyad.includes(p.code)) countries.add(p.code);
      } else if (p.kind === 'agreement') agreements.push({ name: p.name, tokStart: m.start, tokEnd: m.end });
    }
  }
  const people = findPeople(kb, tokens, entities, sentence.text, sentence.start, lang, {
    ends: new Set(cueSpans.filter((c) => ENDS_OFFICE_PHRASE.has(c.cue)).map((c) => c.start)),
    stances: new Set(cueSpans.filter((c) => c.cue === 'stance').map((c) => c.start)),
  });
  markMentioned(
    tokens,
    people,
    cueSpans.filter((c) => c.cue === 'mentioned').map((c) => c.end),
    cueSpans.filter((c) => c.cue === 'mentionedAfter').map((c) => c.start),
    cueSpans.filter((c) => c.cue === 'clauseOpener').map((c) => c.start),
  );
  sideAcrossTheTable(kb, people);
  for (const person of people)
    if (person.country && (person.how !== 'unknown' || kb.dyad.includes(person.country)))
      countries.add(person.country);
  // "الرئيس رحب بماتفيينكو والوفد المرافق لها": welcoming someone named right after is receiving them.
  for (const welcome of cueSpans.filter((c) => c.cue === 'welcome'))
    if (people.some((p) => (p.phraseStart ?? p.tokStart) === welcome.end && !p.mentioned))
      triggers.push({
        type: 'reception',
        tokStart: welcome.start,
        tokEnd: welcome.end,
        anaphoric: false,
        unreal: planned(welcome.start) || near('future', welcome.start, welcome.end, UNREAL_WINDOW_BEFORE, 0),
        earlier: recalled,
      });
  // "بحث محافظ الإسكندرية محمد الشريف مع سفير روسيا …": a verb of talks opening the sentence, its
  // subject (a person, a body), then "with" someone: talks between them.
  for (const verb of cueSpans.filter((c) => c.cue === 'talksVerb' && c.start <= 1)) {
    const withAt = tokens.findIndex(
      (t, k) =>
        k > verb.end && k - verb.end <= TALKS_WITH_REACH && t.keys.some((key) => lang.talksWith.has(key)),
    );
    const partner = people.some((p) => (p.phraseStart ?? p.tokStart) === withAt + 1 && !p.mentioned);
    if (withAt > verb.end && partner && !triggers.some((t) => t.tokStart < withAt))
      triggers.push({
        type: 'bilateral_meeting',
        tokStart: verb.start,
        tokEnd: verb.end,
        anaphoric: false,
        unreal: planned(verb.start) || near('future', verb.start, verb.end, UNREAL_WINDOW_BEFORE, 0),
        earlier: recalled,
      });
  }
  const host = embassyHost(kb, entities, cueSpans, countries);
  if (host) countries.add(host);
  // "signed back in September 2024", "подписано еще в сентябре 2024": an earlier-cue right before
  // a date makes it a past time referred to.
  // "… the Russian Energy Ministry said on Monday": a date right after a verb of reporting.
  // One the event told right after it has is its own ("Shoigu said on Tuesday at a meeting with Sisi"),
  // as has the event the saying closed ("заявил сегодня … по итогам переговоров").
  const reportedAt = (d: DateHit) =>
    cueSpans.some(
      (c) => c.cue === 'reporting' && c.end <= d.tokStart && d.tokStart - c.end <= REPORT_DATE_REACH,
    ) &&
    !triggers.some(
      (t) => t.tokStart >= d.tokEnd && (t.tokStart - d.tokEnd <= REPORT_DATE_REACH || t.anaphoric),
    );
  const dates = findDates(tokens, entities, lang, ref, kb.gatherings).map((d) => {
    const earlier = cueSpans.some((c) => c.cue === 'earlier' && c.end === d.tokStart);
    const reported = reportedAt(d);
    const stamped = timeOfDayAt(tokens, d.tokEnd);
    return earlier || reported || stamped
      ? {
          ...d,
          ...(earlier ? { relation: 'past' as const } : {}),
          ...(reported ? { reported } : {}),
          ...(stamped ? { stamped } : {}),
        }
      : d;
  });
  const futureAt = cueSpans.filter((c) => c.cue === 'future').map((c) => c.end);
  const discussionAt = cueSpans.filter((c) => c.cue === 'discussion').map((c) => c.end);
  const handedOverAt = cueSpans.filter((c) => c.cue === 'handedOver').map((c) => c.end);
  const planClauses = cueSpans
    .filter((c) => c.cue === 'future')
    .map((c) => clauseAround(tokens, c.start))
    .filter((c, k, all) => all.findIndex((x) => x.start === c.start) === k);
  const sameAs = cueSpans
    .filter((c) => c.cue === 'sameDay' || c.cue === 'sameYear')
    .map((c) => ({
      which: c.cue === 'sameDay' ? ('day' as const) : ('year' as const),
      start: c.start,
      end: c.end,
    }));
  return {
    sentence,
    entities,
    cues,
    topics,
    triggers,
    dates,
    people,
    places,
    countries,
    sidesApart: sidesApart(kb, entities, people, cueSpans),
    shipmentFrom: shipmentFrom(kb, entities, cueSpans),
    praised: praisedSide(kb, tokens, entities, people, cueSpans),
    // "This agreement", "This comprehensive partnership agreement": a word of its name between.
    refersToDocument: agreements.some((a) =>
      cueSpans.some(
        (c) => c.cue === 'anaphora' && c.end <= a.tokStart && a.tokStart - c.end <= DOCUMENT_ANAPHORA_GAP,
      ),
    ),
    agreements,
    futureAt,
    discussionAt,
    handedOverAt,
    sharesAt: sharesIn(tokens, cueSpans),
    pricesAt: cueSpans.filter((c) => c.cue === 'price').map((c) => c.start),
    trendsAt: cueSpans.filter((c) => c.cue === 'trend').map((c) => c.start),
    sitesAt: cueSpans.filter((c) => c.cue === 'site').map((c) => c.start),
    touristsAt: cueSpans.filter((c) => c.cue === 'tourist').map((c) => c.start),
    planClauses,
    sameAs,
  };
}

/** The clause a token stands in: from the clause break before it to the next one. */
function clauseAround(tokens: readonly Token[], at: number): { start: number; end: number } {
  let start = at;
  while (start > 0 && !CLAUSE_BREAK.test(tokens[start]?.gapBefore ?? '')) start--;
  let end = at + 1;
  while (end < tokens.length && !CLAUSE_BREAK.test(tokens[end]?.gapBefore ?? '')) end++;
  return { start, end };
}

/** Where the sentence names a side of the dyad in one of the given forms ("Morocco", "Moroccan"). */
export function dyadMentions(
  kb: KnowledgeIndex,
  entities: readonly Match<EntityHit>[],
  forms: readonly string[],
): { code: string; start: number; end: number }[] {
  return entities.flatMap((m) =>
    m.payloads.flatMap((p) =>
      p.kind === 'country' && forms.includes(p.form) && kb.dyad.includes(p.code)
        ? [{ code: p.code, start: m.start, end: m.end }]
        : [],
    ),
  );
}

/**
 * The side a shipment leaves from: the other side than the one it is headed to ("vers le Maroc",
 * "в Марокко"), else the side it comes from ("a shipment from Kazakhstan"), else the only side
 * named by its name ("departed Kazakhstan on 30 April", "envoyée … des gares de … au Kazakhstan").
 */
function shipmentFrom(
  kb: KnowledgeIndex,
  entities: readonly Match<EntityHit>[],
  cueSpans: readonly { cue: CueKind; start: number; end: number }[],
): string | undefined {
  if (!cueSpans.some((c) => c.cue === 'shipment')) return undefined;
  const named = dyadMentions(kb, entities, ['name']);
  const after = (cue: CueKind) =>
    named.find((n) =>
      cueSpans.some((c) => c.cue === cue && c.end <= n.start && n.start - c.end <= DIRECTION_REACH),
    )?.code;
  const headedTo = after('towards');
  if (headedTo) return kb.dyad.find((code) => code !== headedTo);
  const comesFrom = after('origin');
  if (comesFrom) return comesFrom;
  const sides = new Set(named.map((n) => n.code));
  return sides.size === 1 ? [...sides][0] : undefined;
}

// How far from "efforts", "policy" the side they belong to may be named: "the Egyptian efforts",
// "la résolution présentée par le Maroc", "الإصلاحات السياسية التي تنتهجها كازاخستان".
const STANCE_REACH = 4;

// How many letters shorter than a place's written form a word may be and still be that place in
// some case ("Москве" for "Москва" is not shorter): "Александр" is a given name, not "Александрия".
const STEM_ONLY_SHORTER = 2;

/** Whether a one-word place match is a shorter word that only shares the place's stem. */
function sharesOnlyTheStem(tokens: readonly Token[], m: Match<EntityHit>, formLength: number): boolean {
  const word = tokens[m.start];
  return m.end - m.start === 1 && word !== undefined && word.text.length + STEM_ONLY_SHORTER <= formLength;
}

// Offices a government holds on each side: one of them with no country, facing someone of one
// side, is the other side's (not an ambassador, a mayor or a parliamentarian, who may be anyone's).
const SIDE_OFFICES: ReadonlySet<string> = new Set([
  'head-of-government',
  'deputy-prime-minister',
  'foreign-minister',
  'deputy-foreign-minister',
  'minister',
]);

/**
 * "أجرت وزيرة السياحة …، أمس الاثنين بالرياض، مباحثات مع يربول ميرزابوسينوف، وزير السياحة والرياضة
 * بجمهورية كازاخستان": a minister the sentence gives no country, with people of one side of the dyad
 * only beside them, is of the other side (an outlet names its own country's ministers by office).
 */
function sideAcrossTheTable(kb: KnowledgeIndex, people: PersonHit[]): void {
  const sides = new Set(
    people.flatMap((p) => (p.country && kb.dyad.includes(p.country) && !p.mentioned ? [p.country] : [])),
  );
  if (sides.size !== 1 || people.some((p) => p.country && !kb.dyad.includes(p.country))) return;
  const other = kb.dyad.find((c) => !sides.has(c));
  for (const p of people)
    if (!p.country && !p.actorId && p.office && SIDE_OFFICES.has(p.office) && !p.mentioned) p.country = other;
}

/** Whose stance a sentence praises or backs. */
export interface Praise {
  /** The side whose efforts, policy, position or initiative is praised or backed. */
  readonly side: string;
  /**
   * Whether the stance is the support word's object, a few words after it ("praising the Russian
   * position", "salue l'intérêt du Caire"), not a stance named elsewhere in the sentence.
   */
  readonly direct: boolean;
  /**
   * Where the praised object begins, when direct: the people named in it ("высоко оценил позицию
   * России и президента Владимира Путина") are what is praised, not who praises.
   */
  readonly objectAt?: number;
}

// How far after "praised", "salue" its object may begin: "lauded the continued Egyptian efforts".
const SUPPORT_OBJECT_REACH = 4;

/**
 * The dyad side whose efforts, policy or initiative a support word in the sentence praises or backs:
 * the stance right after the support word when there is one ("The President reviewed the Egyptian
 * efforts …, praising the Russian position": the Russian position is praised), else any.
 */
function praisedSide(
  kb: KnowledgeIndex,
  tokens: readonly Token[],
  entities: readonly Match<EntityHit>[],
  people: readonly PersonHit[],
  cueSpans: readonly { cue: CueKind; start: number; end: number }[],
): Praise | undefined {
  const supports = cueSpans.filter((c) => c.cue === 'support');
  const commitment = commitmentTo(kb, entities, people, cueSpans);
  if (commitment) return commitment;
  if (supports.length === 0) return undefined;
  // The owner right before the stance ("the Egyptian efforts", "Egypt's efforts"), else after it
  // ("les efforts du Maroc"); a capital only right after it ("l'intérêt du Caire") or before it with
  // a possessive ("Astana's actions"): before, it is a subject ("которую Рабат оказал кандидатуре
  // Казахстана"), further on a place ("efforts to strengthen cooperation in Rabat").
  const named = dyadMentions(kb, entities, ['name', 'demonym']);
  const capitals = dyadMentions(kb, entities, ['capital']);
  // "Egypt's efforts" (Egypt, s, efforts), not "كازاخستان دعمها للمبادرة" (Kazakhstan, its support,
  // for the initiative: the initiative is the one named after it, Morocco's).
  const possessive = (at: number) => possessiveAt(tokens, at);
  const owned = cueSpans.flatMap((stance) => {
    if (stance.cue !== 'stance') return [];
    const owner =
      named.find((n) => n.end === stance.start || (n.end + 1 === stance.start && possessive(n.end))) ??
      named.find((n) => n.start >= stance.end && n.start - stance.end <= STANCE_REACH) ??
      capitals.find(
        (n) =>
          (n.start >= stance.end && n.start - stance.end <= 1) ||
          (n.end + 1 === stance.start && possessive(n.end)),
      );
    return owner ? [{ stance, owner }] : [];
  });
  for (const support of supports) {
    // "وأيد وزير الشؤون الخارجية ناصر بوريطة تحركات أستانا": the verb's subject may stand between
    // it and its object.
    const objectFrom =
      people.find((p) => (p.phraseStart ?? p.tokStart) === support.end)?.tokEnd ?? support.end;
    const object = owned.find(
      (o) => o.stance.start >= objectFrom && o.stance.start - objectFrom <= SUPPORT_OBJECT_REACH,
    );
    if (object) return { side: object.owner.code, direct: true, objectAt: object.stance.start };
  }
  const any = owned[0];
  return any ? { side: any.owner.code, direct: false } : undefined;
}

// How far after "is ready to", "l'engagement" the side it is for may be named: "a confirmé
// l'engagement des exportateurs russes de fournir des céréales à l'Egypte".
const COMMITMENT_REACH = 10;

/**
 * A side ready or committed to help, supply or buy from the other ("Russia is ready to help the
 * Egyptian military", "l'engagement des exportateurs russes de fournir des céréales à l'Egypte"):
 * a position on the other side, the one named after the commitment that is not the committed one
 * (the speaker's side, or the side named before it).
 */
function commitmentTo(
  kb: KnowledgeIndex,
  entities: readonly Match<EntityHit>[],
  people: readonly PersonHit[],
  cueSpans: readonly { cue: CueKind; start: number; end: number }[],
): Praise | undefined {
  const commitments = cueSpans.filter((c) => c.cue === 'commitment');
  if (commitments.length === 0) return undefined;
  const named = dyadMentions(kb, entities, ['name', 'demonym', 'capital']);
  const subjects = dyadMentions(kb, entities, ['name', 'capital']);
  const speaker = people.find((p) => !p.mentioned && p.country && kb.dyad.includes(p.country))?.country;
  for (const cue of commitments) {
    const committed = subjects.findLast((n) => n.end <= cue.start)?.code ?? speaker;
    const beneficiary = named.find(
      (n) => n.start >= cue.end && n.start - cue.end <= COMMITMENT_REACH && n.code !== committed,
    );
    if (beneficiary) return { side: beneficiary.code, direct: true };
  }
  return undefined;
}

/** Whether a contrast cue has one side of the dyad only before it and the other only after it. */
function sidesApart(
  kb: KnowledgeIndex,
  entities: readonly Match<EntityHit>[],
  people: readonly PersonHit[],
  cueSpans: readonly { cue: CueKind; start: number; end: number }[],
): boolean {
  const contrasts = cueSpans.filter((c) => c.cue === 'contrast');
  if (contrasts.length === 0) return false;
  const named: { code: string; at: number }[] = [];
  for (const m of entities)
    for (const p of m.payloads) {
      if (p.kind === 'country' && kb.dyad.includes(p.code)) named.push({ code: p.code, at: m.start });
      else if (p.kind === 'place' && kb.dyad.includes(p.country))
        named.push({ code: p.country, at: m.start });
    }
  for (const person of people)
    if (person.country && kb.dyad.includes(person.country))
      named.push({ code: person.country, at: person.tokStart });
  return contrasts.some((c) => {
    const before = new Set(named.filter((n) => n.at < c.start).map((n) => n.code));
    const after = new Set(named.filter((n) => n.at >= c.end).map((n) => n.code));
    return before.size === 1 && after.size === 1 && ![...before].some((code) => after.has(code));
  });
}

// How far from "embassy" its country may stand: "l'ambassade de la République du Kazakhstan",
// "the Kazakh embassy", "Қазақстан елшілігі".
const EMBASSY_REACH = 4;

/**
 * The side one side's embassy stands in, when the sentence names no other country: "L'ambassade du
 * Kazakhstan a organisé une cérémonie à l'occasion du jour de la République" names Morocco too (in
 * an article about the two; "the Kazakh embassy in Cairo" names Egypt, and no side is added).
 */
function embassyHost(
  kb: KnowledgeIndex,
  entities: readonly Match<EntityHit>[],
  cueSpans: readonly { cue: CueKind; start: number; end: number }[],
  countries: ReadonlySet<string>,
): string | undefined {
  if (countries.size !== 1) return undefined;
  const [own] = [...countries];
  if (!own || !kb.dyad.includes(own)) return undefined;
  const embassies = cueSpans.filter((c) => c.cue === 'embassy');
  const ownAt = entities.filter((m) =>
    m.payloads.some((p) => p.kind === 'country' && p.code === own && p.form !== 'city'),
  );
  const beside = embassies.some((c) =>
    ownAt.some(
      (m) =>
        (m.start >= c.end && m.start - c.end <= EMBASSY_REACH) ||
        (m.end <= c.start && c.start - m.end <= EMBASSY_REACH),
    ),
  );
  return beside ? kb.dyad.find((c) => c !== own) : undefined;
}

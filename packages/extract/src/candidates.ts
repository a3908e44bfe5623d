import type { EventType } from '@dyad/contracts';
import { clauseBreakBetween, type Praise, type SentenceFacts, type TriggerHit } from './analyse.ts';
import type { Candidate } from './candidate.ts';
import { assignDates, leadDate, shareSentenceDate } from './candidate-dates.ts';
import { placeEvents } from './candidate-places.ts';
import { VISITS } from './event-kinds.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import { type PersonHit, POSTED_ABROAD } from './people.ts';

// How far after "discussed" its object may start: "обсудили поставки удобрений", "discussed the
// supply of wheat"; further on, an act is told for itself.
const TALKED_ABOUT_REACH = 3;
// How far after "to discuss" its object's act may be named: "to discuss an Egyptian delegation's
// participation in the Russia–Africa Economic Forum".
const DISCUSSED_REACH = 10;
// How far after "handed over" the message may be named: "وسلم سامح شكري، وزير الخارجية، رسالة خطية".
const HANDED_REACH = 6;
// How far after an act a video link may be named as the means of it: "inaugurated on Tuesday by video link".
const MEANS_REACH = 5;
// How close a trade word must stand to a price word to name that price: "export prices", "أسعار تصدير".
const PRICE_REACH = 2;
// How far a trend word may stand from the trade word it tells of ("Поставки пшеницы из России в
// Египет увеличились").
const TREND_REACH = 7;
/** How many tokens may stand between an adopting verb and its document ("launch a multi-faceted
 * roadmap", "ont adopté le 28 février 2025 à Rabat une feuille de route": a date and a place between). */
const ADOPTED_REACH = 8;
// How far after a joint statement's name its parties may be named: "the Joint Statement of Russia
// and the USA", "Совместного заявления России и США".
const STATEMENT_PARTIES_REACH = 3;

// Words that tell a visit or a reception only when someone visits or receives: a plain "visit",
// "travel", "received" (not "official visit", which says it of itself).
const NEEDS_SOMEONE: ReadonlySet<string> = new Set(['visit', 'reception']);

// Triggers of talks: told beside a visit, they are an event of their own within it.
const MEETING_TRIGGERS: ReadonlySet<string> = new Set(['reception', 'bilateral_meeting', 'phone_call']);
// The words of a journey: "visit", "official visit", "courtesy visit" (not talks made a courtesy visit).
const VISIT_TRIGGERS: ReadonlySet<string> = new Set(['visit', 'official_visit', 'courtesy_visit']);

// What a credentials ceremony is not.
const CREDENTIALS_NOT: ReadonlySet<string> = new Set([
  'courtesy_visit',
  'official_visit',
  'visit',
  'reception',
]);

const INTERACTION_PRIORITY = [
  'phone_call',
  'courtesy_visit',
  'official_visit',
  'visit',
  'reception',
  'bilateral_meeting',
] as const;
// How close to a trade verb a share must be to be its figure: "80% пшеницы Египет импортирует".
const SHARE_REACH = 6;
// How far back "the two countries" may look for the countries it means.
const PAIR_REACH = 5;

// Offices an ambassador accompanies rather than calls on.
const GOVERNMENT: ReadonlySet<string> = new Set([
  'head-of-state',
  'head-of-government',
  'deputy-prime-minister',
  'foreign-minister',
  'deputy-foreign-minister',
  'minister',
]);

/** Whether both sides of the dyad were named, in this sentence or back, before any other country. */
function dyadNamedLast(kb: KnowledgeIndex, facts: readonly SentenceFacts[], i: number): boolean {
  const seen = new Set<string>();
  for (let k = i; k >= Math.max(0, i - PAIR_REACH); k--) {
    const countries = [...(facts[k]?.countries ?? [])];
    if (countries.some((c) => !kb.dyad.includes(c))) return false;
    for (const c of countries) seen.add(c);
    if (seen.size === kb.dyad.length) return true;
  }
  return false;
}

/**
 * A sentence that names no one and no country, dates a meeting or visit, and follows one that told
 * a meeting or visit between the two sides: that event again.
 */
function retells(kb: KnowledgeIndex, facts: readonly SentenceFacts[], i: number): boolean {
  const f = facts[i];
  const before = facts[i - 1];
  if (!f || !before || f.countries.size > 0 || f.people.length > 0 || f.dates.length === 0) return false;
  const interaction = (t: TriggerHit) =>
    !t.unreal && (INTERACTION_PRIORITY as readonly string[]).includes(t.type);
  return f.triggers.some(interaction) && before.triggers.some(interaction) && bothSides(kb, facts, i - 1);
}

/**
 * "По итогам переговоров министры подписали меморандум", "At the end of the talks, the ministers
 * signed …": a sentence that names the event just told, right after one that told an interaction
 * between the two sides, is about the same two sides.
 */
function continuesPrevious(kb: KnowledgeIndex, facts: readonly SentenceFacts[], i: number): boolean {
  const f = facts[i];
  if (!f || [...f.countries].some((c) => !kb.dyad.includes(c))) return false;
  const interaction = (t: TriggerHit) =>
    !t.unreal && (INTERACTION_PRIORITY as readonly string[]).includes(t.type);
  // "«… exchange of views … The ministers confirmed …», the ministry said following the telephone
  // conversation": what the talks said may stand between them and the words that name them again.
  if (f.triggers.some((t) => t.anaphoric))
    for (let k = i - 1; k >= Math.max(0, i - CONTINUES_REACH); k--) {
      const before = facts[k];
      if (!before?.triggers.some(interaction)) continue;
      if (bothSides(kb, facts, k)) return true;
      // "На встрече были обсуждены вопросы …" names no one: the talks told again, look further back.
      if (before.countries.size > 0 || before.people.length > 0) return false;
    }
  // "Morocco and Kazakhstan have waived visas for each other's citizens. This agreement, signed in
  // September 2024, is now in force": the document told right before, between the two.
  const before = facts[i - 1];
  return (
    f.refersToDocument && before !== undefined && before.agreements.length > 0 && bothSides(kb, facts, i - 1)
  );
}

// How far after a visit's word its destination may stand: "a trip to the UAE", "поездке в ОАЭ".
const DESTINATION_REACH = 3;

/** Whether the country a visit's word is followed by (its destination) is neither side of the dyad. */
/** "visited the construction site of the plant", "بزيارة موقع إنشاء المحطة": a tour of a project. */
function visitsASite(f: SentenceFacts, trigger: TriggerHit): boolean {
  return f.sitesAt.some((at) => at >= trigger.tokEnd && at - trigger.tokEnd <= SITE_REACH);
}

// How far after a visit word the site visited may be named ("visited the construction site").
const SITE_REACH = 4;

/** "البلدان التي زارها السياح الروس", "Russian tourists visited Egypt": travel by the public. */
function touristsVisit(f: SentenceFacts, trigger: TriggerHit): boolean {
  return f.touristsAt.some((at) => Math.abs(at - trigger.tokStart) <= TOURIST_REACH);
}

// How far from a visit word the tourists who made it may be named.
const TOURIST_REACH = 8;

function visitsElsewhere(kb: KnowledgeIndex, f: SentenceFacts, trigger: TriggerHit): boolean {
  const next = f.entities
    .filter((e) => e.start >= trigger.tokEnd && e.start - trigger.tokEnd <= DESTINATION_REACH)
    .sort((a, b) => a.start - b.start)[0];
  const country = next?.payloads.find((p) => p.kind === 'country' || p.kind === 'place');
  if (!country) return false;
  const code = country.kind === 'country' ? country.code : country.kind === 'place' ? country.country : '';
  return code !== '' && !kb.dyad.includes(code);
}

// How many sentences back "the talks" may name the last interaction told.
const CONTINUES_REACH = 3;

/** Whether a side is named in the sentence only by a city of it (its capital or another), no one of it. */
function onlyVenue(f: SentenceFacts, side: string): boolean {
  if (f.people.some((p) => p.country === side)) return false;
  const forms = f.entities.flatMap((e) =>
    e.payloads.flatMap((p) => (p.kind === 'country' && p.code === side ? [p.form] : [])),
  );
  const cities =
    f.places.some((p) => p.country === side) || forms.some((x) => x === 'capital' || x === 'city');
  return cities && forms.every((x) => x === 'capital' || x === 'city');
}

/** Whether the sentence names both sides, or one side and the other within the two before. */
function bothSides(kb: KnowledgeIndex, facts: readonly SentenceFacts[], i: number): boolean {
  const f = facts[i];
  if (!f) return false;
  const [a, b] = kb.dyad;
  const third = [...f.countries].some((c) => !kb.dyad.includes(c)) || f.cues.has('otherCountries');
  // "The two countries" are the ones last named: the dyad only when both its sides were named
  // since any other country ("Morocco and Uzbekistan … flights to Casablanca … the two ministers").
  const pair = f.cues.has('pair') && !third && dyadNamedLast(kb, facts, i);
  const hasA = pair || f.countries.has(a);
  const hasB = pair || f.countries.has(b);
  // "The ceremony was attended by Azerbaijan's, Türkiye's and Kazakhstan's ambassadors to Rabat":
  // with third countries beside one side, a side named only by its city is where it happens. Not
  // the capital whose conduct is praised: "поддержал действия Москвы, направленные на урегулирование
  // сирийского кризиса" (Moscow's actions: the state's).
  const venue = (side: string) => onlyVenue(f, side) && !(f.praised?.direct && f.praised.side === side);
  if (third && !pair && (venue(a) || venue(b))) return false;
  // "Bourita received his Greek counterpart …; they discussed the situation in Kazakhstan": the one
  // there with the one side is of a third country; the other side is only what they spoke of.
  const present = f.people.filter((p) => !p.mentioned && p.country !== undefined);
  const sidesPresent = new Set(
    present.map((p) => p.country).filter((c) => c !== undefined && kb.dyad.includes(c)),
  );
  if (sidesPresent.size === 1 && present.some((p) => p.country !== undefined && !kb.dyad.includes(p.country)))
    return false;
  if (hasA && hasB) return true;
  // With a third country in the sentence, both sides must be in it: "X met Azerbaijan's speaker"
  // is not a dyad event because the article was about Kazakhstan two sentences earlier.
  if (third || (!hasA && !hasB)) return false;
  // Nor when the sentence happens somewhere else: "the minister then met Airbus in Brussels".
  if (f.places.some((p) => !kb.dyad.includes(p.country))) return false;
  const missing = hasA ? b : a;
  // Not from a list of countries ("Algeria, Egypt, Morocco and Tunisia remain promising markets").
  for (const k of [i - 1, i - 2]) {
    const p = facts[k];
    if (p?.countries.has(missing) && ![...p.countries].some((c) => !kb.dyad.includes(c))) return true;
  }
  return false;
}

/**
 * Whether the other side praises or backs the stance: someone of it named ("ثمن الرئيس بوتين الجهود
 * المصرية"); or, when the stance is the support word's object and no one is named, the side itself
 * as the subject ("Moscou salue l'intérêt du Caire pour les BRICS") or the speaker told before ("Il
 * a déclaré que son pays saluait toutes les initiatives russes").
 */
function praisedByTheOtherSide(f: SentenceFacts, praised: Praise): boolean {
  const objectAt = praised.objectAt ?? Number.POSITIVE_INFINITY;
  const speakers = f.people.filter((p) => !p.mentioned && (p.phraseStart ?? p.tokStart) < objectAt);
  if (speakers.some((p) => p.country && p.country !== praised.side)) return true;
  return praised.direct && !speakers.some((p) => p.country === praised.side);
}

/**
 * An ambassador calling on an official, or received by one, is a courtesy visit (DESIGN's types),
 * not when the ambassador only accompanies a minister of their own side. "The official spokesman for
 * the Egyptian Ministry of Foreign Affairs, Ambassador Ahmed Abu Zeid, stated that the two ministers
 * discussed …": an ambassador no country is told of carries the rank as a title, and is posted
 * nowhere.
 */
function ambassadorCalls(people: readonly PersonHit[]): boolean {
  const ambassadors = people.filter(
    (p) =>
      POSTED_ABROAD.has(p.office ?? '') &&
      !p.mentioned &&
      (p.country !== undefined || p.toCountry !== undefined),
  );
  return ambassadors.some(
    (a) =>
      !people.some(
        (p) => p !== a && !p.mentioned && p.country === a.country && GOVERNMENT.has(p.office ?? ''),
      ),
  );
}

/** The event reports of one sentence. */
export function sentenceCandidates(
  kb: KnowledgeIndex,
  facts: readonly SentenceFacts[],
  i: number,
): Candidate[] {
  const f = facts[i];
  if (!f) return [];
  const previous = facts[i - 1];
  // "Putin and Sisi inaugurated by video link the construction of a unit", "دشن الرئيسان عبر تقنية
  // الفيديو": a video link right after an act is how the two took part in it, not a call.
  const meansOfAnAct = (t: TriggerHit) =>
    t.type === 'phone_call' &&
    f.triggers.some(
      (o) => o.type === 'other' && o.tokEnd <= t.tokStart && t.tokStart - o.tokEnd <= MEANS_REACH,
    );
  const real = f.triggers.filter((t) => !t.unreal && !meansOfAnAct(t));
  // "Kazakhstan supports the autonomy plan"; "كما ثمن الرئيس بوتين الجهود المصرية", "l'ambassadrice
  // a salué la résolution présentée par le Maroc": someone of one side praising the other's efforts.
  const praise = f.praised !== undefined && praisedByTheOtherSide(f, f.praised);
  const policy = (f.cues.has('support') && f.cues.has('position')) || praise;
  // "The two sides stressed, in a joint statement, …": a joint statement named in a sentence about
  // both sides is adopted, whatever verb tells it; not one planned or denied.
  const statementNamed =
    f.agreements.some((a) => a.name === 'joint statement') && !f.cues.has('future') && !f.cues.has('denial');
  // "The meeting took place on 14 May in the town hall": no side named, but the event of the
  // sentence before, told again with its date.
  const sides = bothSides(kb, facts, i);
  const retold = !sides && (retells(kb, facts, i) || continuesPrevious(kb, facts, i));
  // "Sisi discussed economic ties at the meeting, which was also attended by the ambassador": who
  // attended the meeting told before, and what was said there; no event of its own.
  const attendedTold = f.cues.has('attendance') && real.some((t) => t.anaphoric);
  if ((real.length === 0 && !policy && !statementNamed) || (!sides && !retold) || attendedTold) {
    const attending = attendanceOf(kb, f, i);
    return attending ? [attending] : [];
  }
  const out: Candidate[] = [];
  const make = (type: EventType, trigger: TriggerHit): Candidate => ({
    type,
    sentence: i,
    trigger,
    people: [],
    agreements: [],
    sentences: new Set([i]),
    anaphoric: trigger.anaphoric || retold,
    delegation: f.cues.has('delegation'),
    continues: f.triggers.some((t) => t.anaphoric),
    ...(f.refersToDocument ? { namesDocumentTold: true } : {}),
    ...(f.cues.has('recalling') ? { recalledInSpeech: true } : {}),
  });
  // An ambassador calling on an official, or received by one, is a courtesy visit (DESIGN's
  // types), not when the ambassador only accompanies a minister of their own side.
  // "The official spokesman for the Egyptian Ministry of Foreign Affairs, Ambassador Ahmed Abu
  // Zeid, stated that the two ministers discussed …": an ambassador no country is told of carries
  // the rank as a title, and is posted nowhere.
  const ambassador = ambassadorCalls(f.people);
  let interaction: Candidate | undefined;
  // A trigger that names the event already told ("during this visit") yields to one that does not.
  // So does one in a relative clause ("X met Y, who is on a working visit"): the setting.
  const isInteraction = (x: TriggerHit) => (INTERACTION_PRIORITY as readonly string[]).includes(x.type);
  const fresh = real.filter((x) => !x.anaphoric);
  const own = fresh.filter((x) => !x.background);
  // And one told as past ("met … to discuss the follow-up of the recent visit") to one that is not.
  const current = own.filter((x) => !x.earlier);
  const pool = [current, own, fresh].find((p) => p.some(isInteraction)) ?? real;
  // Someone visits and someone receives: "Morocco received shipments of wheat", "Moroccans and
  // Kazakhs can travel without visas" tell of no visit and no reception.
  const someone =
    f.people.some((p) => !p.mentioned) ||
    f.cues.has('delegation') ||
    // "استقبل وزير الأوقاف والشؤون الإسلامية، أحمد التوفيق، … المفتي الأعلى": an office or a title
    // is someone, even when the name beside it is not read.
    f.entities.some((e) => e.payloads.some((p) => p.kind === 'office' || p.kind === 'title')) ||
    // "During his visit to Moscow, El Molla also met …": someone told before, named by a pronoun.
    f.cues.has('possessive');
  // "The deputy minister received copies of the credentials of the new ambassador": the credentials
  // are the act (an `other` of its own), not a courtesy call nor a visit.
  const credentials = f.cues.has('credentials');
  for (const kind of INTERACTION_PRIORITY) {
    if (credentials && CREDENTIALS_NOT.has(kind)) continue;
    const t = pool.find((x) => x.type === kind);
    if (!t || (!someone && NEEDS_SOMEONE.has(kind))) continue;
    let type: EventType;
    const parliamentary = f.cues.has('parliamentary');
    if (kind === 'visit') type = ambassador ? 'courtesy_visit' : 'official_visit';
    else if ((kind === 'reception' || kind === 'bilateral_meeting') && withBusinessOnly(f)) type = 'other';
    else if (kind === 'reception' || kind === 'bilateral_meeting')
      type = ambassador ? 'courtesy_visit' : parliamentary ? 'parliamentary_meeting' : 'bilateral_meeting';
    else type = kind;
    interaction = make(type, t);
    out.push(interaction);
    break;
  }
  // "X, on an official visit to Rabat, held talks with Y", "during his visit, X met Y": the visit and
  // the talks are two events, the talks within the visit. Not an ambassador's call on an official,
  // which is one courtesy visit whatever it says they discussed.
  const talks =
    interaction?.type === 'official_visit'
      ? own.find((x) => MEETING_TRIGGERS.has(x.type) && x !== interaction?.trigger)
      : undefined;
  const talksInVisit = talks
    ? make(
        talks.type === 'phone_call'
          ? 'phone_call'
          : withBusinessOnly(f)
            ? 'other'
            : f.cues.has('parliamentary')
              ? 'parliamentary_meeting'
              : 'bilateral_meeting',
        talks,
      )
    : undefined;
  if (talksInVisit) out.push(talksInVisit);
  // "X received Y, who is on an official visit to Morocco from 24 to 26 November": the visit is an
  // event too, the setting of the meeting, with the dates nearest to it.
  const setting = fresh.find((x) => x.background && VISIT_TRIGGERS.has(x.type));
  // "الرئيس رحب بماتفيينكو والوفد المرافق لها في مصر", "received X and the delegation accompanying
  // him": someone met with the delegation that came with them is visiting; the visit is the setting,
  // when the text has not told it already.
  const accompanied: TriggerHit | undefined =
    !setting &&
    f.cues.has('accompanyingDelegation') &&
    real.some((t) => MEETING_TRIGGERS.has(t.type)) &&
    !facts.slice(0, i + 1).some((g) => g.triggers.some((t) => !t.unreal && VISIT_TRIGGERS.has(t.type)))
      ? { type: 'official_visit', tokStart: 0, tokEnd: 0, anaphoric: false, unreal: false, background: true }
      : undefined;
  const settingBy = setting ?? accompanied;
  const settingVisit =
    interaction && settingBy && !VISITS.has(interaction.type)
      ? make(settingBy.type === 'courtesy_visit' ? 'courtesy_visit' : 'official_visit', settingBy)
      : undefined;
  if (settingVisit) out.push(settingVisit);
  const has = (type: string) => real.find((t) => t.type === type);
  const names = new Set(f.agreements.map((a) => a.name));
  const specific = [...names].filter((n) => n !== 'agreement' && n !== 'joint statement');
  const documents = specific.length > 0 ? specific : names.has('agreement') ? ['agreement'] : [];
  const signing = has('agreement_signing');
  const issued = has('joint_statement');
  const future = f.cues.has('future');
  const named = f.agreements.find((a) => a.name === 'joint statement');
  if (
    named &&
    !partiesElsewhere(kb, f, named.tokEnd) &&
    (signing || issued || f.dates.length > 0 || interaction || statementNamed)
  ) {
    const c = make(
      'joint_statement',
      signing ??
        issued ??
        interaction?.trigger ??
        real[0] ?? {
          type: 'joint_statement',
          tokStart: named?.tokStart ?? 0,
          tokEnd: named?.tokEnd ?? 0,
          anaphoric: false,
          unreal: false,
        },
    );
    c.agreements.push({ name: 'joint statement', status: future ? 'planned' : 'signed', sentence: i });
    if (policy) c.carriesPosition = true;
    out.push(c);
  }
  const inForce = has('agreement_entry_into_force');
  if (inForce && documents.length > 0) {
    const c = make('agreement_entry_into_force', inForce);
    for (const name of documents) c.agreements.push({ name, status: 'in_force', sentence: i });
    out.push(c);
  }
  // "Cet accord, signé en septembre 2024 à New York, est désormais en vigueur": the signing is an
  // event too, with the date beside it, and the past of the entry into force the sentence tells.
  if (signing && documents.length > 0 && (!inForce || signing.tokStart !== inForce.tokStart)) {
    const c = make('agreement_signing', inForce ? { ...signing, earlier: true } : signing);
    for (const name of documents) c.agreements.push({ name, status: 'signed', sentence: i });
    out.push(c);
  }
  // "Россия и Египет подписали контракт на создание спутника", "Egypt signed a contract to buy
  // Russian wheat": a commercial contract the two sign is an act between them, not an agreement
  // between states (lexicon `contracts`).
  if (signing && documents.length === 0 && f.cues.has('contract')) out.push(make('other', signing));
  // "The two ministers adopted a roadmap", "met … to launch a multi-faceted roadmap": a document the
  // two sides adopt rather than sign is a joint document all the same (DESIGN's types: a roadmap
  // agreed is a joint statement). Only a document named right after the verb, not "adopted … on an
  // agreement to be signed later".
  const adoptedDocuments = issued && !signing ? documentsAfter(f, issued, specific) : [];
  if (issued && adoptedDocuments.length > 0 && !names.has('joint statement')) {
    const c = make('joint_statement', issued);
    for (const name of adoptedDocuments)
      c.agreements.push({ name, status: future ? 'planned' : 'signed', sentence: i });
    out.push(c);
  }
  // "The sides discussed supplies of fertilizers": what talks were about is no event of its own.
  // Nor what a call said: "Putin called al-Sisi and congratulated him warmly on his victory".
  const other = has('other') ?? has('relations');
  // "met with the ambassador in Moscow to discuss an Egyptian delegation's participation in the
  // Russia–Africa Economic Forum": what talks were held to discuss, however far from the meeting word.
  const discussedAt = (at: number) => f.discussionAt.some((end) => end <= at && at - end <= DISCUSSED_REACH);
  // Also before the talks are named: "Egypt will send a delegation … to discuss the ban on the import
  // of Egyptian products, the minister said after talks with the ambassador".
  const talkedAbout =
    other !== undefined &&
    (discussedAt(other.tokStart) ||
      (interaction !== undefined &&
        MEETING_TRIGGERS.has(interaction.trigger.type) &&
        other.tokStart >= interaction.trigger.tokEnd &&
        (interaction.type === 'phone_call' ||
          other.tokStart - interaction.trigger.tokEnd <= TALKED_ABOUT_REACH)));
  // "Kazakhstan bets on its grain exports, while Morocco seeks new markets": compared, no act.
  // "80% пшеницы Египет импортирует из России и Украины": a share of trade is a figure, not a
  // shipment (yearly import shares are background); not a share of something else told beside a
  // shipment ("a 40% drop in grain production, … a 60,000-ton shipment from Kazakhstan"), nor the
  // share a dated purchase makes ("bought 2 million tons from July to October, 15% of its exports").
  const tradeShare =
    other !== undefined &&
    f.dates.length === 0 &&
    f.sharesAt.some((at) => Math.abs(at - other.tokStart) <= SHARE_REACH);
  // "وسلم شكري رسالة خطية من الرئيس السيسي إلى بوتين، خلال المباحثات التي عقدها بموسكو": a message
  // handed over at the talks the sentence tells is part of them (credentials are an act of their own).
  const handedAtTalks =
    other !== undefined &&
    interaction !== undefined &&
    MEETING_TRIGGERS.has(interaction.trigger.type) &&
    !f.cues.has('credentials') &&
    f.handedOverAt.some((end) => end <= other.tokStart && other.tokStart - end <= HANDED_REACH);
  // "أسعار تصدير القمح الروسي تراجعت", "Russian wheat export prices fell": a price, not a shipment.
  const tradePrice =
    other !== undefined && f.pricesAt.some((at) => Math.abs(at - other.tokStart) <= PRICE_REACH);
  // "Поставки пшеницы из России в Египет увеличились", "Russian wheat exports to Egypt rose": a
  // figure that changed, not a shipment (one with its day told is a shipment all the same).
  const tradeTrend =
    other !== undefined &&
    f.dates.length === 0 &&
    f.trendsAt.some((at) => Math.abs(at - other.tokStart) <= TREND_REACH);
  if (other && !talkedAbout && !f.sidesApart && !tradeShare && !handedAtTalks && !tradePrice && !tradeTrend)
    out.push(make('other', other));
  // "During the talks, the minister reiterated Kazakhstan's support for the autonomy plan": a
  // position stated at a meeting is an event of its own, on the meeting's day.
  // A position written into a joint statement or an agreement is that document's.
  const adopted = out.filter((c) => c !== interaction && c !== settingVisit && c !== talksInVisit);
  if (policy && adopted.length === 0) {
    const t = (interaction ? undefined : real[0]) ?? {
      type: 'policy_statement' as const,
      tokStart: f.sentence.tokens.length,
      tokEnd: f.sentence.tokens.length,
      anaphoric: false,
      unreal: false,
    };
    const statement = make('policy_statement', t);
    const praised = praise ? f.praised?.side : undefined;
    const statedBy = praised === undefined ? undefined : kb.dyad.find((code) => code !== praised);
    if (statedBy) statement.statedBy = statedBy;
    out.push(statement);
  }
  assignDates(out, facts, i);
  // "A visit to Rabat, where he met Y on Friday 28 February": the visit was on that day too, as far
  // as the sentence tells.
  if (interaction && talksInVisit?.date && !interaction.date) interaction.date = talksInVisit.date;
  // A setting told without dates of its own took place on the meeting's day, as far as the sentence
  // tells: "X met Y, who is on an official visit to Morocco" is a visit too.
  if (settingVisit && !settingVisit.date && interaction) settingVisit.datedBy = interaction;
  shareSentenceDate(out, interaction);
  const primary = interaction ?? out[0];
  if (primary && !primary.date) {
    const before = leadDate(facts, i);
    if (before) primary.date = before;
  }
  // People named after a plan ("he is to meet X") or a mention cue took no part in what happened;
  // a message or a cable has its sender and addressee as its participants, though.
  const planStarts = [...f.triggers.filter((t) => t.unreal).map((t) => t.tokEnd), ...f.futureAt];
  const clauseOf = (at: number) => f.planClauses.find((c) => c.start <= at && at < c.end);
  // "… will attend the summit, Lavrov said at a meeting with X": someone told after a plan's clause
  // ended, in a clause of a real event, took part in it.
  const inRealClause = (p: { tokStart: number }) =>
    f.planClauses.some((c) => c.end <= p.tokStart) &&
    !clauseOf(p.tokStart) &&
    real.some((r) => !clauseOf(r.tokStart) && r.tokStart > p.tokStart);
  // "Russia hopes that President al-Sisi will attend the summit": the plan's subject, in its clause.
  const inPlanClause = (p: { tokStart: number }) => {
    const clause = clauseOf(p.tokStart);
    return clause !== undefined && !real.some((r) => clause.start <= r.tokStart && r.tokStart < clause.end);
  };
  const present = f.people.filter(
    (p) =>
      !p.mentioned &&
      !inPlanClause(p) &&
      (inRealClause(p) ||
        !planStarts.some(
          (at) => p.tokStart >= at && !real.some((r) => r.tokStart >= at && r.tokStart <= p.tokStart),
        )),
  );
  for (const c of out) {
    if (!c.date && c !== interaction && interaction) c.datedBy = interaction;
    for (const person of c.type === 'other' ? f.people : present) {
      // "وأشاد رئيس الحكومة بالجهود الكازاخستانية": an office the sentence gives no country,
      // praising one side, is held on the other.
      const side =
        c.statedBy !== undefined && person.how === 'role' && !person.country ? c.statedBy : undefined;
      c.people.push({ person: side ? { ...person, country: side } : person, sentence: i });
    }
  }
  // "S'exprimant lors d'une table ronde, la diplomate a indiqué …": someone named by an epithet is
  // who the sentence before named, of the dyad (the ambassador who spoke there).
  if (f.cues.has('epithet') && previous)
    for (const c of out.filter((x) => x.people.length === 0))
      for (const person of previous.people)
        if (!person.mentioned && person.country !== undefined && kb.dyad.includes(person.country))
          c.people.push({ person, sentence: i - 1 });
  // "High-level visits have become more frequent": visits in general, no event.
  if (interaction?.trigger.plural && present.length === 0 && !interaction.date && f.places.length === 0)
    out.splice(out.indexOf(interaction), 1);
  placeEvents(kb, f, out, interaction, i);
  // "В ходе разговора Путин поделился впечатлениями о поездке в ОАЭ": a trip to a third country,
  // told in a sentence about the two, is no visit between them.
  // "Le Président égyptien est arrivé en Russie pour participer au sommet Russie-Afrique": a journey
  // to a multilateral gathering is no visit between the two (talks on its sidelines still are).
  // An ambassador's talks made a courtesy visit are no journey ("Вершинин и посол Египта обсудили
  // обстановку в зоне палестино-израильского конфликта": the conflict is what they discussed).
  for (const c of [...out])
    if (
      VISITS.has(c.type) &&
      VISIT_TRIGGERS.has(c.trigger.type) &&
      (visitsElsewhere(kb, f, c.trigger) ||
        visitsASite(f, c.trigger) ||
        touristsVisit(f, c.trigger) ||
        f.cues.has('summit'))
    ) {
      out.splice(out.indexOf(c), 1);
      if (c === interaction) interaction = undefined;
    }
  if (interaction && out.includes(interaction)) {
    // A delegation listed in the next sentence travels with the visit.
    const next = facts[i + 1];
    if (next?.cues.has('delegation') && next.triggers.length === 0)
      for (const person of next.people)
        if (!person.mentioned) interaction.people.push({ person, sentence: i + 1 });
    // "Владимир Путин проинформировал сегодня своего египетского коллегу Абдель Фаттаха ас-Сиси. О
    // телефонном разговоре, состоявшемся по инициативе Каира, сообщает пресс-служба Кремля": a call
    // or talks whose sentence names no one, right after a sentence that names someone of each side
    // and tells no event, are between those two.
    if (interaction.people.length === 0 && MEETING_TRIGGERS.has(interaction.trigger.type) && previous) {
      const told = previous.people.filter((p) => !p.mentioned && p.country && kb.dyad.includes(p.country));
      if (previous.triggers.length === 0 && new Set(told.map((p) => p.country)).size === kb.dyad.length) {
        for (const person of told) interaction.people.push({ person, sentence: i - 1 });
        // "أكد سفير مصر في موسكو …، ونائب وزير الخارجية الروسي … وتبادل الجانبان خلال اللقاء":
        // those two met as an ambassador and an official of his host country.
        if (interaction.type === 'bilateral_meeting' && ambassadorCalls(told))
          interaction.type = 'courtesy_visit';
      }
    }
    if (interaction.trigger.plural && interaction.people.length > 1 && VISITS.has(interaction.type)) {
      const visits = splitVisits(interaction, i);
      const rest = out.filter((c) => c !== interaction);
      for (const c of rest) if (c.datedBy === interaction) c.datedBy = visits[0];
      return [...visits, ...rest];
    }
  }
  return out;
}

/**
 * "Nurtleu and representatives of leading Moroccan companies discussed …", "اجتماع افتراضي عقده رئيس
 * الجمعية المغربية للمصدرين مع المؤسسات الاقتصادية في كازاخستان": talks with the other side's
 * businesses, where no one of that side is named, are a business meeting, not talks between the two.
 */
function withBusinessOnly(f: SentenceFacts): boolean {
  if (!f.cues.has('business')) return false;
  // Not "the sides discussed the entry of Kazakh IT companies into African markets": talks of the
  // two sides about businesses.
  if (f.cues.has('pair')) return false;
  const sides = new Set(f.people.filter((p) => !p.mentioned && p.country).map((p) => p.country));
  return sides.size < 2;
}

/**
 * "Ont pris part à cet événement commémoratif Abdellatif Miraoui, ministre de l'enseignement
 * supérieur, …", "The reception was attended by …": a sentence that tells only who attended, with
 * someone of the dyad in it, joins its people to the event told before (see assemble).
 */
function attendanceOf(kb: KnowledgeIndex, f: SentenceFacts, i: number): Candidate | undefined {
  if (!f.cues.has('attendance')) return undefined;
  const present = f.people.filter((p) => !p.mentioned && p.country && kb.dyad.includes(p.country));
  if (present.length === 0) return undefined;
  return {
    type: 'other',
    sentence: i,
    trigger: { type: 'other', tokStart: 0, tokEnd: 0, anaphoric: true, unreal: false },
    people: present.map((person) => ({ person, sentence: i })),
    agreements: [],
    sentences: new Set([i]),
    anaphoric: true,
    delegation: false,
    continues: true,
    attendance: true,
  };
}

/**
 * "в контексте реализации Совместного заявления России и США": a joint statement whose parties are
 * named right after it, a third country among them, is theirs, not one the two sides adopted.
 */
function partiesElsewhere(kb: KnowledgeIndex, f: SentenceFacts, nameEnd: number): boolean {
  return f.entities.some(
    (e) =>
      e.start >= nameEnd &&
      e.start - nameEnd <= STATEMENT_PARTIES_REACH &&
      !clauseBreakBetween(f.sentence.tokens, nameEnd, e.start) &&
      e.payloads.some((p) => p.kind === 'country' && !kb.dyad.includes(p.code)),
  );
}

/** The documents named right after a verb that adopts them ("adopted a roadmap for cooperation"). */
function documentsAfter(f: SentenceFacts, verb: TriggerHit, documents: readonly string[]): string[] {
  return f.agreements
    .filter(
      (a) =>
        documents.includes(a.name) && a.tokStart >= verb.tokEnd && a.tokStart - verb.tokEnd <= ADOPTED_REACH,
    )
    .map((a) => a.name);
}

/** "The visits of the minister and of the speaker": one visit per person, each with the phrase's date. */
function splitVisits(visit: Candidate, sentence: number): Candidate[] {
  const group = `${sentence}:${visit.trigger.tokStart}`;
  return visit.people.map((one) => ({
    ...visit,
    people: [one],
    agreements: [...visit.agreements],
    sentences: new Set(visit.sentences),
    group,
  }));
}

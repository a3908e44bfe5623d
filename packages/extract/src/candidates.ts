import type { EventType } from '@dyad/contracts';
import type { SentenceFacts, TriggerHit } from './analyse.ts';
import type { DateHit } from './dates.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import type { PersonHit } from './people.ts';

export type AgreementStatus = 'signed' | 'in_force' | 'planned';

/** One event as one sentence reports it, before the article's reports are merged. */
export interface Candidate {
  type: EventType;
  readonly sentence: number;
  readonly trigger: TriggerHit;
  date?: { hit: DateHit; sentence: number };
  /** A document adopted during an interaction named in the same sentence takes its date. */
  datedBy?: Candidate;
  readonly people: { person: PersonHit; sentence: number }[];
  location?: { name: string; country: string; sentence: number };
  readonly agreements: { name: string; status: AgreementStatus; sentence: number }[];
  readonly sentences: Set<number>;
  readonly anaphoric: boolean;
  /** Visits split from one plural phrase ("the visits of X and of Y"): never merged back together. */
  readonly group?: string;
  /** The sentence speaks of "the delegation": the visiting party of the article's visit. */
  readonly delegation: boolean;
}

const INTERACTION_PRIORITY = [
  'phone_call',
  'courtesy_visit',
  'official_visit',
  'visit',
  'reception',
  'bilateral_meeting',
] as const;
export const INTERACTIONS: ReadonlySet<EventType> = new Set([
  'official_visit',
  'courtesy_visit',
  'bilateral_meeting',
  'parliamentary_meeting',
  'phone_call',
]);

/** Whether the sentence names both sides, or one side and the other within the two before. */
function bothSides(kb: KnowledgeIndex, facts: readonly SentenceFacts[], i: number): boolean {
  const f = facts[i];
  if (!f) return false;
  const [a, b] = kb.dyad;
  const third = [...f.countries].some((c) => !kb.dyad.includes(c)) || f.cues.has('otherCountries');
  // "The two countries" are the ones just named: not the dyad after a sentence about Azerbaijan.
  const thirdBefore = [facts[i - 1], facts[i - 2]].some((p) =>
    [...(p?.countries ?? [])].some((c) => !kb.dyad.includes(c)),
  );
  const pair = f.cues.has('pair') && !third && !thirdBefore;
  const hasA = pair || f.countries.has(a);
  const hasB = pair || f.countries.has(b);
  if (hasA && hasB) return true;
  // With a third country in the sentence, both sides must be in it: "X met Azerbaijan's speaker"
  // is not a dyad event because the article was about Kazakhstan two sentences earlier.
  if (third || (!hasA && !hasB)) return false;
  // Nor when the sentence happens somewhere else: "the minister then met Airbus in Brussels".
  if (f.places.some((p) => !kb.dyad.includes(p.country))) return false;
  const missing = hasA ? b : a;
  for (const k of [i - 1, i - 2]) if (facts[k]?.countries.has(missing)) return true;
  return false;
}

function distance(a: { tokStart: number; tokEnd: number }, b: { tokStart: number; tokEnd: number }): number {
  if (a.tokEnd <= b.tokStart) return b.tokStart - a.tokEnd;
  if (b.tokEnd <= a.tokStart) return a.tokStart - b.tokEnd;
  return 0;
}

/** The event reports of one sentence. */
export function sentenceCandidates(
  kb: KnowledgeIndex,
  facts: readonly SentenceFacts[],
  i: number,
): Candidate[] {
  const f = facts[i];
  if (!f) return [];
  const real = f.triggers.filter((t) => !t.unreal);
  const policy = f.cues.has('support') && f.cues.has('position');
  if ((real.length === 0 && !policy) || !bothSides(kb, facts, i)) return [];
  const out: Candidate[] = [];
  const make = (type: EventType, trigger: TriggerHit): Candidate => ({
    type,
    sentence: i,
    trigger,
    people: [],
    agreements: [],
    sentences: new Set([i]),
    anaphoric: trigger.anaphoric,
    delegation: f.cues.has('delegation'),
  });
  const ambassador = f.people.some((p) => p.office === 'ambassador');
  let interaction: Candidate | undefined;
  // A trigger that names the event already told ("during this visit") yields to one that does not.
  // So does one in a relative clause ("X met Y, who is on a working visit"): the setting.
  const isInteraction = (x: TriggerHit) => (INTERACTION_PRIORITY as readonly string[]).includes(x.type);
  const fresh = real.filter((x) => !x.anaphoric);
  const own = fresh.filter((x) => !x.background);
  const pool = own.some(isInteraction) ? own : fresh.some(isInteraction) ? fresh : real;
  for (const kind of INTERACTION_PRIORITY) {
    const t = pool.find((x) => x.type === kind);
    if (!t) continue;
    let type: EventType;
    const parliamentary = f.cues.has('parliamentary');
    // An ambassador calling on an official, or received by one, is a courtesy visit; a working
    // meeting with one stays a meeting.
    if (kind === 'visit') type = ambassador ? 'courtesy_visit' : 'official_visit';
    else if (kind === 'reception')
      type = ambassador ? 'courtesy_visit' : parliamentary ? 'parliamentary_meeting' : 'bilateral_meeting';
    else if (kind === 'bilateral_meeting' && parliamentary) type = 'parliamentary_meeting';
    else type = kind;
    interaction = make(type, t);
    out.push(interaction);
    break;
  }
  // "X received Y, who is on an official visit to Morocco from 24 to 26 November": the visit is an
  // event too, the setting of the meeting, with the dates nearest to it.
  const setting = fresh.find(
    (x) => x.background && (x.type === 'visit' || x.type === 'official_visit' || x.type === 'courtesy_visit'),
  );
  const settingVisit =
    interaction && setting && !VISITS.has(interaction.type)
      ? make(setting.type === 'courtesy_visit' ? 'courtesy_visit' : 'official_visit', setting)
      : undefined;
  if (settingVisit) out.push(settingVisit);
  const has = (type: string) => real.find((t) => t.type === type);
  const names = new Set(f.agreements.map((a) => a.name));
  const specific = [...names].filter((n) => n !== 'agreement' && n !== 'joint statement');
  const documents = specific.length > 0 ? specific : names.has('agreement') ? ['agreement'] : [];
  const signing = has('agreement_signing');
  const issued = has('joint_statement');
  const future = f.cues.has('future');
  if (names.has('joint statement') && (signing || issued || f.dates.length > 0 || interaction)) {
    const c = make('joint_statement', signing ?? issued ?? interaction?.trigger ?? (real[0] as TriggerHit));
    c.agreements.push({ name: 'joint statement', status: future ? 'planned' : 'signed', sentence: i });
    out.push(c);
  }
  const inForce = has('agreement_entry_into_force');
  if (inForce && documents.length > 0) {
    const c = make('agreement_entry_into_force', inForce);
    for (const name of documents) c.agreements.push({ name, status: 'in_force', sentence: i });
    out.push(c);
  } else if (signing && documents.length > 0) {
    const c = make('agreement_signing', signing);
    for (const name of documents) c.agreements.push({ name, status: 'signed', sentence: i });
    out.push(c);
  }
  const other = has('other');
  if (other) out.push(make('other', other));
  if (out.length === 0 && policy) {
    const t = real[0] ?? {
      type: 'policy_statement' as const,
      tokStart: 0,
      tokEnd: 1,
      anaphoric: false,
      unreal: false,
    };
    out.push(make('policy_statement', t));
  }
  // Each date goes to the nearest event trigger of the sentence. A gathering's dates do not, in a
  // sentence about plans: "discussed preparations for the 150th Assembly, to be held in April".
  // The closest date first, so that a dateline's day does not take the trigger "on Tuesday" stands
  // by; a date whose nearest trigger is taken dates nothing.
  const nearest = f.dates
    .filter((d) => !(d.kind === 'gathering' && f.futureAt.length > 0))
    .map((d) => {
      const ranked = out.map((c) => ({ c, dist: distance(c.trigger, d) })).sort((a, b) => a.dist - b.dist);
      return { d, best: ranked[0] };
    })
    .sort((a, b) => (a.best?.dist ?? Infinity) - (b.best?.dist ?? Infinity));
  for (const { d, best } of nearest) if (best && !best.c.date) best.c.date = { hit: d, sentence: i };
  // A setting told without dates of its own is only the meeting's background.
  if (settingVisit && !settingVisit.date) out.splice(out.indexOf(settingVisit), 1);
  shareSentenceDate(out, interaction);
  const primary = interaction ?? out[0];
  if (primary && !primary.date) {
    const before = leadDate(facts, i);
    if (before) primary.date = before;
  }
  // People named after a plan ("he is to meet X") or a mention cue took no part in what happened;
  // a message or a cable has its sender and addressee as its participants, though.
  const planStarts = [...f.triggers.filter((t) => t.unreal).map((t) => t.tokEnd), ...f.futureAt];
  const present = f.people.filter(
    (p) =>
      !p.mentioned &&
      !planStarts.some(
        (at) => p.tokStart >= at && !real.some((r) => r.tokStart >= at && r.tokStart <= p.tokStart),
      ),
  );
  for (const c of out) {
    if (!c.date && c !== interaction && interaction) c.datedBy = interaction;
    for (const person of c.type === 'other' ? f.people : present) c.people.push({ person, sentence: i });
  }
  // "Signed in Rabat", "issued in Astana": documents and other acts take the place named with them.
  for (const c of out) {
    if (c === interaction || c.location) continue;
    const near = nearestPlace(f, c.trigger);
    if (near && distance(near, c.trigger) <= PLACE_REACH)
      c.location = { name: near.name, country: near.country, sentence: i };
  }
  // "High-level visits have become more frequent": visits in general, no event.
  if (interaction?.trigger.plural && present.length === 0 && !interaction.date && f.places.length === 0)
    out.splice(out.indexOf(interaction), 1);
  else if (interaction) {
    // The place nearest the trigger ("on Wednesday in Rabat he held talks … between Almaty and
    // Casablanca"); on a tie, the one after it.
    for (const visit of out.filter(
      (c) => c.type === 'official_visit' && c.trigger.type !== 'reception' && !c.location,
    )) {
      // "A visit to Kazakhstan": its destination, a city of it named in the sentence or the country
      // itself by its English name — not the visitors' home city named beside them.
      const destination = destinationOf(kb, f, visit.trigger);
      const city = destination && f.places.find((p) => p.country === destination);
      const name = destination ? kb.countryNames.get(destination) : undefined;
      if (city) visit.location = { name: city.name, country: city.country, sentence: i };
      else if (destination && name) visit.location = { name, country: destination, sentence: i };
    }
    const place = nearestPlace(f, interaction.trigger);
    const gatheringPlace = interaction.date?.hit.place;
    if (interaction.location) {
      // set above: a visit's destination
    } else if (place) interaction.location = { name: place.name, country: place.country, sentence: i };
    else if (gatheringPlace) {
      const known = kb.places.get(gatheringPlace);
      interaction.location = { name: gatheringPlace, country: known?.country ?? '', sentence: i };
    }
    // A delegation listed in the next sentence travels with the visit.
    const next = facts[i + 1];
    if (next?.cues.has('delegation') && next.triggers.length === 0)
      for (const person of next.people)
        if (!person.mentioned) interaction.people.push({ person, sentence: i + 1 });
    if (interaction.trigger.plural && interaction.people.length > 1 && VISITS.has(interaction.type)) {
      const visits = splitVisits(interaction, i);
      const rest = out.filter((c) => c !== interaction);
      for (const c of rest) if (c.datedBy === interaction) c.datedBy = visits[0];
      return [...visits, ...rest];
    }
  }
  return out;
}

const VISITS: ReadonlySet<EventType> = new Set(['official_visit', 'courtesy_visit']);

/** The dyad country a visit goes to: named right after its trigger ("visite officielle au Maroc"). */
function destinationOf(kb: KnowledgeIndex, f: SentenceFacts, trigger: TriggerHit): string | undefined {
  const hit = f.entities.find(
    (e) =>
      e.start >= trigger.tokEnd &&
      e.start - trigger.tokEnd <= 4 &&
      e.payloads.some((p) => p.kind === 'country' && kb.dyad.includes(p.code) && p.form === 'name'),
  );
  const payload = hit?.payloads.find((p) => p.kind === 'country');
  return payload?.kind === 'country' ? payload.code : undefined;
}

// Headline, dateline and the first sentences: where an article sets its scene.
const LEAD_SENTENCES = 4;

// How far from a document's trigger its place may be named ("signed … on Tuesday in Rabat").
const PLACE_REACH = 8;

/** The place nearest a trigger; on a tie, the one after it. */
function nearestPlace(f: SentenceFacts, trigger: TriggerHit): SentenceFacts['places'][number] | undefined {
  return [...f.places].sort(
    (a, b) =>
      distance(a, trigger) - distance(b, trigger) ||
      Number(b.tokStart >= trigger.tokStart) - Number(a.tokStart >= trigger.tokStart),
  )[0];
}

/**
 * "Issued a joint communiqué on Monday at the close of the consultations": a day told relative to
 * the article (Monday, yesterday) dates every event of its sentence, not only the nearest one.
 */
function shareSentenceDate(out: readonly Candidate[], interaction: Candidate | undefined): void {
  if (!interaction || interaction.date) return;
  const dated = out.filter((c) => c.date);
  const only = dated.length === 1 ? dated[0]?.date : undefined;
  if (only && only.hit.kind === 'relative' && only.hit.precision === 'day') interaction.date = only;
}

/**
 * "The forum opened on Monday in Casablanca. On its sidelines, … signed": a sentence with no
 * event of its own that gives one day (not a past one referred to) dates the next sentence's event.
 */
function leadDate(facts: readonly SentenceFacts[], i: number): Candidate['date'] {
  // Only in the lead: further down, a day in a quote ("the world needs today") dates nothing.
  if (i > LEAD_SENTENCES) return undefined;
  const previous = facts[i - 1];
  if (!previous || previous.triggers.length > 0 || previous.dates.length !== 1) return undefined;
  const hit = previous.dates[0];
  if (hit?.precision !== 'day' || hit.relation === 'past') return undefined;
  return { hit, sentence: i - 1 };
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

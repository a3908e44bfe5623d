/**
 * An event as the article's assembly builds it from the candidates that tell it, and what the
 * assembly's rules ask of one: its people, its documents, the event it was held during.
 */
import type { Candidate } from './candidate.ts';
import { INTERACTIONS } from './event-kinds.ts';
import type { EventDateValue } from './news-date.ts';

export interface Assembled {
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

/**
 * Whether an undated "the talks", "итогом переговоров" names an interaction already told. With none
 * told before it, it is news of its own: "Итогом переговоров генерального прокурора Казахстана с
 * министром юстиции Марокко стало соглашение" opens an article with the talks it reports.
 */
export function refersBack(c: Candidate, events: readonly Assembled[]): boolean {
  return c.anaphoric && !c.date && events.some((e) => INTERACTIONS.has(e.candidate.type));
}

export function sameTime(a: Assembled, b: Assembled): boolean {
  return a.date === null || b.date === null || (a.date.value === b.date.value && a.date.end === b.date.end);
}

/** Whether a candidate names no known person, or one the event already has. */
export function sharesPeople(e: Assembled, c: Candidate): boolean {
  const known = c.people.filter((p) => p.person.actorId).map((p) => p.person.actorId);
  if (known.length === 0) return true;
  const ids = new Set(e.merged.flatMap((m) => m.people.map((p) => p.person.actorId)));
  return known.some((id) => ids.has(id));
}

/**
 * Whether a candidate names, on one side, only people other than those the event has on that side:
 * "Al-Sisi received Lavrov. Later in the day, Lavrov held talks with his counterpart Shoukry" is a
 * second meeting, not the first told again.
 */
export function namesOthersOfASide(e: Assembled, c: Candidate): boolean {
  const bySide = (people: readonly { person: { actorId?: string; country?: string } }[]) => {
    const sides = new Map<string, Set<string>>();
    for (const { person } of people)
      if (person.actorId && person.country)
        sides.set(person.country, (sides.get(person.country) ?? new Set()).add(person.actorId));
    return sides;
  };
  const theirs = bySide(e.merged.flatMap((m) => m.people));
  for (const [side, ids] of bySide(c.people)) {
    const had = theirs.get(side);
    if (had && ![...ids].some((id) => had.has(id))) return true;
  }
  return false;
}

/** The event a document was adopted during: the one its dating interaction joined. */
export function hostOf(events: readonly Assembled[], c: Candidate): Assembled | undefined {
  const by = c.datedBy;
  // The event that interaction is first of all (talks during a visit also count among the visit's).
  return by
    ? (events.find((x) => x.candidate === by) ?? events.find((x) => x.merged.includes(by)))
    : undefined;
}

// What a document is called when the text names no kind: "the document was signed by …".
export const GENERIC_DOCUMENT = 'agreement';

/** Whether a candidate names a document the event has, or only "the document", when it has one. */
export function sameAgreements(e: Assembled, c: Candidate): boolean {
  const names = new Set(e.merged.flatMap((m) => m.agreements.map((a) => a.name)));
  if (c.agreements.some((a) => names.has(a.name))) return true;
  const generic = (list: Iterable<string>) => [...list].every((n) => n === GENERIC_DOCUMENT);
  const theirs = c.agreements.map((a) => a.name);
  // "Morocco, Kazakhstan sign agreement" (the headline) and "… signed an Islamic cooperation
  // agreement" (the body): one document, named once in full.
  return names.size > 0 && theirs.length > 0 && (generic(theirs) || generic(names));
}

/**
 * What an event adopted or stated during another takes of its people: a document all of them (its
 * signatories are those who met); a position only the stating side's ("during the talks, Kazakhstan
 * expressed its support"); talks their own.
 */
export function sharedPeople(
  c: Candidate,
  host: Assembled,
): Pick<Assembled, 'peopleFrom' | 'speakerFrom' | 'sidesFrom'> {
  if (c.type === 'policy_statement') return { speakerFrom: host };
  if (INTERACTIONS.has(c.type)) return {};
  // Signed at talks during a visit: the visitors those talks count are signatories too.
  return { peopleFrom: host, ...(host.sidesFrom ? { sidesFrom: host.sidesFrom } : {}) };
}

import { type EventReport, eventDateRange, formatEventDate, rangesOverlap } from '@dyad/contracts';
import { matchRange, visitDaysAdjoin } from './dates.ts';
import { type EventState, type ReportInput, typeClass } from './types.ts';

export interface Match {
  readonly score: number;
  readonly reason: string;
}

function placeKey(location: { name: string; country?: string } | undefined): string | undefined {
  return location ? location.name.normalize('NFKC').trim().toLowerCase() : undefined;
}

function agreementKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Unknown persons match only themselves; their ids are weaker evidence than the knowledge base's. */
function isKnownActor(actorId: string): boolean {
  return !actorId.startsWith('unknown:');
}

/**
 * Whether a report describes this known event, and how strongly: the same type class, dates that
 * can be the same days at both precisions, and something that identifies the event — a shared
 * participant, the same place, or the same agreement. Null when it is not the same event.
 */
export function matchReport(event: EventState, input: ReportInput): Match | null {
  const report = input.report;
  const cls = typeClass(report.type);
  if (cls !== typeClass(event.type)) return null;
  // A date taken from the article's publication or fetch may be a few days after the event.
  const eventRange = matchRange(event.date);
  const reportRange = matchRange(report.date);
  // A visit's reports may give days that only touch (VISIT DAYS ADJOIN), if they share someone.
  const adjoining = !rangesOverlap(eventRange, reportRange);
  if (adjoining && !(cls === 'visit' && visitDaysAdjoin(event.date, report.date))) return null;

  const eventActors = new Set(event.participants.map((p) => p.actorId));
  // Talks, calls and calls on an official are between given people: the Kazakh ambassador received
  // by Azoulay and the Kazakh ambassador received by the council's president are two events, even
  // on one day. (A delegation's visit meets many hosts: its reports name different ones.)
  if (!(report.type === 'official_visit' && event.type === 'official_visit') && sidesConflict(report, event))
    return null;
  const shared = [...new Set(report.participants.map((p) => p.actorId))].filter((id) => eventActors.has(id));
  const sharedKnown = shared.filter(isKnownActor);
  if (adjoining && sharedKnown.length === 0) return null;
  const samePlace =
    placeKey(report.location) !== undefined && placeKey(report.location) === placeKey(event.location);
  const eventAgreements = new Set(event.agreements.map((a) => agreementKey(a.name)));
  const sharedAgreements = report.agreements
    .map((a) => a.name)
    .filter((n) => eventAgreements.has(agreementKey(n)));

  // "The foreign minister's visit": a role reference holds when the event has one of its holders.
  const heldReferences = (report.references ?? [])
    .map((r) => ({ office: r.office, held: r.candidates.filter((id) => eventActors.has(id)) }))
    .filter((r) => r.held.length > 0);

  // An act of the two states that names no one, no place and no document ("diplomatic relations
  // were established in 1992") is told the same way by every article: the same type on the same
  // date is the same act. Without a date, nothing tells two such acts apart.
  const sameBareAct =
    bare(report) && bare(event) && report.type === event.type && sameWrittenDate(report.date, event.date);
  if (
    shared.length === 0 &&
    !samePlace &&
    sharedAgreements.length === 0 &&
    heldReferences.length === 0 &&
    !sameBareAct
  )
    return null;

  const sameDay =
    report.date?.precision === 'day' &&
    event.date?.precision === 'day' &&
    eventDateRange(report.date).first === eventDateRange(event.date).first;
  const score =
    3 * sharedKnown.length +
    (shared.length - sharedKnown.length) +
    (samePlace ? 2 : 0) +
    2 * sharedAgreements.length +
    heldReferences.length +
    (sameDay ? 1 : 0);
  const parts = [
    `same kind of event (${cls})`,
    `dates compatible (${formatEventDate(event.date)} ~ ${formatEventDate(report.date)})`,
  ];
  if (adjoining) parts.push('days of one visit that touch');
  if (sameBareAct) parts.push('the same act, named by no one, on the same date');
  if (shared.length) parts.push(`shared participants ${shared.join(', ')}`);
  if (samePlace) parts.push(`same place ${report.location?.name}`);
  if (sharedAgreements.length) parts.push(`same agreement ${sharedAgreements.join(', ')}`);
  for (const r of heldReferences) parts.push(`${r.office} held by ${r.held.join(', ')}`);
  return { score, reason: parts.join('; ') };
}

/**
 * Whether the two name known people of one side and none in common there: "Sailaukyzy and
 * Azoulay" against "Sailaukyzy and the president of the Rabat council".
 */
function sidesConflict(
  report: { participants: readonly { actorId: string; country: string }[] },
  event: { participants: readonly { actorId: string; country: string }[] },
): boolean {
  const known = (list: readonly { actorId: string; country: string }[], side: string) =>
    new Set(list.filter((p) => p.country === side && isKnownActor(p.actorId)).map((p) => p.actorId));
  const sides = new Set(report.participants.map((p) => p.country));
  for (const side of sides) {
    const ours = known(report.participants, side);
    const theirs = known(event.participants, side);
    if (ours.size > 0 && theirs.size > 0 && ![...ours].some((id) => theirs.has(id))) return true;
  }
  return false;
}

/** An event or report with no participant, place, agreement or role reference. */
function bare(x: {
  participants: readonly unknown[];
  location?: unknown;
  agreements: readonly unknown[];
  references?: readonly unknown[];
}): boolean {
  return (
    x.participants.length === 0 &&
    x.location === undefined &&
    x.agreements.length === 0 &&
    (x.references?.length ?? 0) === 0
  );
}

/** The same date written the same way: value, end and precision (never two undated ones). */
function sameWrittenDate(a: EventReport['date'], b: EventReport['date']): boolean {
  return (
    a !== null &&
    b !== null &&
    a.value === b.value &&
    (a.end ?? null) === (b.end ?? null) &&
    a.precision === b.precision
  );
}

/**
 * A report that names nothing of its own — no participant, place or agreement, only role phrases
 * that fit several people — and is not the article's news: it can join a known event, never
 * start one.
 */
export function isReferenceOnly(report: ReportInput['report']): boolean {
  return (
    !report.main &&
    report.participants.length === 0 &&
    report.location === undefined &&
    report.agreements.length === 0 &&
    (report.references?.length ?? 0) > 0
  );
}

/** Every known event the report matches, best first. */
export function allMatches(
  candidates: readonly EventState[],
  input: ReportInput,
): { event: EventState; match: Match }[] {
  const out: { event: EventState; match: Match }[] = [];
  for (const event of candidates) {
    const match = matchReport(event, input);
    if (match) out.push({ event, match });
  }
  return out.sort((a, b) => b.match.score - a.match.score);
}

/** The best-matching known event, if any. Ties go to the earliest first seen (stable). */
export function bestMatch(
  candidates: readonly EventState[],
  input: ReportInput,
): { event: EventState; match: Match } | undefined {
  let best: { event: EventState; match: Match } | undefined;
  for (const event of candidates) {
    const match = matchReport(event, input);
    if (!match) continue;
    if (!best || match.score > best.match.score) best = { event, match };
  }
  return best;
}

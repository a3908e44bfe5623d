import { type EventMessage, eventDateRange, rangeContains } from '@dyad/contracts';
import { isApproximate } from './dates.ts';
import { allMatches, bestMatch, isReferenceOnly } from './match.ts';
import { createEvent, mergeIntoEvent } from './merge.ts';
import {
  type EventState,
  type ReportInput,
  type Resolution,
  type ResolveContext,
  typeClass,
} from './types.ts';

/** A stable seed for a report's event id: the same report gets the same id on a replay. */
export function reportSeed(input: ReportInput): string {
  const r = input.report;
  const seed = `${input.source.articleId}:${r.type}:${r.date?.value ?? 'undated'}:${r.participants.map((p) => p.actorId).join(',')}`;
  return r.references?.length ? `${seed}:${r.references.map((x) => x.candidates.join('+')).join(',')}` : seed;
}

/** New event or report of a known one (the best match among `candidates`). */
export function resolveReport(
  candidates: readonly EventState[],
  input: ReportInput,
  ctx: ResolveContext,
): Resolution {
  if (isReferenceOnly(input.report)) {
    const matches = allMatches(candidates, input);
    const [only] = matches;
    if (matches.length !== 1 || !only) {
      const offices = (input.report.references ?? []).map((r) => r.office).join(', ');
      return {
        kind: 'unlinked',
        reason:
          matches.length === 0
            ? `no known event fits the reference (${offices})`
            : `${matches.length} known events fit the reference (${offices})`,
      };
    }
    const { event, changed } = mergeIntoEvent(only.event, input, only.match.reason, ctx.now);
    return { kind: 'merged', event, changed, reason: only.match.reason };
  }
  const best = bestMatch(candidates, input);
  if (!best) return { kind: 'new', event: createEvent(ctx.newEventId(reportSeed(input)), input, ctx.now) };
  const { event, changed } = mergeIntoEvent(best.event, input, best.match.reason, ctx.now);
  return { kind: 'merged', event, changed, reason: best.match.reason };
}

/**
 * The visit a meeting or signing took place within: a visit-class event whose days contain it
 * and that shares a participant or its place. Distinct meetings stay events of their own.
 */
export function findParent(event: EventState, candidates: readonly EventState[]): EventState | undefined {
  // An undated event cannot be placed inside a visit's days.
  if (typeClass(event.type) === 'visit' || event.date === null) return undefined;
  const range = eventDateRange(event.date);
  const actors = new Set(event.participants.map((p) => p.actorId));
  let best: EventState | undefined;
  for (const visit of candidates) {
    if (visit.eventId === event.eventId || typeClass(visit.type) !== 'visit' || visit.date === null) continue;
    if (!rangeContains(eventDateRange(visit.date), range)) continue;
    const sharesActor = visit.participants.some((p) => actors.has(p.actorId));
    const samePlace =
      event.location !== undefined &&
      visit.location?.name.toLowerCase() === event.location.name.toLowerCase();
    if (!sharesActor && !samePlace) continue;
    // The narrowest containing visit is the most specific parent.
    if (!best || eventDateRange(visit.date).last < eventDateRange(best.date).last) best = visit;
  }
  return best;
}

/** Sets partOf where a parent visit is known; bumps the version of events whose partOf changed. */
export function linkParts(events: readonly EventState[], now: string): EventState[] {
  return events.map((event) => {
    const parent = findParent(event, events)?.eventId;
    if (parent === event.partOf) return event;
    const { partOf: _old, ...rest } = event;
    return {
      ...rest,
      ...(parent ? { partOf: parent } : {}),
      version: event.version + (event.version === 1 && event.updatedAt === event.firstSeenAt ? 0 : 1),
      updatedAt: now,
    };
  });
}

/** Merge order: reports that carry the news and pin the date down first, then the rest. */
function mergeOrder(a: ReportInput, b: ReportInput): number {
  const rank = (input: ReportInput) => {
    const date = input.report.date;
    // A date the text gives before one taken from the article; any date before none.
    return date === null ? 0 : { year: 1, month: 2, day: 3 }[date.precision] + (isApproximate(date) ? 0 : 3);
  };
  return (
    Number(b.report.main) - Number(a.report.main) ||
    rank(b) - rank(a) ||
    a.source.articleId.localeCompare(b.source.articleId)
  );
}

/** Resolves a set of reports among themselves (the offline path, `dyad extract`), with merge history. */
export function resolveAllStates(inputs: readonly ReportInput[], ctx: ResolveContext): EventState[] {
  let events: EventState[] = [];
  const apply = (input: ReportInput): boolean => {
    const resolution = resolveReport(events, input, ctx);
    if (resolution.kind === 'unlinked') return false;
    events =
      resolution.kind === 'new'
        ? [...events, resolution.event]
        : events.map((e) => (e.eventId === resolution.event.eventId ? resolution.event : e));
    return true;
  };
  // References wait until every event they could mean is known.
  const sorted = [...inputs].sort(mergeOrder);
  for (const input of sorted.filter((i) => !isReferenceOnly(i.report))) apply(input);
  for (const input of sorted.filter((i) => isReferenceOnly(i.report))) apply(input);
  return linkParts(events, ctx.now);
}

/** The `new-event` / `event-updated` body of an event. */
export function toEventMessage(event: EventState): EventMessage {
  const { mergeReasons: _m, ...message } = event;
  return message;
}

/** Resolves reports among themselves and returns the events as `new-event` messages. */
export function resolveAll(inputs: readonly ReportInput[], ctx: ResolveContext): EventMessage[] {
  return resolveAllStates(inputs, ctx).map(toEventMessage);
}

import { type EventMessage, eventDateRange, rangeContains } from '@dyad/contracts';
import { allMatches, bestMatch, isReferenceOnly } from './match.ts';
import { createEvent, mergeIntoEvent } from './merge.ts';
import {
  type EventState,
  type ReportInput,
  type Resolution,
  type ResolveContext,
  typeClass,
} from './types.ts';

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
  if (!best) return { kind: 'new', event: createEvent(ctx.newEventId(), input, ctx.now) };
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

/** The `new-event` / `event-updated` body of an event. */
export function toEventMessage(event: EventState): EventMessage {
  const { mergeReasons: _m, ...message } = event;
  return message;
}

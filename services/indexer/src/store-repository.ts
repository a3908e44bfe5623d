import { eventDateRange } from '@dyad/contracts';
import type { EventChange, ResolutionChanges, ResolutionRepository } from '@dyad/resolve';
import { toEventMessage, typeClass } from '@dyad/resolve';
import { type OutboxMessage, ResolutionConflictError, type StoreTransaction } from '@dyad/store';

/**
 * The announcement of each change, queued in the outbox with it: `new-event` once per event
 * (message id = event id), `event-updated` per later version (event id + version).
 */
export function announcements(changes: ResolutionChanges): Omit<OutboxMessage, 'id'>[] {
  return changes.events.map(({ event, created }) => ({
    subject: created ? 'new-event' : 'event-updated',
    msgId: created ? event.eventId : `${event.eventId}:${event.version}`,
    eventId: event.eventId,
    version: event.version,
    payload: toEventMessage(event),
  }));
}

/** An event as a row of `events`: its class, and the days it stands for (undated: every day). */
function rowOf({ event }: EventChange) {
  const days = eventDateRange(event.date);
  return { event, typeClass: typeClass(event.type), dateFirst: days.first, dateLast: days.last };
}

/**
 * `ResolutionRepository` over one store transaction: resolution reads events and held references
 * through it, and writes events, report links and their announcements (the outbox) in one
 * statement, a changed event only from the version read (else ResolutionConflictError, and the
 * indexer runs the article's transaction again).
 */
export function storeRepository(tx: StoreTransaction): ResolutionRepository {
  return {
    findCandidates: (cls, days) => tx.findCandidates(cls, days.first, days.last),
    findHeldReferences: async (cls, days) =>
      // The store keeps the class as text; these are of the class asked for.
      (await tx.findHeldReferences(cls, days.first, days.last)).map((held) => ({ ...held, typeClass: cls })),
    holdReference: (reference) => tx.holdReference(reference),
    takeHeldReference: async (articleId, reportIndex) => {
      if ((await tx.releaseReference(articleId, reportIndex)) === 0)
        throw new ResolutionConflictError(
          `held reference ${articleId}#${reportIndex} was joined by another transaction`,
        );
    },
    releaseHeldReferences: async (articleId) => {
      await tx.releaseReference(articleId);
    },
    write: (changes) =>
      tx.writeResolution({
        events: changes.events.map((change) =>
          change.expectedVersion === undefined
            ? { row: rowOf(change) }
            : { row: rowOf(change), expectedVersion: change.expectedVersion },
        ),
        reports: changes.reports,
        outbox: announcements(changes),
      }),
  };
}

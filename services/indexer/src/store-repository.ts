import {
  type DayRange,
  eventDateRange,
  partialDateRange,
  rangesOverlap,
  type TypeClass,
} from '@dyad/contracts';
import type {
  EventState,
  HeldReference,
  ResolutionChanges,
  ResolutionRepository,
  SearchScope,
} from '@dyad/resolve';
import { toEventMessage, typeClass } from '@dyad/resolve';
import {
  type CandidateScope,
  type OutboxMessage,
  type ReportRow,
  ResolutionConflictError,
  type StoreTransaction,
} from '@dyad/store';

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
function rowOf(event: EventState) {
  const days = eventDateRange(event.date);
  return { event, typeClass: typeClass(event.type), dateFirst: days.first, dateLast: days.last };
}

/** Classes whose events may take place within a visit (resolution links them: partOf). */
const PART_CLASSES: readonly TypeClass[] = ['meeting', 'agreement', 'statement', 'other'];

/** A range widened to whole months (a search of a few days reads its month: later ones fall inside). */
function wholeMonths(days: DayRange): DayRange {
  return {
    first: partialDateRange(days.first.slice(0, 7)).first,
    last: partialDateRange(days.last.slice(0, 7)).last,
  };
}

/** Whether one of `scopes` of class `cls` contains `days`. */
function covers(scopes: readonly CandidateScope[], cls: string, days: DayRange): boolean {
  return scopes.some((s) => s.typeClass === cls && s.first <= days.first && s.last >= days.last);
}

/** Store order: first seen, then id (ISO timestamps of one form sort as strings). */
function byFirstSeen(a: EventState, b: EventState): number {
  if (a.firstSeenAt !== b.firstSeenAt) return a.firstSeenAt < b.firstSeenAt ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * `ResolutionRepository` over one store transaction, for one article or several resolved one
 * after the other (a batch). Reads: the candidates and held references of the articles' scopes
 * are read at once (`prefetch`, one statement each) and searches within them answered from what
 * was read; a search outside them goes to the store. What an article writes is kept here, and
 * the next article's searches see it, as they would see it committed. `flush` writes every
 * event, report link and announcement (the outbox) in one statement, a changed event only from
 * the version read from the store (else ResolutionConflictError: the indexer runs the batch's
 * transaction again). Held references are written through at once (they are rare).
 */
export class StoreBatch implements ResolutionRepository {
  private readonly tx: StoreTransaction;
  private candidateScopes: CandidateScope[] = [];
  private heldScopes: CandidateScope[] = [];
  /** Events read by prefetch (their state in the store), by class. */
  private prefetched = new Map<TypeClass, EventState[]>();
  private prefetchedHeld: HeldReference[] = [];
  /** The version each event read from the store had. */
  private readonly storedVersion = new Map<string, number>();
  /** Events written by this batch: the newest state, and the version read from the store (none: created here). */
  private readonly pending = new Map<string, { event: EventState; stored: number | undefined }>();
  private readonly reports: ReportRow[] = [];
  private readonly outbox: Omit<OutboxMessage, 'id'>[] = [];
  /** A held reference was written: searches for them go to the store from then on. */
  private heldWritten = false;
  /**
   * Each event state's class and days, worked out once: a batch's searches go over the same
   * prefetched events again and again (states are replaced, never changed in place).
   */
  private readonly shapes = new WeakMap<EventState, { readonly cls: TypeClass; readonly days: DayRange }>();

  constructor(tx: StoreTransaction) {
    this.tx = tx;
  }

  /**
   * Reads at once what resolving reports of these scopes will search: each scope's class over
   * the scope's months, and the classes partOf links it with (a visit's parts, a part's visits).
   */
  async prefetch(scopes: readonly SearchScope[]): Promise<void> {
    const wanted = new Map<string, CandidateScope>();
    const held = new Map<string, CandidateScope>();
    const want = (into: Map<string, CandidateScope>, cls: string, days: DayRange) =>
      into.set(`${cls} ${days.first} ${days.last}`, { typeClass: cls, ...days });
    for (const scope of scopes) {
      const days = wholeMonths(scope);
      want(wanted, scope.typeClass, days);
      want(held, scope.typeClass, days);
      if (scope.typeClass === 'visit') for (const cls of PART_CLASSES) want(wanted, cls, days);
      else want(wanted, 'visit', days);
    }
    this.candidateScopes = [...wanted.values()];
    this.heldScopes = [...held.values()];
    const [events, references] = await Promise.all([
      this.tx.findCandidatesIn(this.candidateScopes),
      this.tx.findHeldReferencesIn(this.heldScopes),
    ]);
    this.prefetched = new Map();
    for (const e of events) {
      this.remember(e);
      const { cls } = this.shapeOf(e);
      const ofClass = this.prefetched.get(cls);
      if (ofClass) ofClass.push(e);
      else this.prefetched.set(cls, [e]);
    }
    // The store keeps the class as text; these are of the classes asked for.
    this.prefetchedHeld = references.map((r) => ({ ...r, typeClass: r.typeClass as TypeClass }));
  }

  private shapeOf(event: EventState): { readonly cls: TypeClass; readonly days: DayRange } {
    let shape = this.shapes.get(event);
    if (!shape) {
      shape = { cls: typeClass(event.type), days: eventDateRange(event.date) };
      this.shapes.set(event, shape);
    }
    return shape;
  }

  private remember(event: EventState): void {
    if (!this.storedVersion.has(event.eventId)) this.storedVersion.set(event.eventId, event.version);
  }

  async findCandidates(cls: TypeClass, days: DayRange): Promise<readonly EventState[]> {
    let stored: readonly EventState[];
    // Prefetched events of other classes in the store: one this batch moved into `cls` is pending,
    // and found below with the others written by the batch.
    if (covers(this.candidateScopes, cls, days)) stored = this.prefetched.get(cls) ?? [];
    else {
      stored = await this.tx.findCandidates(cls, days.first, days.last);
      for (const e of stored) this.remember(e);
    }
    const fits = (e: EventState) => {
      const shape = this.shapeOf(e);
      return shape.cls === cls && rangesOverlap(shape.days, days);
    };
    const out = new Map<string, EventState>();
    for (const e of stored) {
      const current = this.pending.get(e.eventId)?.event ?? e;
      if (fits(current)) out.set(e.eventId, current);
    }
    // Written by an earlier article of the batch (created, or moved into these days).
    for (const { event } of this.pending.values())
      if (!out.has(event.eventId) && fits(event)) out.set(event.eventId, event);
    return [...out.values()].sort(byFirstSeen);
  }

  async findHeldReferences(cls: TypeClass, days: DayRange): Promise<readonly HeldReference[]> {
    if (!this.heldWritten && covers(this.heldScopes, cls, days))
      return this.prefetchedHeld.filter(
        (r) => r.typeClass === cls && r.dateFirst <= days.last && r.dateLast >= days.first,
      );
    // The store keeps the class as text; these are of the class asked for.
    return (await this.tx.findHeldReferences(cls, days.first, days.last)).map((held) => ({
      ...held,
      typeClass: cls,
    }));
  }

  async holdReference(reference: HeldReference): Promise<void> {
    this.heldWritten = true;
    await this.tx.holdReference(reference);
  }

  async takeHeldReference(articleId: string, reportIndex: number): Promise<void> {
    this.heldWritten = true;
    if ((await this.tx.releaseReference(articleId, reportIndex)) === 0)
      throw new ResolutionConflictError(
        `held reference ${articleId}#${reportIndex} was joined by another transaction`,
      );
  }

  async releaseHeldReferences(articleId: string): Promise<void> {
    this.heldWritten = true;
    await this.tx.releaseReference(articleId);
  }

  /** Keeps one article's changes (checked against what this batch read and wrote) for `flush`. */
  async write(changes: ResolutionChanges): Promise<void> {
    for (const { event, created, expectedVersion } of changes.events) {
      const known = this.pending.get(event.eventId);
      const current = known ? known.event.version : this.storedVersion.get(event.eventId);
      if (created ? current !== undefined : current !== expectedVersion)
        throw new ResolutionConflictError(
          `event ${event.eventId} is not at version ${expectedVersion ?? '(new)'} in this batch`,
        );
    }
    for (const { event, created, expectedVersion } of changes.events) {
      const known = this.pending.get(event.eventId);
      this.pending.set(event.eventId, {
        event,
        stored: known ? known.stored : created ? undefined : expectedVersion,
      });
    }
    this.reports.push(...changes.reports);
    this.outbox.push(...announcements(changes));
  }

  /** Writes what the batch's articles changed, in one statement (nothing when nothing changed). */
  async flush(): Promise<void> {
    if (this.pending.size === 0 && this.reports.length === 0) return;
    await this.tx.writeResolution({
      events: [...this.pending.values()].map(({ event, stored }) =>
        stored === undefined ? { row: rowOf(event) } : { row: rowOf(event), expectedVersion: stored },
      ),
      reports: this.reports,
      outbox: this.outbox,
    });
  }
}

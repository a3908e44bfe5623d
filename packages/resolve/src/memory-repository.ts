import { type DayRange, eventDateRange, rangesOverlap, type TypeClass } from '@dyad/contracts';
import type { HeldReference, ReportLink, ResolutionChanges, ResolutionRepository } from './repository.ts';
import { type EventState, typeClass } from './types.ts';

/** A write the memory repository refuses: what the store would refuse as a conflict. */
export class MemoryConflictError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MemoryConflictError';
  }
}

interface Kept<T> {
  readonly value: T;
  /** Which write first kept it: the store's first_seen_at (events) or held_at (references). */
  readonly write: number;
}

/** Sorts as the store does: by when first written, then by id. */
function byWriteThen<T>(key: (value: T) => string) {
  return (a: Kept<T>, b: Kept<T>) => a.write - b.write || key(a.value).localeCompare(key(b.value));
}

/**
 * `ResolutionRepository` in memory, for `dyad extract` and tests: the store's rules without the
 * store. Candidates come in the order the store gives them (by the write that first kept them,
 * as the store by first_seen_at, then by id), a changed event is written only from the version
 * read, a reference is taken once, and one link is kept per event and article (main if any
 * report says so, the last evidence, the first reason).
 */
export class MemoryRepository implements ResolutionRepository {
  private readonly events = new Map<string, Kept<EventState>>();
  private readonly held = new Map<string, Kept<HeldReference>>();
  private readonly links = new Map<string, ReportLink>();
  private writes = 0;

  async findCandidates(cls: TypeClass, days: DayRange): Promise<readonly EventState[]> {
    return [...this.events.values()]
      .filter(({ value }) => typeClass(value.type) === cls && rangesOverlap(eventDateRange(value.date), days))
      .sort(byWriteThen((e) => e.eventId))
      .map(({ value }) => value);
  }

  async findHeldReferences(cls: TypeClass, days: DayRange): Promise<readonly HeldReference[]> {
    return [...this.held.values()]
      .filter(
        ({ value }) =>
          value.typeClass === cls && value.dateFirst <= days.last && value.dateLast >= days.first,
      )
      .sort(byWriteThen((r) => `${r.articleId}#${String(r.reportIndex).padStart(6, '0')}`))
      .map(({ value }) => value);
  }

  async holdReference(reference: HeldReference): Promise<void> {
    const key = `${reference.articleId}#${reference.reportIndex}`;
    // Replacing keeps the time it was first held, as the store's upsert does.
    this.held.set(key, { value: reference, write: this.held.get(key)?.write ?? ++this.writes });
  }

  async takeHeldReference(articleId: string, reportIndex: number): Promise<void> {
    if (!this.held.delete(`${articleId}#${reportIndex}`))
      throw new MemoryConflictError(`held reference ${articleId}#${reportIndex} is no longer held`);
  }

  async releaseHeldReferences(articleId: string): Promise<void> {
    for (const [key, { value }] of this.held) if (value.articleId === articleId) this.held.delete(key);
  }

  async write(changes: ResolutionChanges): Promise<void> {
    // Checked before anything is written: a refused write writes nothing, as a rolled-back one.
    for (const { event, created, expectedVersion } of changes.events) {
      const known = this.events.get(event.eventId);
      if (created && known) throw new MemoryConflictError(`event ${event.eventId} exists already`);
      if (!created && known?.value.version !== expectedVersion)
        throw new MemoryConflictError(
          `event ${event.eventId} is no longer at version ${expectedVersion}: another writer changed it`,
        );
    }
    const write = ++this.writes;
    for (const { event } of changes.events)
      this.events.set(event.eventId, { value: event, write: this.events.get(event.eventId)?.write ?? write });
    for (const link of changes.reports) {
      const key = `${link.eventId} ${link.articleId}`;
      const known = this.links.get(key);
      this.links.set(
        key,
        known ? { ...link, main: known.main || link.main, mergeReason: known.mergeReason } : link,
      );
    }
  }

  /** Every event, in the order first written (then by id). */
  allEvents(): EventState[] {
    return [...this.events.values()].sort(byWriteThen((e) => e.eventId)).map(({ value }) => value);
  }

  /** Why each article reports each event, in the order first written. */
  reportLinks(): ReportLink[] {
    return [...this.links.values()];
  }

  /** References still waiting for the one event they fit, oldest first. */
  heldReferences(): HeldReference[] {
    return [...this.held.values()]
      .sort(byWriteThen((r) => `${r.articleId}#${String(r.reportIndex).padStart(6, '0')}`))
      .map(({ value }) => value);
  }
}

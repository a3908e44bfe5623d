import type { DayRange, EventReport, TypeClass } from '@dyad/contracts';
import type { EventState, ReportSource } from './types.ts';

/**
 * A report that only refers to an event by a role ("the foreign minister's visits in 2025") and
 * fits no known event, or several: it waits for the one event it fits.
 */
export interface HeldReference {
  readonly articleId: string;
  /** The report's place in its article's `events`. */
  readonly reportIndex: number;
  readonly typeClass: TypeClass;
  /** The days it searches (`candidateRange`), YYYY-MM-DD, inclusive. */
  readonly dateFirst: string;
  readonly dateLast: string;
  readonly report: EventReport;
  readonly source: ReportSource;
  /** Why it is held, for review. */
  readonly reason: string;
}

/** Why an article reports an event (one event–article link; a second one for the pair adds to it). */
export interface ReportLink {
  readonly eventId: string;
  readonly articleId: string;
  readonly main: boolean;
  readonly evidence: EventReport['evidence'];
  readonly mergeReason: string;
}

/** An event that resolving one article created or changed, in its newest state. */
export interface EventChange {
  readonly event: EventState;
  /** Created by this article (announced as `new-event`); else changed (`event-updated`). */
  readonly created: boolean;
  /**
   * For a changed event: the version it had when read. The repository writes it only if it still
   * has that version, else another writer changed it meanwhile and the article is resolved again.
   */
  readonly expectedVersion?: number;
}

/** What resolving one article writes, at once, in the order the events were first touched. */
export interface ResolutionChanges {
  readonly events: readonly EventChange[];
  readonly reports: readonly ReportLink[];
}

/**
 * The operations incremental resolution needs from where events are kept: the indexer's store
 * (PostgreSQL or PGlite, one transaction per article) and `MemoryRepository` (`dyad extract`)
 * implement it. Reads see what is written, not what the current article has changed: the
 * resolution keeps that itself until `write`.
 */
export interface ResolutionRepository {
  /**
   * Known events of a type class whose days (`eventDateRange`; undated: every day) overlap
   * `days`, in the order they were first seen (then by id).
   */
  findCandidates(typeClass: TypeClass, days: DayRange): Promise<readonly EventState[]>;
  /** Held references of a type class whose days overlap `days`, oldest first. */
  findHeldReferences(typeClass: TypeClass, days: DayRange): Promise<readonly HeldReference[]>;
  /** Keeps a reference aside, replacing the one held for the same article and report index. */
  holdReference(reference: HeldReference): Promise<void>;
  /**
   * Takes a held reference that joined an event. Throws (the repository's conflict error) when
   * it is no longer held: another writer joined it meanwhile, so the article is resolved again.
   */
  takeHeldReference(articleId: string, reportIndex: number): Promise<void>;
  /** Forgets every reference held for an article (a new revision of it is resolved afresh). */
  releaseHeldReferences(articleId: string): Promise<void>;
  /** Writes the events (new, or changed from their expected version) and the report links. */
  write(changes: ResolutionChanges): Promise<void>;
}

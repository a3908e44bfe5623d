import {
  type EventMessage,
  type EventReport,
  type EventType,
  type TypeClass,
  typeClassOf,
} from '@dyad/contracts';

/** One article's report of one event, with what the event's sources list needs of the article. */
export interface ReportInput {
  readonly source: {
    readonly articleId: string;
    readonly url: string;
    readonly title: string;
    readonly lang: string;
    readonly publishedAt: string | null;
  };
  readonly report: EventReport;
}

/** Why a report joined an event, kept with the event for users and for review. */
export interface MergeReason {
  readonly articleId: string;
  readonly reason: string;
}

/** A known event: what `new-event` says, plus the merge history. */
export interface EventState extends EventMessage {
  readonly mergeReasons: readonly MergeReason[];
}

export interface ResolveContext {
  /** Timestamp for firstSeenAt/updatedAt (pure: the caller owns the clock). */
  readonly now: string;
  /** A new event id; `seed` is stable for the report (article id + report index) so callers can be deterministic. */
  readonly newEventId: (seed: string) => string;
}

export type Resolution =
  | { readonly kind: 'new'; readonly event: EventState }
  /** A reference-only report that fits no known event, or several: kept aside, announced never. */
  | { readonly kind: 'unlinked'; readonly reason: string }
  | {
      readonly kind: 'merged';
      readonly event: EventState;
      readonly changed: boolean;
      readonly reason: string;
    };

export type { TypeClass } from '@dyad/contracts';

/** Reports of one event may name its type differently (a signing reported as a joint statement). */
export function typeClass(type: EventType): TypeClass {
  return typeClassOf(type);
}

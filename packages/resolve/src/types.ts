import {
  type EventMessage,
  type EventReport,
  type EventType,
  type TypeClass,
  typeClassOf,
} from '@dyad/contracts';

/** What an event's `sources` entry needs of the article a report came from. */
export interface ReportSource {
  readonly articleId: string;
  readonly url: string;
  readonly title: string;
  readonly lang: string;
  readonly publishedAt: string | null;
}

/** One article's report of one event, with what the event's sources list needs of the article. */
export interface ReportInput {
  readonly source: ReportSource;
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
  /** The id of the event this report would create (`eventIdFor` its article and place in it). */
  readonly newEventId: () => string;
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

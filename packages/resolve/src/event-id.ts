import { sha256Hex } from '@dyad/contracts';

/** Where an event was first reported: the report that created it. */
export interface ReportOrigin {
  readonly articleId: string;
  /** The report's place in its article's `events`. */
  readonly reportIndex: number;
  /** The article's revision (1 when first seen; +1 each time its content changed). */
  readonly revision: number;
}

/**
 * The id of the event a report creates: `ev_` and 32 hex digits of the SHA-256 of the article id,
 * the report's place and, past the first, the article's revision. The indexer and `dyad extract`
 * both use it, so an event created by the same report has the same id on either path and on every
 * run. Unique: one article revision's report creates at most one event, and a changed article's
 * reports (a new revision) name new ones, whatever its earlier revision created.
 */
export function eventIdFor(origin: ReportOrigin): string {
  const revision = origin.revision > 1 ? `@${origin.revision}` : '';
  return `ev_${sha256Hex(`${origin.articleId}#${origin.reportIndex}${revision}`).slice(0, 32)}`;
}

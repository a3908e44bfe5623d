import type { ReportOrigin } from './event-id.ts';
import { type ResolvableArticle, resolveArticle } from './incremental.ts';
import { MemoryRepository } from './memory-repository.ts';
import type { EventState } from './types.ts';

export interface OfflineContext {
  /** Timestamp for firstSeenAt/updatedAt. */
  readonly now: string;
  /** The id of an event a report creates; `eventIdFor` by default, as the indexer. */
  readonly newEventId?: (origin: ReportOrigin) => string;
}

/**
 * Articles resolved one after another, in the order given, as the indexer resolves them when
 * they arrive in that order (each its first revision): the same code over a `MemoryRepository`.
 * The events as they would be stored, in the order first seen.
 */
export async function resolveArticles(
  articles: readonly ResolvableArticle[],
  ctx: OfflineContext,
): Promise<EventState[]> {
  const repository = new MemoryRepository();
  for (const article of articles) await resolveArticle(repository, article, { ...ctx, revision: 1 });
  return repository.allEvents();
}

import type { ArticleExtracted } from '@dyad/contracts';
import { type ReportOrigin, resolveArticle, searchScopes } from '@dyad/resolve';
import { isResolutionConflict, type SaveResult, type Store, type StoreTransaction } from '@dyad/store';
import { storeRepository } from './store-repository.ts';

export interface IndexResult {
  readonly saved: SaveResult;
  readonly created: readonly string[];
  readonly updated: readonly string[];
}

export interface IndexContext {
  readonly now: string;
  /** The id of an event a report creates: `eventIdFor` (as `dyad extract`) unless a test wants its own. */
  readonly newEventId?: (origin: ReportOrigin) => string;
}

/**
 * One article, one transaction: the article, its reports resolved into events (new or merged),
 * partOf links, and the outbox messages that announce what changed (`resolveArticle` over the
 * store). An article whose content is unchanged (a redelivery or a replay) resolves nothing
 * again, so it announces nothing.
 */
export async function indexArticle(
  tx: StoreTransaction,
  article: ArticleExtracted,
  ctx: IndexContext,
): Promise<IndexResult> {
  // The days each report searches, per type class: locked (with the article saved and its text
  // indexed, in one statement) before any event is read.
  const saved = await tx.saveArticle(article, { indexText: true, lock: searchScopes(article.events) });
  if (saved === 'unchanged') return { saved, created: [], updated: [] };
  // A changed article (rare) resolves as its new revision: its new events get ids of their own.
  const revision = saved === 'inserted' ? 1 : ((await tx.getArticle(article.articleId))?.revision ?? 2);
  const { created, updated } = await resolveArticle(storeRepository(tx), article, {
    now: ctx.now,
    revision,
    ...(ctx.newEventId ? { newEventId: ctx.newEventId } : {}),
  });
  return { saved, created, updated };
}

/** How often an article's transaction is run again when another one changed what it read. */
const CONFLICT_ATTEMPTS = 5;

/**
 * `indexArticle` in a transaction of its own: what the indexer does with each article. When
 * another replica changed an event this one read (or the database broke a deadlock), the whole
 * transaction runs again, reading afresh; after CONFLICT_ATTEMPTS the error goes to the caller
 * (the message is redelivered later).
 */
export async function indexInTransaction(
  store: Store,
  article: ArticleExtracted,
  ctx: IndexContext,
): Promise<IndexResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((tx) => indexArticle(tx, article, ctx));
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isResolutionConflict(error)) throw error;
    }
  }
}

import type { ArticleExtracted } from '@dyad/contracts';
import { type ReportOrigin, resolveArticle, searchScopes } from '@dyad/resolve';
import { isResolutionConflict, type SaveResult, type Store, type StoreTransaction } from '@dyad/store';
import { StoreBatch } from './store-repository.ts';

export interface IndexResult {
  readonly saved: SaveResult;
  readonly created: readonly string[];
  readonly updated: readonly string[];
}

export interface IndexContext {
  readonly now: string;
  /** The id of an event a report creates: `eventIdFor` (as `dyad extract`) unless a test wants its own. */
  readonly newEventId?: (origin: ReportOrigin) => string;
  /** The articles were parsed against ArticleExtracted already (by the bus's consumer). */
  readonly validated?: boolean;
  /** Queue the texts for `indexPendingTexts` instead of indexing them in this transaction. */
  readonly textsLater?: boolean;
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
  const [result] = await indexArticles(tx, [article], ctx);
  if (!result) throw new Error('indexArticles returned no result');
  return result;
}

/**
 * Several articles (distinct ids) in one transaction, as if indexed one after the other in that
 * order: all saved (and their texts indexed) and the locks of all their scopes taken in one
 * statement, the candidates of all their reports read in one, each changed article resolved
 * (seeing what the ones before it wrote), and everything written in one. Round trips: five per
 * transaction whatever the number of articles, instead of five or more per article.
 */
export async function indexArticles(
  tx: StoreTransaction,
  articles: readonly ArticleExtracted[],
  ctx: IndexContext,
): Promise<IndexResult[]> {
  // The days each report searches, per type class: locked (with the articles saved and their
  // texts indexed, in one statement) before any event is read.
  const saved = await tx.saveArticles(articles, {
    indexText: ctx.textsLater ? 'later' : true,
    validated: ctx.validated ?? false,
    lock: articles.flatMap((article) => searchScopes(article.events)),
  });
  const batch = new StoreBatch(tx);
  const changed = articles.filter((_, i) => saved[i]?.result !== 'unchanged');
  if (changed.length > 0) await batch.prefetch(changed.flatMap((article) => searchScopes(article.events)));
  const results: IndexResult[] = [];
  for (const [i, article] of articles.entries()) {
    const save = saved[i];
    if (!save || save.result === 'unchanged') {
      results.push({ saved: 'unchanged', created: [], updated: [] });
      continue;
    }
    // A changed article (rare) resolves as its new revision: its new events get ids of their own.
    const { created, updated } = await resolveArticle(batch, article, {
      now: ctx.now,
      revision: save.revision,
      ...(ctx.newEventId ? { newEventId: ctx.newEventId } : {}),
    });
    results.push({ saved: save.result, created, updated });
  }
  await batch.flush();
  return results;
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
  const [result] = await indexBatchInTransaction(store, [article], ctx);
  if (!result) throw new Error('indexArticles returned no result');
  return result;
}

/** `indexArticles` in a transaction of its own, run again on a conflict as `indexInTransaction`. */
export async function indexBatchInTransaction(
  store: Store,
  articles: readonly ArticleExtracted[],
  ctx: IndexContext,
): Promise<IndexResult[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((tx) => indexArticles(tx, articles, ctx));
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isResolutionConflict(error)) throw error;
    }
  }
}

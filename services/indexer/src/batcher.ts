import type { ArticleExtracted } from '@dyad/contracts';
import type { ReportOrigin } from '@dyad/resolve';
import type { Store } from '@dyad/store';
import {
  type IndexContext,
  type IndexResult,
  indexBatchInTransaction,
  indexInTransaction,
} from './index-article.ts';

interface Waiting {
  readonly article: ArticleExtracted;
  readonly now: string;
  readonly resolve: (result: IndexResult) => void;
  readonly reject: (error: unknown) => void;
}

export interface IndexBatcherOptions {
  readonly store: Store;
  /** The most articles one transaction takes. */
  readonly maxBatch: number;
  /** How many transactions run at once (PGlite runs one at a time whatever this says). */
  readonly parallel: number;
  /** The articles were parsed against ArticleExtracted already (the bus's consumer does). */
  readonly validated?: boolean;
  /** The id of an event a report creates (`eventIdFor` unless a test or bench wants its own). */
  readonly newEventId?: (origin: ReportOrigin) => string;
  /**
   * With a backlog (articles still waiting when a batch starts), queue the batch's texts for later
   * (`indexText: 'later'`) and call this once the backlog is gone, for the texts to be indexed then.
   * Unset: texts are always indexed in the articles' transaction.
   */
  readonly onIdle?: () => void;
}

/**
 * Group commit: the articles handed in while a transaction runs wait for the next one, which takes
 * them all (up to `maxBatch`, distinct ids) and indexes them one after the other in that one
 * transaction (`indexArticles`): one commit, one set of locks and five round trips for the lot.
 * An article alone (a quiet stream) goes at once, in a transaction of its own. When a batch
 * fails for any reason but a conflict (run again whole), each of its articles is indexed again
 * in a transaction of its own, so that only the article at fault fails, with its own error.
 */
export class IndexBatcher {
  private readonly options: IndexBatcherOptions;
  private readonly queue: Waiting[] = [];
  private running = 0;

  constructor(options: IndexBatcherOptions) {
    this.options = options;
  }

  /** When an article last came or a transaction last ended (performance.now()). */
  private lastBusy = 0;

  /** Nothing waiting and no transaction running. */
  get idle(): boolean {
    return this.running === 0 && this.queue.length === 0;
  }

  /** How long nothing has waited and no transaction has run, in ms (0: busy). */
  idleFor(): number {
    return this.idle ? performance.now() - this.lastBusy : 0;
  }

  /** Indexes the article (in some batch); resolves once its transaction has committed. */
  index(article: ArticleExtracted, now: string): Promise<IndexResult> {
    return new Promise<IndexResult>((resolve, reject) => {
      this.lastBusy = performance.now();
      this.queue.push({ article, now, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.parallel && this.queue.length > 0) {
      const batch = this.take();
      // Articles still waiting: a backlog, whose texts are indexed once it is gone.
      const textsLater = this.options.onIdle !== undefined && this.queue.length > 0;
      this.running++;
      void this.run(batch, textsLater).finally(() => {
        this.running--;
        this.lastBusy = performance.now();
        this.pump();
        if (this.idle) this.options.onIdle?.();
      });
    }
  }

  /** The oldest waiting articles, up to maxBatch, one per article id (a second copy waits). */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < this.queue.length && batch.length < this.options.maxBatch; ) {
      const waiting = this.queue[i];
      if (waiting && !ids.has(waiting.article.articleId)) {
        ids.add(waiting.article.articleId);
        batch.push(waiting);
        this.queue.splice(i, 1);
      } else i++;
    }
    return batch;
  }

  private async run(batch: readonly Waiting[], textsLater: boolean): Promise<void> {
    const { store } = this.options;
    // The first article's clock for all: they are indexed as if one after the other at once.
    const ctx = (now: string): IndexContext => ({
      now,
      validated: this.options.validated ?? false,
      textsLater,
      ...(this.options.newEventId ? { newEventId: this.options.newEventId } : {}),
    });
    try {
      const results = await indexBatchInTransaction(
        store,
        batch.map((w) => w.article),
        ctx(batch[0]?.now ?? new Date().toISOString()),
      );
      for (const [i, waiting] of batch.entries()) {
        const result = results[i];
        if (result) waiting.resolve(result);
        else waiting.reject(new Error('indexArticles returned no result'));
      }
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const waiting of batch) {
        try {
          waiting.resolve(await indexInTransaction(store, waiting.article, ctx(waiting.now)));
        } catch (own) {
          waiting.reject(own);
        }
      }
    }
  }
}

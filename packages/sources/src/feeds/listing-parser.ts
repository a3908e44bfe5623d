import { ThreadCrashedError, ThreadPool, ThreadTaskError, ThreadTimeoutError, threadModule } from '@dyad/bus';
import type { ParsedListing } from './listed-item.ts';
import type { ListingRequest } from './parse-listing.ts';
import { InvalidFeedError } from './parse-rss.ts';

export interface ListingParserOptions {
  /** Time limit per document (LISTING_PARSE_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Deepest element nesting accepted (LISTING_MAX_DEPTH). */
  readonly maxDepth: number;
  /** Parser threads (default 1). */
  readonly threads?: number;
  /** Old-generation heap per thread, MB (default 256). */
  readonly heapMb?: number;
}

/**
 * Parses the documents a poll reads (feeds, sitemaps, listing pages) on worker threads, under a
 * depth limit and a time limit, so that one hostile document costs its own source a failed poll
 * and nothing else: the fetcher's health endpoint and its other sources go on. A document the
 * parser refuses, or one that runs out of time or memory, is the source's fault
 * (`InvalidFeedError`: its poll fails and the source backs off).
 */
export class ListingParser {
  private readonly pool: ThreadPool<ListingRequest, ParsedListing>;
  private readonly options: ListingParserOptions;

  constructor(options: ListingParserOptions) {
    this.options = options;
    this.pool = new ThreadPool({
      what: 'listing parse',
      module: threadModule(import.meta.url, 'listing-thread'),
      size: options.threads ?? 1,
      timeoutMs: options.timeoutMs,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 256 },
    });
  }

  async parse(request: Omit<ListingRequest, 'maxDepth'>): Promise<ParsedListing> {
    try {
      return await this.pool.run({ ...request, maxDepth: this.options.maxDepth });
    } catch (error) {
      if (error instanceof ThreadTaskError && error.permanent)
        throw new InvalidFeedError(error.message, { cause: error, reason: error.code ?? 'invalid-document' });
      if (error instanceof ThreadTimeoutError)
        throw new InvalidFeedError(`${error.message} (LISTING_PARSE_TIMEOUT_MS)`, {
          cause: error,
          reason: 'parse-timeout',
        });
      // Out of memory on one document is that document's fault; a thread that cannot start is ours.
      if (error instanceof ThreadCrashedError && !/failed to start/.test(error.message))
        throw new InvalidFeedError(error.message, { cause: error, reason: 'parse-crashed' });
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

import type { Logger } from '@dyad/bus';
import { backoffDelayMs, PermanentError, type RawStore, StreamFullError } from '@dyad/bus';
import type { ArticleFetched, FetchJob } from '@dyad/contracts';
import { FetchFailure, type HttpFetcher } from '@dyad/sources';
import { DelayedError, type Job } from 'bullmq';
import type { FetcherMetrics } from '../fetcher-metrics.ts';

/** Media types the cleaner can read; anything else (PDF, images, video) is refused for good. */
const ARTICLE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain', '']);
const ACCEPT = 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8';

export interface ArticleFetchOptions {
  readonly http: HttpFetcher;
  readonly rawStore: () => Promise<RawStore>;
  readonly publish: (message: ArticleFetched) => Promise<{ duplicate: boolean }>;
  readonly metrics: FetcherMetrics;
  /** Waiting for a domain's politeness budget longer than this defers the job instead. */
  readonly maxGateWaitMs: number;
  /** Deferral while the ARTICLES stream (or the raw bucket) is full: doubles from 2 s to 5 min. */
  readonly streamFullBackoff?: {
    readonly initialMs: number;
    readonly maxMs: number;
    readonly jitter: number;
  };
}

const STREAM_FULL_BACKOFF = { initialMs: 2_000, maxMs: 300_000, jitter: 0.5 };

/**
 * The `fetch` queue's handler: GET the article (all checks in HttpFetcher) and publish
 * article.fetched with the decoded body (inline, or a claim check on the `raw` store) and what
 * the feed said of it. Refusals and 404/410/unsupported types fail the job for good with the
 * reason; 5xx, 429 and timeouts are retried with the queue's backoff; a domain that asked us to
 * wait (Retry-After) defers the job without spending an attempt.
 */
export function articleFetchHandler(options: ArticleFetchOptions) {
  // Consecutive refusals by a full stream, across jobs: the deferral grows while it stays full.
  let fullInARow = 0;
  return async (data: FetchJob, ctx: { job: Job; log: Logger }): Promise<void> => {
    try {
      await fetchAndPublish(options, data, ctx);
      fullInARow = 0;
    } catch (error) {
      if (!(error instanceof StreamFullError) || !ctx.job.token) throw error;
      // The pipeline's input is full: no attempt is spent and nothing is dropped; the job waits.
      fullInARow++;
      const delay = backoffDelayMs(options.streamFullBackoff ?? STREAM_FULL_BACKOFF, fullInARow);
      options.metrics.fetches.inc({ source: data.sourceId, outcome: 'stream-full' });
      ctx.log.warn({ retryInMs: delay, stream: error.stream }, `stream full: job deferred: ${error.message}`);
      await ctx.job.moveToDelayed(Date.now() + delay, ctx.job.token);
      throw new DelayedError();
    }
  };
}

async function fetchAndPublish(
  options: ArticleFetchOptions,
  data: FetchJob,
  ctx: { job: Job; log: Logger },
): Promise<void> {
  const { metrics } = options;
  let doc: Awaited<ReturnType<HttpFetcher['fetch']>>;
  try {
    doc = await options.http.fetch(data.url, {
      accept: ACCEPT,
      acceptType: (t) => ARTICLE_TYPES.has(t),
      maxGateWaitMs: options.maxGateWaitMs,
    });
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error;
    metrics.fetches.inc({ source: data.sourceId, outcome: error.reason });
    if (error.reason === 'rate-limited' && error.status === undefined && ctx.job.token) {
      // Our politeness budget (or the server's Retry-After) says later: no attempt is spent.
      const until = Date.now() + (error.retryAfterMs ?? 1_000);
      ctx.log.info({ until: new Date(until).toISOString() }, 'domain busy: job deferred');
      await ctx.job.moveToDelayed(until, ctx.job.token);
      throw new DelayedError();
    }
    if (error.permanent) throw new PermanentError(error.message, { cause: error });
    throw error;
  }
  if (doc.notModified) throw new PermanentError(`unexpected 304 for ${data.url}`);
  const raw = await options.rawStore();
  const message: ArticleFetched = {
    schema: 1,
    articleId: data.articleId,
    url: data.url,
    sourceId: data.sourceId,
    origin: 'crawl',
    fetchedAt: new Date().toISOString(),
    http: {
      status: doc.status,
      finalUrl: doc.finalUrl,
      ...(doc.etag ? { etag: doc.etag } : {}),
      ...(doc.lastModified ? { lastModified: doc.lastModified } : {}),
    },
    body: await raw.toBody(data.articleId, doc.text, {
      contentType: doc.contentType,
      charset: doc.charset,
    }),
    ...(data.feed ? { feed: data.feed } : {}),
  };
  const result = await options.publish(message);
  metrics.fetches.inc({ source: data.sourceId, outcome: 'published' });
  ctx.log.info(
    {
      status: doc.status,
      chars: doc.text.length,
      charset: doc.charset,
      redirects: doc.redirects.length,
      duplicate: result.duplicate,
    },
    'fetched',
  );
}

import type { Logger } from '@dyad/bus';
import type { FetchJob } from '@dyad/contracts';
import {
  canonicalItems,
  FetchFailure,
  freshnessMs,
  type HttpFetcher,
  InvalidFeedError,
  type ListingParser,
  nextPollNotBefore,
  type Prefilter,
  type ProxyResolver,
  type Source,
  sourceDocuments,
  type UrlRules,
  type ValidatorStore,
} from '@dyad/sources';
import type { Dedup, SourceStateStore } from '@dyad/sources/state';
import type { FetcherMetrics } from '../fetcher-metrics.ts';

export interface PollerOptions {
  readonly http: HttpFetcher;
  readonly rules: UrlRules;
  readonly resolveProxy: ProxyResolver;
  readonly validators: ValidatorStore;
  readonly dedup: Dedup;
  readonly states: SourceStateStore;
  readonly prefilter: Prefilter;
  /** Queues one fetch job (job id = article id, so a second add is a no-op). */
  readonly enqueue: (job: FetchJob) => Promise<void>;
  readonly source: (id: string) => Source | undefined;
  readonly metrics: FetcherMetrics;
  readonly log: Logger;
  readonly maxSitemaps: number;
  /** Server freshness and RSS ttl never hold a source back longer than this. */
  readonly maxDeferMs: number;
  readonly maxBackoffMs: number;
  /** Consecutive failures after which a source is reported failing. */
  readonly failingAfter: number;
  readonly maxGateWaitMs: number;
  /** Parses feeds, sitemaps and listing pages off the main thread, under its limits. */
  readonly parser: ListingParser;
}

export type PollOutcome = 'ok' | 'not-modified' | 'error' | 'not-due' | 'unknown-source' | 'disabled';

export interface PollResult {
  readonly outcome: PollOutcome;
  readonly newItems: number;
  readonly duplicates: number;
  readonly filtered: number;
  readonly error?: string;
}

/** Errors that are the source's fault (recorded against it); anything else is ours and retried. */
function sourceFailure(
  error: unknown,
): { reason: string; message: string; retryAfterMs?: number } | undefined {
  if (error instanceof FetchFailure) {
    return {
      reason: error.reason,
      message: error.message,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  if (error instanceof InvalidFeedError) return { reason: error.reason, message: error.message };
  return undefined;
}

/**
 * One poll of one source: read its documents, turn their links into article ids, queue the new
 * ones (pre-filtered unless the source is focused), and record what happened. A source's own
 * failures (HTTP errors, refusals, invalid XML) are recorded and backed off, never thrown, so a
 * misbehaving source is not retried in a loop; infrastructure errors (Redis) are thrown.
 */
export class Poller {
  private readonly o: PollerOptions;

  constructor(options: PollerOptions) {
    this.o = options;
  }

  async poll(sourceId: string, now = Date.now()): Promise<PollResult> {
    const { o } = this;
    const empty = { newItems: 0, duplicates: 0, filtered: 0 };
    const source = o.source(sourceId);
    if (!source) {
      o.metrics.polls.inc({ source: sourceId, outcome: 'unknown-source' });
      return { outcome: 'unknown-source', ...empty };
    }
    if (!source.enabled) return { outcome: 'disabled', ...empty };
    const state = await o.states.get(sourceId);
    if (state.notBefore > now) {
      o.metrics.polls.inc({ source: sourceId, outcome: 'not-due' });
      return { outcome: 'not-due', ...empty };
    }
    const log = o.log.child({ sourceId });
    const counts = { newItems: 0, duplicates: 0, filtered: 0 };
    let allNotModified = true;
    let freshness: number | undefined;
    let ttl: number | undefined;
    try {
      for await (const doc of sourceDocuments(source, o.http, {
        validators: o.validators,
        maxSitemaps: o.maxSitemaps,
        maxGateWaitMs: o.maxGateWaitMs,
        parser: o.parser,
      })) {
        allNotModified &&= doc.notModified;
        const docFreshness = freshnessMs(doc.headers);
        if (doc.url === source.url) {
          freshness = docFreshness;
          ttl = doc.listing.ttlMs;
        }
        if (doc.notModified) continue;
        const handled = await this.handleItems(source, doc.listing.items, doc.finalUrl);
        counts.newItems += handled.newItems;
        counts.duplicates += handled.duplicates;
        counts.filtered += handled.filtered;
        await doc.commit();
      }
    } catch (error) {
      const failure = sourceFailure(error);
      if (!failure) throw error;
      // Our own politeness budget being busy is not the source's fault: just come back later.
      if (error instanceof FetchFailure && error.reason === 'rate-limited' && error.status === undefined) {
        await o.states.deferUntil(sourceId, Date.now() + (error.retryAfterMs ?? 1_000));
        o.metrics.polls.inc({ source: sourceId, outcome: 'not-due' });
        return { outcome: 'not-due', ...counts };
      }
      const recorded = await o.states.recordFailure(
        sourceId,
        failure,
        {
          intervalMs: source.interval,
          maxBackoffMs: o.maxBackoffMs,
          failingAfter: o.failingAfter,
        },
        now,
      );
      o.metrics.polls.inc({ source: sourceId, outcome: 'error' });
      o.metrics.errors.inc({ source: sourceId, reason: failure.reason });
      if (recorded.failures >= o.failingAfter) o.metrics.failing.set({ source: sourceId }, 1);
      const fields = {
        reason: failure.reason,
        failures: recorded.failures,
        nextPollAt: new Date(recorded.notBefore).toISOString(),
      };
      if (recorded.becameFailing) log.error(fields, `source failing: ${failure.message}; backed off`);
      else log.warn(fields, `poll failed: ${failure.message}`);
      return { outcome: 'error', ...counts, error: failure.message };
    }
    const notBefore = nextPollNotBefore(now, { freshnessMs: freshness, feedTtlMs: ttl }, o.maxDeferMs);
    await o.states.recordSuccess(sourceId, { notModified: allNotModified, ...counts }, notBefore);
    const outcome: PollOutcome = allNotModified ? 'not-modified' : 'ok';
    o.metrics.polls.inc({ source: sourceId, outcome });
    o.metrics.lastSuccess.set({ source: sourceId }, Date.now() / 1000);
    o.metrics.failing.set({ source: sourceId }, 0);
    log.info({ outcome, ...counts, nextPollNotBefore: new Date(notBefore).toISOString() }, 'polled');
    return { outcome, ...counts };
  }

  private async handleItems(source: Source, items: Parameters<typeof canonicalItems>[0], baseUrl: string) {
    const { o } = this;
    const counts = { newItems: 0, duplicates: 0, filtered: 0 };
    const found = await canonicalItems(items, baseUrl, o.rules, o.resolveProxy);
    for (const bad of found.invalid) {
      o.metrics.items.inc({ source: source.id, result: 'invalid' });
      o.log.debug({ sourceId: source.id, ...bad }, 'item link skipped');
    }
    for (const later of found.unresolved) {
      o.metrics.items.inc({ source: source.id, result: 'unresolved' });
      o.log.warn({ sourceId: source.id, ...later }, 'proxy link not resolved; tried again next poll');
    }
    const seen = await o.dedup.lookup(
      source.id,
      found.items.map((i) => i.articleId),
    );
    for (const [i, entry] of found.items.entries()) {
      const known = seen[i];
      if (known?.queued || known?.filtered) {
        counts.duplicates++;
        o.metrics.items.inc({ source: source.id, result: 'duplicate' });
        continue;
      }
      const verdict = o.prefilter.check(source, { ...entry.item, link: entry.url });
      if (!verdict.pass) {
        await o.dedup.markFiltered(source.id, entry.articleId);
        counts.filtered++;
        o.metrics.items.inc({ source: source.id, result: 'filtered' });
        continue;
      }
      const { title, publishedAt, summary } = entry.item;
      const feed = {
        ...(title ? { title } : {}),
        ...(publishedAt ? { publishedAt } : {}),
        ...(summary ? { summary } : {}),
      };
      await o.enqueue({
        schema: 1,
        articleId: entry.articleId,
        url: entry.url,
        sourceId: source.id,
        ...(Object.keys(feed).length ? { feed } : {}),
      });
      // Counted new only by the poll that marks it: two replicas polling at once count it once.
      if (await o.dedup.markQueued(entry.articleId, source.id)) {
        counts.newItems++;
        o.metrics.items.inc({ source: source.id, result: 'new' });
      } else {
        counts.duplicates++;
        o.metrics.items.inc({ source: source.id, result: 'duplicate' });
      }
    }
    return counts;
  }
}

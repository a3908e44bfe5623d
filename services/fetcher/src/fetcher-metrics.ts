import { Counter, Gauge, type Registry } from 'prom-client';

/** Per-source visibility on /metrics (the same counters are kept in Redis for `dyad sources list`). */
export interface FetcherMetrics {
  /** outcome: ok | not-modified | error | not-due | unknown-source | disabled */
  readonly polls: Counter<'source' | 'outcome'>;
  /** result: new | duplicate | filtered | invalid */
  readonly items: Counter<'source' | 'result'>;
  readonly errors: Counter<'source' | 'reason'>;
  readonly lastSuccess: Gauge<'source'>;
  readonly failing: Gauge<'source'>;
  /** Article fetches by outcome: published | refused reasons */
  readonly fetches: Counter<'source' | 'outcome'>;
  readonly httpResponses: Counter<'status'>;
  readonly sourcesLoaded: Gauge;
  readonly sourcesReloadErrors: Counter;
}

export function createFetcherMetrics(registry: Registry): FetcherMetrics {
  const registers = [registry];
  return {
    polls: new Counter({
      name: 'dyad_fetcher_polls_total',
      help: 'Polls of a source, by outcome',
      labelNames: ['source', 'outcome'],
      registers,
    }),
    items: new Counter({
      name: 'dyad_fetcher_items_total',
      help: 'Items listed by a source: new (queued), duplicate, filtered (pre-filter), invalid',
      labelNames: ['source', 'result'],
      registers,
    }),
    errors: new Counter({
      name: 'dyad_fetcher_source_errors_total',
      help: 'Failed polls of a source, by reason',
      labelNames: ['source', 'reason'],
      registers,
    }),
    lastSuccess: new Gauge({
      name: 'dyad_fetcher_source_last_success_seconds',
      help: 'Unix time of the last successful poll of a source',
      labelNames: ['source'],
      registers,
    }),
    failing: new Gauge({
      name: 'dyad_fetcher_source_failing',
      help: '1 when a source has failed too many polls in a row (backed off)',
      labelNames: ['source'],
      registers,
    }),
    fetches: new Counter({
      name: 'dyad_fetcher_fetches_total',
      help: 'Article fetches by outcome (published, or the refusal/failure reason)',
      labelNames: ['source', 'outcome'],
      registers,
    }),
    httpResponses: new Counter({
      name: 'dyad_fetcher_http_responses_total',
      help: 'HTTP responses received, by status',
      labelNames: ['status'],
      registers,
    }),
    sourcesLoaded: new Gauge({ name: 'dyad_fetcher_sources', help: 'Sources in the loaded file', registers }),
    sourcesReloadErrors: new Counter({
      name: 'dyad_fetcher_sources_reload_errors_total',
      help: 'Edits of the sources file that were refused (the previous list stays in force)',
      registers,
    }),
  };
}

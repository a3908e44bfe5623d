import {
  type ArticleFetched,
  articleIdFor,
  type ConsumerSpec,
  names as makeNames,
  type Names,
  type SubjectKey,
} from '@dyad/contracts';
import { pino } from 'pino';
import { createMetrics } from '../runtime/metrics.ts';
import { NatsBus } from './bus.ts';
import { type MessageHandler, StageConsumer } from './stage-consumer.ts';
import { ensureConsumer } from './topology.ts';

/** Helpers shared by this package's integration tests (not exported from the package). */

export const silentLog = pino({ level: 'silent' });

export function fetchedMessage(n: number, overrides: Partial<ArticleFetched> = {}): ArticleFetched {
  const url = `https://example.test/news/${n}`;
  return {
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: 'test',
    origin: 'crawl',
    fetchedAt: '2026-01-02T03:04:05.000Z',
    body: { contentType: 'text/plain', charset: 'utf-8', inline: `Title ${n}\n\nBody ${n}` },
    ...overrides,
  };
}

/** A fast-retrying consumer on article.fetched, named for the test. */
export function testConsumerSpec(
  overrides: Partial<ConsumerSpec> = {},
): ConsumerSpec & { input: 'articleFetched' } {
  return {
    durable: 'tester',
    stream: 'ARTICLES',
    input: 'articleFetched',
    retry: { maxAttempts: 3, backoff: { initialMs: 50, maxMs: 200, jitter: 0 } },
    ackWaitMs: 5_000,
    concurrency: 2,
    ...overrides,
  } as ConsumerSpec & { input: 'articleFetched' };
}

export async function openTestBus(
  url: string,
  namespace: string,
  spec?: ConsumerSpec,
): Promise<{ bus: NatsBus; names: Names; metrics: ReturnType<typeof createMetrics> }> {
  const names = makeNames(namespace);
  const bus = await NatsBus.connect({ url, name: 'test', names });
  if (spec) await ensureConsumer(bus.jsm, names, spec);
  return { bus, names, metrics: createMetrics('test') };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** A StageConsumer on the test bus, logging nowhere. */
export function consumerFor<K extends SubjectKey>(options: {
  bus: NatsBus;
  names: Names;
  spec: ConsumerSpec & { input: K };
  metrics: ReturnType<typeof createMetrics>;
  handler: MessageHandler<K>;
  maxPull?: number;
}): StageConsumer<K> {
  const { bus, ...rest } = options;
  return new StageConsumer({ js: bus.js, nc: bus.nc, log: silentLog, ...rest });
}

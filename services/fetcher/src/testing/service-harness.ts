import { NatsBus, parseEnv } from '@dyad/bus';
import { type ArticleFetched, names as makeNames, subjects } from '@dyad/contracts';
import { FIXTURE_PROXIES_YAML } from '@dyad/sources/testing';
import { fetcherEnvSchema } from '../config.ts';
import { FetcherService } from '../service.ts';
import { tempFile } from './test-helpers.ts';

/** The fetcher's environment for tests: the test's namespace, loopback allowed, fast everything. */
export function testEnv(options: {
  natsUrl: string;
  redisUrl: string;
  namespace: string;
  sourcesFile: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    NATS_URL: options.natsUrl,
    REDIS_URL: options.redisUrl,
    DYAD_NAMESPACE: options.namespace,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SOURCES_FILE: options.sourcesFile,
    SOURCES_RELOAD_MS: '200',
    FEED_PROXIES_FILE: tempFile('proxies.yaml', FIXTURE_PROXIES_YAML),
    FETCH_ALLOW_ADDRESSES: '127.0.0.1',
    HOST_MIN_DELAY_MS: '0',
    HOST_CONCURRENCY: '8',
    FETCH_TIMEOUT_MS: '1000',
    CONNECT_TIMEOUT_MS: '1000',
    FETCH_MAX_BYTES: String(1024 * 1024),
    FETCH_BACKOFF_INITIAL_MS: '100',
    ...options.extra,
  };
}

export async function startService(env: Record<string, string>): Promise<FetcherService> {
  const service = new FetcherService(parseEnv('fetcher', fetcherEnvSchema, env));
  await service.start();
  return service;
}

/** Every article.fetched in the namespace's ARTICLES stream, in order. */
export async function publishedArticles(bus: NatsBus): Promise<ArticleFetched[]> {
  const stream = bus.names.stream('ARTICLES');
  const info = await bus.jsm.streams.info(stream);
  const out: ArticleFetched[] = [];
  const subject = bus.names.subject(subjects.articleFetched.subject);
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await bus.jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
    if (msg && msg.subject === subject) out.push(msg.json<ArticleFetched>());
  }
  return out;
}

export function openBus(url: string, namespace: string): Promise<NatsBus> {
  return NatsBus.connect({ url, name: 'fetcher-test', names: makeNames(namespace) });
}

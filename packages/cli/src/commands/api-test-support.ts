import { join } from 'node:path';
import { NatsBus } from '@dyad/bus';
import { type ArticleExtracted, type EventReport, names } from '@dyad/contracts';
import {
  deleteNamespaceStreams,
  eventReport,
  eventually,
  extractedArticle,
  freePort,
  serverUrl,
  TestProcess,
  uniqueNamespace,
} from '@dyad/testkit';
import { afterAll, beforeAll } from 'vitest';
import { REPO_ROOT } from './stack.ts';

/** A real indexer for the events and search tests (not exported from the package). */

const nurtleu = {
  actorId: 'kz.nurtleu',
  name: 'Murat Nurtleu',
  names: { ar: 'مراد نورتليو', en: 'Murat Nurtleu' },
  country: 'KZ',
};

function report(overrides: Partial<EventReport>): EventReport {
  return eventReport({ participants: [nurtleu], ...overrides });
}

function article(
  n: string,
  lang: string,
  title: string,
  text: string,
  events: EventReport[],
): ArticleExtracted {
  return extractedArticle(`https://example.test/cli/${n}`, { lang, title, text, events });
}

export const articles = {
  visitAr: article(
    'ar',
    'ar',
    'زيارة وزير الخارجية الكازاخستاني',
    'وصل وزير الخارجية الكازاخستاني إلى الرباط لتعزيز العلاقات بين المغرب وكازاخستان.',
    [report({})],
  ),
  visitFr: article(
    'fr',
    'fr',
    'Astana et Rabat renforcent leur coopération',
    'Le ministre kazakh a été reçu à Rabat ; les deux pays veulent renforcer leurs coopérations.',
    [report({ location: undefined, main: false })],
  ),
  signingRu: article(
    'ru',
    'ru',
    'Соглашение о воздушном сообщении',
    'Казахстан и Марокко подписали соглашение о воздушном сообщении.',
    [
      report({
        type: 'agreement_signing',
        cameo: '057',
        date: { value: '2024-06', precision: 'month' },
        location: undefined,
        topics: ['aviation'],
      }),
    ],
  ),
};

export interface IndexerUnderTest {
  /** The API's base URL. */
  readonly api: string;
  readonly process: TestProcess;
}

/**
 * Starts the indexer as `pnpm stack` does (its own process, from source) on real NATS, with
 * PGlite in memory and the API on a free port, publishes `articles` as article.extracted, and
 * waits until the API lists their events. Stopped, and its streams deleted, after the file.
 */
export function useIndexer(): () => IndexerUnderTest {
  let current: IndexerUnderTest | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const natsUrl = await serverUrl('nats');
    const namespace = uniqueNamespace('cli_api');
    const proc = new TestProcess({
      name: 'indexer',
      command: process.execPath,
      args: ['--conditions=dyad:source', join('services', 'indexer', 'src', 'main.ts')],
      cwd: REPO_ROOT,
      env: {
        NATS_URL: natsUrl,
        DYAD_NAMESPACE: namespace,
        DATABASE_URL: '',
        DATA_DIR: 'memory://',
        HOST: '127.0.0.1',
        PORT: '0',
        API_PORT: '0',
        OUTBOX_POLL_MS: '200',
        LOG_LEVEL: 'info',
      },
    });
    const bus = await NatsBus.connect({ url: natsUrl, name: 'cli-test', names: names(namespace) });
    cleanup = async () => {
      await proc.stop();
      await bus.close();
      await deleteNamespaceStreams(natsUrl, namespace);
    };
    const line = await proc.waitForLine(/"msg":"api listening"/, 60_000);
    const api = (JSON.parse(line) as { url: string }).url;
    for (const a of Object.values(articles)) await bus.publisher.publish('articleExtracted', a);
    // Two events (the Arabic and French reports are one visit), both searchable.
    await eventually(
      async () => {
        const res = await fetch(`${api}/events`);
        const body = (await res.json()) as { total: number; events: { sources: unknown[] }[] };
        return body.total === 2 && body.events.some((e) => e.sources.length === 2) ? true : undefined;
      },
      30_000,
      'the indexer to list two events',
    );
    current = { api, process: proc };
  }, 90_000);
  afterAll(async () => {
    await cleanup?.();
  });
  return () => {
    if (!current) throw new Error('the indexer is not started (useIndexer must be called inside describe)');
    return current;
  };
}

/** A local URL where nothing listens (a port that was free a moment ago). */
export async function deadApiUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

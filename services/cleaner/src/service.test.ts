import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDeadLetters, NatsBus, parseEnv } from '@dyad/bus';
import {
  ArticleCleaned,
  type ArticleFetched,
  articleIdFor,
  names as makeNames,
  seedUrl,
  subjects,
} from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import { cleanerEnvSchema } from './config.ts';
import { CleanerService } from './service.ts';

const seedFile = '001_60c031fbfd51394f.txt';
const seed = readFileSync(join(import.meta.dirname, '../../../seeds', seedFile), 'utf8');
const arPage = readFileSync(
  join(import.meta.dirname, '../../../packages/clean/fixtures/ar-news-page.html'),
  'utf8',
);

function fetched(url: string, contentType: string, inline: string): ArticleFetched {
  return {
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: 'test',
    origin: url.startsWith('seed:') ? 'replay' : 'crawl',
    fetchedAt: '2026-11-22T10:00:00.000Z',
    body: { contentType, charset: 'utf-8', inline },
  };
}

async function cleanedArticles(bus: NatsBus): Promise<ArticleCleaned[]> {
  const stream = bus.names.stream('ARTICLES');
  const info = await bus.jsm.streams.info(stream);
  const subject = bus.names.subject(subjects.articleCleaned.subject);
  const out: ArticleCleaned[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await bus.jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
    if (msg && msg.subject === subject) out.push(ArticleCleaned.parse(msg.json()));
  }
  return out;
}

describe('CleanerService', () => {
  it('cleans HTML and plain text off the event loop, and dead-letters pages over the size cap or time limit', {
    timeout: 90_000,
  }, async ({ nats }) => {
    const env = parseEnv('cleaner', cleanerEnvSchema, {
      NATS_URL: nats.url,
      DYAD_NAMESPACE: nats.namespace,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      CLEANER_WORKERS: '1',
      CLEANER_MAX_BYTES: '200000',
      CLEANER_PAGE_TIMEOUT_MS: '1000',
    });
    const service = new CleanerService(env);
    await service.start();
    const bus = await NatsBus.connect({
      url: nats.url,
      name: 'cleaner-test',
      names: makeNames(nats.namespace),
    });
    try {
      const html = fetched(
        'https://www.maghreb-today.example/politique/2025/03/12/maroc-kazakhstan-energie',
        'text/html',
        arPage,
      );
      const text = fetched(seedUrl(seedFile), 'text/plain', seed);
      const tooBig = fetched('https://big.example/a', 'text/html', `<p>${'x'.repeat(200_001)}</p>`);
      // Deeply nested sections: Readability's work grows with depth × size (this one takes seconds).
      const section =
        '<div><p>Le Maroc et le Kazakhstan renforcent leur coopération, selon le communiqué.</p>';
      const slow = fetched(
        'https://slow.example/a',
        'text/html',
        `<html><body>${section.repeat(1_900)}${'</div>'.repeat(1_900)}</body></html>`,
      );
      const pdf = fetched('https://pdf.example/a', 'application/pdf', '%PDF-1.4');
      for (const message of [html, text, tooBig, pdf]) await bus.publisher.publish('articleFetched', message);

      const cleaned = await eventually(
        async () => {
          const list = await cleanedArticles(bus);
          return list.length >= 2 ? list : undefined;
        },
        60_000,
        'both articles cleaned',
      );
      // The slow page only now, so that the worker is warm: the 1 s limit is for pages, not start-up.
      await bus.publisher.publish('articleFetched', slow);
      const byId = new Map(cleaned.map((c) => [c.articleId, c]));
      expect(byId.get(html.articleId)).toMatchObject({
        title: 'المغرب وكازاخستان يوقعان مذكرة تفاهم في مجال الطاقات المتجددة',
        lang: 'ar',
        author: 'سعيد الإدريسي',
        publishedAt: { value: '2025-03-12T09:30:00.000Z', source: 'meta' },
        relevance: { relevant: true, assessed: true },
        cleaner: { method: 'readability+linkedom' },
      });
      expect(byId.get(text.articleId)).toMatchObject({
        lang: 'ar',
        author: 'هومبريسح رزقي',
        publishedAt: { value: '2025-04', source: 'inferred' },
        cleaner: { method: 'plain-text' },
      });
      expect(byId.get(text.articleId)?.text).not.toContain('مقالات ذات صلة');

      const letters = await eventually(
        async () => {
          const list = await listDeadLetters(bus.jsm, bus.names, { consumer: 'cleaner' });
          return list.length >= 3 ? list : undefined;
        },
        60_000,
        'three dead letters',
      );
      const reasons = Object.fromEntries(letters.map((l) => [l.letter?.articleId, l.letter?.reason]));
      expect(reasons[tooBig.articleId]?.message).toMatch(
        /page too large: \d+ bytes, over the cleaner's cap of 200000/,
      );
      expect(reasons[pdf.articleId]?.message).toMatch(/unsupported content type application\/pdf/);
      expect(reasons[slow.articleId]?.message).toMatch(/page took longer than 1000 ms to clean/);
      for (const id of [tooBig, pdf, slow].map((m) => m.articleId))
        expect(reasons[id]?.code).toBe('permanent');
    } finally {
      await bus.close();
      await service.stop();
    }
  });
});

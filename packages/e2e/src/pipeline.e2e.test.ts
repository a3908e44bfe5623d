import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listDeadLetters, NatsBus, producerConnection, TypedQueue, waitForRedis } from '@dyad/bus';
import { articleIdFor, names as makeNames, seedUrl } from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import { Queue } from 'bullmq';
import {
  articleSubjectCounts,
  pipelineEnv,
  pipelineIdle,
  republishSeeds,
  runCli,
  SERVICE_NAMES,
  seedFiles,
  startService,
  startServices,
  stopAll,
  storedArticles,
} from './pipeline.ts';

const expectedIds = seedFiles.map((f) => articleIdFor(seedUrl(f))).sort();

describe('the pipeline as processes', () => {
  it('replays the seeds into the indexer once; a second replay stores nothing new; SIGTERM exits 0 in time', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const procs = await startServices(env);
    try {
      const first = await runCli(['replay', 'seeds'], env);
      expect(first.code, first.output).toBe(0);
      expect(first.output).toMatch(/5 published/);

      const rows = await eventually(
        async () => {
          const r = await storedArticles(env);
          return r.length === 5 ? r : undefined;
        },
        30_000,
        'five stored articles',
      );
      expect(rows.map((r) => r.article_id).sort()).toEqual(expectedIds);
      expect(rows.every((r) => r.revision === 1)).toBe(true);

      const second = await runCli(['replay', 'seeds'], env);
      expect(second.code, second.output).toBe(0);
      expect(second.output).toMatch(/5 already published/);

      // Past the stream's duplicate window a replay flows through every stage again: the
      // indexer must still store nothing new.
      const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names: makeNames(nats.namespace) });
      try {
        await republishSeeds(bus, 'after-window');
      } finally {
        await bus.close();
      }
      await eventually(async () =>
        (await articleSubjectCounts(env))['article.fetched'] === 10 ? true : undefined,
      );
      await eventually(async () => ((await pipelineIdle(env)) ? true : undefined), 30_000, 'pipeline idle');
      const after = await storedArticles(env);
      expect(after).toEqual(rows);
    } finally {
      const started = Date.now();
      const exits = await Promise.all(SERVICE_NAMES.map((name) => procs.get(name)?.stop(20_000)));
      const elapsed = Date.now() - started;
      for (const [i, exit] of exits.entries()) {
        expect(exit, `${SERVICE_NAMES[i]}: ${procs.get(SERVICE_NAMES[i] ?? 'fetcher')?.output()}`).toEqual({
          code: 0,
          signal: null,
        });
      }
      expect(elapsed).toBeLessThan(10_000);
    }
  }, 120_000);

  it('loses and duplicates nothing when the cleaner is SIGKILLed mid-replay and restarted', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const procs = await startServices(env);
    // The backlog builds up while no cleaner runs, so that the kill lands with work still queued:
    // the seeds plus filler articles, taken one at a time by the cleaner.
    await procs.get('cleaner')?.stop();
    const FILLER = 200;
    const total = seedFiles.length + FILLER;
    try {
      expect((await runCli(['replay', 'seeds'], env)).code).toBe(0);
      const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names: makeNames(nats.namespace) });
      try {
        for (let i = 0; i < FILLER; i++) {
          const url = `https://example.test/filler/${i}`;
          await bus.publisher.publish('articleFetched', {
            schema: 1,
            articleId: articleIdFor(url),
            url,
            sourceId: 'e2e',
            origin: 'crawl',
            fetchedAt: new Date().toISOString(),
            body: {
              contentType: 'text/plain',
              charset: 'utf-8',
              inline: `Filler article number ${i}\n\nBody ${i}.`,
            },
          });
        }
      } finally {
        await bus.close();
      }

      const doomed = startService('cleaner', env, { CONCURRENCY: '1' });
      procs.set('cleaner', doomed);
      await doomed.waitForLine(/"msg":"cleaned"/, 30_000);
      doomed.signal('SIGKILL');
      expect((await doomed.exited).signal).toBe('SIGKILL');
      const cleanedBeforeKill = doomed
        .output()
        .split('\n')
        .filter((l) => l.includes('"msg":"cleaned"')).length;
      expect(cleanedBeforeKill).toBeLessThan(total);

      const restarted = startService('cleaner', env);
      procs.set('cleaner', restarted);
      await restarted.waitForLine(/"msg":"started"/);
      const rows = await eventually(
        async () => {
          const r = await storedArticles(env);
          return r.length === total ? r : undefined;
        },
        90_000,
        `${total} stored articles`,
      );
      const ids = new Set(rows.map((r) => r.article_id));
      expect(ids.size).toBe(total);
      for (const id of expectedIds) expect(ids.has(id)).toBe(true);
      await eventually(async () => ((await pipelineIdle(env)) ? true : undefined), 60_000, 'pipeline idle');
      expect(await articleSubjectCounts(env)).toEqual({
        'article.fetched': total,
        'article.cleaned': total,
        'article.extracted': total,
      });
      expect((await storedArticles(env)).every((r) => r.revision === 1)).toBe(true);
    } finally {
      await stopAll(procs);
    }
  }, 180_000);

  it('dead-letters a schema-invalid message on every stage, with its reason, and keeps consuming', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const names = makeNames(nats.namespace);
    const page = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`A page about Morocco and Kazakhstan\n\nServed for ${req.url}.`);
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    const pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/news/1`;
    // The page server is on loopback, which the fetcher refuses unless allowed.
    const procs = await startServices(env, { fetcher: { FETCH_ALLOW_ADDRESSES: '127.0.0.1' } });
    const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names });
    const redisConn = producerConnection(redis.url);
    try {
      await waitForRedis(redisConn);
      // Invalid on each NATS stage: not even the right shape.
      await bus.js.publish(names.subject('article.fetched'), JSON.stringify({ schema: 1, hello: 'cleaner' }));
      await bus.js.publish(
        names.subject('article.cleaned'),
        JSON.stringify({ schema: 1, hello: 'extractor' }),
      );
      await bus.js.publish(names.subject('article.extracted'), 'not json at all');
      // Invalid on the fetcher's queue, added behind the typed queue's back.
      const rawQueue = new Queue('fetch', { connection: redisConn, prefix: names.queuePrefix() });
      await rawQueue.add('fetch', { schema: 1, url: 'not a url' }, { jobId: 'bad-job', attempts: 5 });

      const letters = await eventually(
        async () => {
          const l = await listDeadLetters(bus.jsm, names);
          return l.length >= 3 ? l : undefined;
        },
        30_000,
        'three dead letters',
      );
      const byConsumer = new Map(letters.map((l) => [l.letter?.consumer, l.letter]));
      for (const consumer of ['cleaner', 'extractor', 'indexer']) {
        const letter = byConsumer.get(consumer);
        expect(letter?.reason.code, consumer).toBe('invalid');
        expect(letter?.reason.message.length).toBeGreaterThan(10);
      }
      expect(byConsumer.get('cleaner')?.reason.issues?.join(' ')).toMatch(/articleId/);
      expect(byConsumer.get('indexer')?.reason.message).toMatch(/not UTF-8 JSON/);

      const failed = await eventually(
        // The state first, then the job: a job read before its state was asked could be the one
        // from before it failed (attemptsMade 0), moved to failed in between.
        async () =>
          (await rawQueue.getJobState('bad-job')) === 'failed' ? await rawQueue.getJob('bad-job') : undefined,
        20_000,
        'bad job failed',
      );
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toMatch(/invalid fetch job.*articleId/);
      await rawQueue.close();

      // Every stage still works: seeds through the NATS stages, a page through the fetcher.
      expect((await runCli(['replay', 'seeds'], env)).code).toBe(0);
      const fetchQueue = new TypedQueue('fetch', redisConn, names);
      await fetchQueue.add({ schema: 1, articleId: articleIdFor(pageUrl), url: pageUrl, sourceId: 'e2e' });
      await fetchQueue.close();
      const rows = await eventually(
        async () => {
          const r = await storedArticles(env);
          return r.length === 6 ? r : undefined;
        },
        30_000,
        'six stored articles',
      );
      expect(rows.map((r) => r.url)).toContain(pageUrl);
    } finally {
      redisConn.disconnect();
      await bus.close();
      await stopAll(procs);
      page.close();
    }
  }, 120_000);
});

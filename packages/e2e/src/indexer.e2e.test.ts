import { NatsBus } from '@dyad/bus';
import { type ArticleExtracted, names as makeNames } from '@dyad/contracts';
import { describe, eventReport, eventually, expect, extractedArticle, it } from '@dyad/testkit';
import { eventMessages, pendingOutbox, pipelineEnv, startService } from './pipeline.ts';

/** Synthetic extracted articles: `events` distinct events, each reported by `perEvent` articles in ar and fr. */
function syntheticArticles(events: number, perEvent: number): ArticleExtracted[] {
  const out: ArticleExtracted[] = [];
  for (let e = 0; e < events; e++) {
    const day = `2025-0${1 + (e % 9)}-${String(10 + (e % 18)).padStart(2, '0')}`;
    for (let r = 0; r < perEvent; r++) {
      const report = eventReport({
        type: 'bilateral_meeting',
        cameo: '040',
        date: r === 0 ? { value: day, precision: 'day' } : { value: day.slice(0, 7), precision: 'month' },
        location: undefined,
        participants: [
          { actorId: `kz.person${e}`, name: `Person ${e}`, names: { en: `Person ${e}` }, country: 'KZ' },
          { actorId: `ma.person${e}`, name: `Personne ${e}`, names: { fr: `Personne ${e}` }, country: 'MA' },
        ],
        topics: ['trade'],
        main: r === 0,
      });
      out.push(
        extractedArticle(`https://example.test/e${e}/r${r}`, {
          sourceId: 'e2e',
          title: `Event ${e} report ${r}`,
          text: `Report ${r} of event ${e}.`,
          lang: r % 2 ? 'fr' : 'ar',
          publishedAt: { value: day, source: 'meta' },
          events: [report],
        }),
      );
    }
  }
  return out;
}

describe('the indexer announces each event exactly once', () => {
  it('with two replicas consuming at once, and again after a redelivery of everything', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names: makeNames(nats.namespace) });
    const replicas = [
      startService('indexer', env, { PORT: '0' }),
      startService('indexer', env, { PORT: '0' }),
    ];
    try {
      await Promise.all(replicas.map((p) => p.waitForLine(/"msg":"started"/, 30_000)));
      const articles = syntheticArticles(30, 4);
      for (const a of articles) await bus.publisher.publish('articleExtracted', a);
      const created = await eventually(
        async () => {
          const n = await eventMessages(bus, 'new-event');
          return n.length >= 30 && (await pendingOutbox(env)) === 0 ? n : undefined;
        },
        60_000,
        'thirty new-event messages',
      );
      expect(created).toHaveLength(30);
      expect(new Set(created.map((e) => e.eventId)).size).toBe(30);
      // Both replicas did work.
      for (const p of replicas) expect(p.output()).toMatch(/"msg":"stored"/);

      // Everything again, past the stream's dedup (new message ids): nothing new is announced.
      for (const a of articles)
        await bus.publisher.publish('articleExtracted', a, { msgId: `${a.articleId}:again` });
      await eventually(async () => {
        const info = await bus.jsm.consumers.info(bus.names.stream('ARTICLES'), 'indexer');
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      }, 60_000);
      expect(await eventMessages(bus, 'new-event')).toHaveLength(30);
      const updates = await eventMessages(bus, 'event-updated');
      expect(new Set(updates.map((u) => `${u.eventId}:${u.version}`)).size).toBe(updates.length);
    } finally {
      await Promise.all(replicas.map((p) => p.stop()));
      await bus.close();
    }
  }, 150_000);

  it('after a SIGKILL between commit and publish', async ({ nats, redis, postgres }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names: makeNames(nats.namespace) });
    // A replica that commits but never publishes: killed, it leaves exactly what a crash between
    // commit and publish leaves — committed events whose announcements are still in the outbox.
    const committer = startService('indexer', env, { OUTBOX_RELAY: 'off' });
    let relay: ReturnType<typeof startService> | undefined;
    try {
      await committer.waitForLine(/"msg":"started"/, 30_000);
      const articles = syntheticArticles(5, 2);
      for (const a of articles) await bus.publisher.publish('articleExtracted', a);
      await eventually(async () => ((await pendingOutbox(env)) >= 5 ? true : undefined), 30_000);
      committer.signal('SIGKILL');
      await committer.exited;
      expect(await eventMessages(bus, 'new-event')).toHaveLength(0);

      relay = startService('indexer', env);
      await relay.waitForLine(/"msg":"started"/, 30_000);
      const created = await eventually(
        async () => {
          const n = await eventMessages(bus, 'new-event');
          return n.length >= 5 && (await pendingOutbox(env)) === 0 ? n : undefined;
        },
        30_000,
        'five new-event messages',
      );
      expect(new Set(created.map((e) => e.eventId)).size).toBe(5);
      expect(created.every((e) => e.sources.length >= 1)).toBe(true);
    } finally {
      await committer.stop();
      await relay?.stop();
      await bus.close();
    }
  }, 120_000);

  it('with INDEXER_ROLE split: two consumer processes and two API replicas over one database', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names: makeNames(nats.namespace) });
    const consumers = [1, 2].map(() => startService('indexer', env, { INDEXER_ROLE: 'consumer' }));
    const apis = [1, 2].map(() => startService('indexer', env, { INDEXER_ROLE: 'api' }));
    try {
      await Promise.all([...consumers, ...apis].map((p) => p.waitForLine(/"msg":"started"/, 30_000)));
      const urls = apis.map(
        (p) =>
          JSON.parse(
            p
              .output()
              .split('\n')
              .find((l) => /"msg":"api listening"/.test(l))
              ?.replace(/^\[[^\]]+\] /, '') ?? '{}',
          ).url as string,
      );
      const articles = syntheticArticles(10, 3);
      for (const a of articles) await bus.publisher.publish('articleExtracted', a);
      const created = await eventually(
        async () => {
          const n = await eventMessages(bus, 'new-event');
          return n.length >= 10 && (await pendingOutbox(env)) === 0 ? n : undefined;
        },
        60_000,
        'ten new-event messages',
      );
      const ids = created.map((e) => e.eventId).sort();
      expect(new Set(ids).size).toBe(10);
      // Either API replica serves every event, whichever consumer stored it.
      for (const url of urls) {
        const page = (await (await fetch(`${url}/events?limit=100`)).json()) as {
          events: { eventId: string }[];
        };
        expect(page.events.map((e) => e.eventId).sort(), url).toEqual(ids);
      }
      // Consumers serve no API; API replicas consume nothing and publish nothing.
      for (const p of consumers) {
        expect(p.output()).toMatch(/"msg":"stored"/);
        expect(p.output()).not.toMatch(/"msg":"api listening"/);
      }
      for (const p of apis) expect(p.output()).not.toMatch(/"msg":"(stored|consuming)"/);
    } finally {
      await Promise.all([...consumers, ...apis].map((p) => p.stop()));
      await bus.close();
    }

    // A split role needs PostgreSQL: PGlite is one process's.
    const alone = startService('indexer', { ...env, DATABASE_URL: '' }, { INDEXER_ROLE: 'api' });
    expect((await alone.exited).code).toBe(1);
    expect(alone.output()).toMatch(
      /INDEXER_ROLE: api shares the store with other processes: set DATABASE_URL/,
    );
  }, 150_000);
});

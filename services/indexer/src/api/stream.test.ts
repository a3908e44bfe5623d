import { NatsBus, parseEnv } from '@dyad/bus';
import { EventMessage, names } from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import { indexerEnvSchema } from '../config.ts';
import { IndexerService } from '../service.ts';
import { eventReport, extractedArticle, nurtleu } from '../test-articles.ts';
import { buildApi } from './server.ts';
import { openSse } from './sse-client.ts';
import type { ApiStore } from './store.ts';
import { sseFrame } from './stream.ts';

const visit = extractedArticle('sse-1', [eventReport()], 'ar', 'زيارة إلى الرباط');
const reference = extractedArticle(
  'sse-2',
  [eventReport({ participants: [nurtleu], main: false, location: undefined })],
  'fr',
  'La visite à Rabat.',
);

/** The whole indexer in this process: real NATS, PGlite in memory, the API on a free port. */
async function startIndexer(natsUrl: string, namespace: string) {
  const env = parseEnv('indexer', indexerEnvSchema, {
    NATS_URL: natsUrl,
    DYAD_NAMESPACE: namespace,
    DATA_DIR: 'memory://',
    HOST: '127.0.0.1',
    PORT: '0',
    API_PORT: '0',
    API_HEARTBEAT_MS: '200',
    OUTBOX_POLL_MS: '200',
    LOG_LEVEL: 'silent',
  });
  const service = new IndexerService(env);
  await service.start();
  const url = service.apiUrl;
  if (!url) throw new Error('the API did not start');
  const bus = await NatsBus.connect({ url: natsUrl, name: 'sse-test', names: names(namespace) });
  return { service, url, bus };
}

async function eventsConsumers(bus: NatsBus): Promise<number> {
  let n = 0;
  for await (const _ of bus.jsm.consumers.list(bus.names.stream('EVENTS'))) n++;
  return n;
}

describe('GET /events/stream', () => {
  it('sends new-event and event-updated as they are published, with heartbeats, and resumes by id', async ({
    nats,
    namespace,
  }) => {
    const { service, url, bus } = await startIndexer(nats.url, namespace);
    try {
      const live = await openSse(`${url}/events/stream`);
      expect(live.status).toBe(200);
      expect(live.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      // The consumer exists once the response has started: nothing published after is missed.
      await bus.publisher.publish('articleExtracted', visit);
      const created = await live.nth(1);
      expect(created.event).toBe('new-event');
      const event = EventMessage.parse(JSON.parse(created.data));
      expect(event.sources.map((s) => s.articleId)).toEqual([visit.articleId]);

      await bus.publisher.publish('articleExtracted', reference);
      const updated = await live.nth(2);
      expect(updated.event).toBe('event-updated');
      const next = EventMessage.parse(JSON.parse(updated.data));
      expect([next.eventId, next.version, next.sources.length]).toEqual([event.eventId, 2, 2]);
      expect(Number(updated.id)).toBeGreaterThan(Number(created.id));
      await eventually(async () => (live.comments.includes('heartbeat') ? true : undefined), 5_000);

      // A client that reconnects with the last id it saw gets what it missed, then the rest.
      const resumed = await openSse(`${url}/events/stream`, { 'last-event-id': created.id ?? '' });
      expect(await resumed.nth(1)).toEqual(updated);
      const fromStart = await openSse(`${url}/events/stream?after=0`);
      expect((await fromStart.nth(2)).id).toBe(updated.id);
      expect(fromStart.events[0]).toEqual(created);

      // Clients that go away leave no consumer behind.
      expect(await eventsConsumers(bus)).toBe(3);
      for (const c of [live, resumed, fromStart]) c.disconnect();
      await eventually(async () => ((await eventsConsumers(bus)) === 0 ? true : undefined), 10_000);
    } finally {
      await service.stop();
      await bus.close();
    }
  }, 60_000);

  it('ends open streams when the indexer stops, and refuses a bad Last-Event-ID', async ({
    nats,
    namespace,
  }) => {
    const { service, url, bus } = await startIndexer(nats.url, namespace);
    try {
      const bad = await fetch(`${url}/events/stream`, { headers: { 'last-event-id': 'yesterday' } });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ issues: [{ parameter: 'Last-Event-ID' }] });
      const badAfter = await fetch(`${url}/events/stream?after=-3`);
      expect(badAfter.status).toBe(400);

      const open = await openSse(`${url}/events/stream`);
      expect(open.status).toBe(200);
      const started = Date.now();
      expect(await service.stop()).toBe(true);
      await open.ended;
      expect(Date.now() - started).toBeLessThan(5_000);
      // The API has stopped listening.
      await expect(fetch(`${url}/events`)).rejects.toThrow();
    } finally {
      await service.stop();
      await bus.close();
    }
  }, 60_000);
});

describe('sseFrame', () => {
  it('puts the sequence in id, the subject in event, and each line of the data in a data field', () => {
    expect(sseFrame({ seq: 7, subject: 'new-event', data: '{"a":1}' })).toBe(
      'id: 7\nevent: new-event\ndata: {"a":1}\n\n',
    );
    expect(sseFrame({ seq: 8, subject: 'event-updated', data: '{\n"a":1\r\n}' })).toBe(
      'id: 8\nevent: event-updated\ndata: {\ndata: "a":1\ndata: }\n\n',
    );
  });
});

describe('GET /events/stream without NATS', () => {
  it('answers 503 with Retry-After when the stream cannot be read', async () => {
    const failing = buildApi({
      store: {} as ApiStore,
      version: 'test',
      feed: { open: () => Promise.reject(new Error('no responders')) },
    });
    const none = buildApi({ store: {} as ApiStore, version: 'test' });
    try {
      for (const app of [failing, none]) {
        const res = await app.inject({ method: 'GET', url: '/events/stream' });
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('10');
        expect(res.json()).toMatchObject({ error: 'unavailable' });
      }
    } finally {
      await failing.close();
      await none.close();
    }
  });
});

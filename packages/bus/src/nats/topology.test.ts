import { consumers, names as makeNames, type Names } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { AckPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { NatsBus } from './bus.ts';
import { ensureConsumer, ensureStreams, ensureTopology } from './topology.ts';

/** A connection that has not created any stream yet. */
async function openBareBus(url: string, namespace: string): Promise<{ bus: NatsBus; names: Names }> {
  const names = makeNames(namespace);
  const bus = await NatsBus.connect({ url, name: 'test', names, ensureStreams: false });
  return { bus, names };
}

/** The namespace's streams, by name, with their subjects. */
async function namespaceStreams(jsm: JetStreamManager, namespace: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for await (const info of jsm.streams.list()) {
    if (info.config.name.startsWith(`${namespace}_`)) out[info.config.name] = info.config.subjects;
  }
  return out;
}

describe('ensureStreams', () => {
  it('creates ARTICLES, EVENTS and DLQ on the namespaced subjects', async ({ nats }) => {
    const { bus, names } = await openBareBus(nats.url, nats.namespace);
    const ns = nats.namespace;
    try {
      expect(await namespaceStreams(bus.jsm, ns)).toEqual({});
      await ensureStreams(bus.jsm, names);
      expect(await namespaceStreams(bus.jsm, ns)).toEqual({
        [`${ns}_ARTICLES`]: [`${ns}.article.fetched`, `${ns}.article.cleaned`, `${ns}.article.extracted`],
        [`${ns}_EVENTS`]: [`${ns}.new-event`, `${ns}.event-updated`],
        [`${ns}_DLQ`]: [`${ns}.dlq.>`],
      });
      const articles = await bus.jsm.streams.info(`${ns}_ARTICLES`);
      expect(articles.config.max_age).toBe(nanos(30 * 86_400_000));
      expect(articles.config.duplicate_window).toBe(nanos(2 * 3_600_000));
    } finally {
      await bus.close();
    }
  });

  it('can run again, and from several replicas at once, leaving one stream of each', async ({ nats }) => {
    const { bus, names } = await openBareBus(nats.url, nats.namespace);
    const other = await openBareBus(nats.url, nats.namespace);
    try {
      await Promise.all([
        ensureStreams(bus.jsm, names),
        ensureStreams(other.bus.jsm, names),
        ensureStreams(bus.jsm, names),
      ]);
      await ensureStreams(bus.jsm, names);
      await ensureStreams(other.bus.jsm, names);
      expect(Object.keys(await namespaceStreams(bus.jsm, nats.namespace)).sort()).toEqual(
        ['ARTICLES', 'DLQ', 'EVENTS'].map((s) => `${nats.namespace}_${s}`),
      );
    } finally {
      await other.bus.close();
      await bus.close();
    }
  });

  it('brings a stream whose limits drifted back to the catalog, keeping its messages', async ({ nats }) => {
    const { bus, names } = await openBareBus(nats.url, nats.namespace);
    try {
      await ensureStreams(bus.jsm, names);
      const stream = names.stream('EVENTS');
      await bus.js.publish(names.subject('new-event'), '{}');
      await bus.jsm.streams.update(stream, { max_age: nanos(10 * 86_400_000), description: 'hand-edited' });
      await ensureStreams(bus.jsm, names);
      const info = await bus.jsm.streams.info(stream);
      expect(info.config.max_age).toBe(nanos(365 * 86_400_000));
      expect(info.config.description).toBe('Events announced by the indexer');
      expect(info.state.messages).toBe(1);
    } finally {
      await bus.close();
    }
  });
});

describe('ensureConsumer', () => {
  it('creates the durable with the retry budget plus one delivery and the catalog ack wait', async ({
    nats,
  }) => {
    const { bus, names } = await openBareBus(nats.url, nats.namespace);
    const spec = consumers.cleaner;
    try {
      await ensureStreams(bus.jsm, names);
      await ensureConsumer(bus.jsm, names, spec);
      const info = await bus.jsm.consumers.info(names.stream('ARTICLES'), 'cleaner');
      expect(info.config.durable_name).toBe('cleaner');
      expect(info.config.filter_subject).toBe(`${nats.namespace}.article.fetched`);
      expect(info.config.ack_policy).toBe(AckPolicy.Explicit);
      expect(info.config.max_deliver).toBe(spec.retry.maxAttempts + 1);
      expect(info.config.max_deliver).toBe(7);
      expect(info.config.ack_wait).toBe(nanos(30_000));
    } finally {
      await bus.close();
    }
  });

  it('updates the ack wait and delivery limit when the spec changes', async ({ nats }) => {
    const { bus, names } = await openBareBus(nats.url, nats.namespace);
    const spec = consumers.extractor;
    const stream = names.stream('ARTICLES');
    try {
      await ensureStreams(bus.jsm, names);
      await ensureConsumer(bus.jsm, names, spec);
      await ensureConsumer(bus.jsm, names, { ...spec, ackWaitMs: 12_000 });
      let info = await bus.jsm.consumers.info(stream, 'extractor');
      expect(info.config.ack_wait).toBe(nanos(12_000));
      expect(info.config.max_deliver).toBe(spec.retry.maxAttempts + 1);

      await ensureConsumer(bus.jsm, names, {
        ...spec,
        ackWaitMs: 12_000,
        retry: { ...spec.retry, maxAttempts: 2 },
      });
      info = await bus.jsm.consumers.info(stream, 'extractor');
      expect(info.config.max_deliver).toBe(3);
      expect(info.config.ack_wait).toBe(nanos(12_000));
      expect(info.config.filter_subject).toBe(names.subject('article.cleaned'));
    } finally {
      await bus.close();
    }
  });

  it('can run from several replicas at once', async ({ nats }) => {
    const { bus, names } = await openBareBus(nats.url, nats.namespace);
    try {
      await ensureStreams(bus.jsm, names);
      await Promise.all([1, 2, 3].map(() => ensureConsumer(bus.jsm, names, consumers.indexer)));
      const durables: string[] = [];
      for await (const c of bus.jsm.consumers.list(names.stream('ARTICLES'))) durables.push(c.name);
      expect(durables).toEqual(['indexer']);
    } finally {
      await bus.close();
    }
  });

  it('refuses a consumer whose filter differs from the catalog, saying what to do', async ({ nats }) => {
    const { bus, names } = await openBareBus(nats.url, nats.namespace);
    const stream = names.stream('ARTICLES');
    try {
      await ensureStreams(bus.jsm, names);
      await bus.jsm.consumers.add(stream, {
        durable_name: 'cleaner',
        ack_policy: AckPolicy.Explicit,
        filter_subject: names.subject('article.extracted'),
      });
      await expect(ensureConsumer(bus.jsm, names, consumers.cleaner)).rejects.toThrow(
        new RegExp(
          `${stream}/cleaner filters ${nats.namespace}\\.article\\.extracted, the catalog says ${nats.namespace}\\.article\\.fetched: delete it`,
        ),
      );
      // Left as it was: refusing must not half-update it.
      const info = await bus.jsm.consumers.info(stream, 'cleaner');
      expect(info.config.filter_subject).toBe(names.subject('article.extracted'));
    } finally {
      await bus.close();
    }
  });
});

describe('ensureTopology', () => {
  it('creates every stream and every catalog consumer', async ({ nats }) => {
    const { bus, names } = await openBareBus(nats.url, nats.namespace);
    try {
      await ensureTopology(bus.jsm, names);
      await ensureTopology(bus.jsm, names);
      const durables: string[] = [];
      for await (const c of bus.jsm.consumers.list(names.stream('ARTICLES'))) durables.push(c.name);
      expect(durables.sort()).toEqual(
        Object.values(consumers)
          .map((c) => c.durable)
          .sort(),
      );
    } finally {
      await bus.close();
    }
  });
});

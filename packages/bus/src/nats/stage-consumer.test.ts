import { type ArticleFetched, DeadLetter } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { PermanentError } from '../errors.ts';
import { listDeadLetters, redriveDeadLetter } from './dead-letters.ts';
import {
  consumerFor,
  fetchedMessage,
  openTestBus,
  sleep,
  testConsumerSpec,
  waitFor,
} from './test-helpers.ts';

describe('StageConsumer', () => {
  it('delivers validated messages to the handler and acks them', async ({ nats }) => {
    const spec = testConsumerSpec();
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const seen: ArticleFetched[] = [];
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (m) => {
        seen.push(m);
      },
    });
    try {
      await consumer.start();
      for (const n of [1, 2, 3]) await bus.publisher.publish('articleFetched', fetchedMessage(n));
      await waitFor(() => seen.length === 3);
      expect(seen.map((m) => m.url).sort()).toEqual([1, 2, 3].map((n) => `https://example.test/news/${n}`));
      await waitFor(async () => {
        const info = await bus.jsm.consumers.info(names.stream('ARTICLES'), spec.durable);
        return info.num_ack_pending === 0 && info.num_pending === 0;
      });
      expect((await metrics.processed.get()).values[0]?.value).toBe(3);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('asks for at most maxPull messages a pull request, however many slots are free', async ({ nats }) => {
    const spec = testConsumerSpec({ concurrency: 8 });
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const asked: number[] = [];
    const pulls = bus.nc.subscribe(`$JS.API.CONSUMER.MSG.NEXT.${names.stream('ARTICLES')}.${spec.durable}`, {
      callback: (_, msg) => {
        asked.push((msg.json() as { batch: number }).batch);
      },
    });
    let seen = 0;
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      maxPull: 3,
      handler: async () => {
        seen++;
      },
    });
    try {
      for (const n of [1, 2, 3, 4, 5, 6, 7]) await bus.publisher.publish('articleFetched', fetchedMessage(n));
      await consumer.start();
      await waitFor(() => seen === 7);
      expect(asked.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...asked)).toBe(3);
    } finally {
      pulls.unsubscribe();
      await consumer.stop();
      await bus.close();
    }
  });

  it('drops a republish with the same message id as a duplicate', async ({ nats }) => {
    const { bus } = await openTestBus(nats.url, nats.namespace);
    try {
      const first = await bus.publisher.publish('articleFetched', fetchedMessage(1));
      const again = await bus.publisher.publish('articleFetched', fetchedMessage(1));
      expect(first.duplicate).toBe(false);
      expect(again.duplicate).toBe(true);
      expect(again.seq).toBe(first.seq);
    } finally {
      await bus.close();
    }
  });

  it('refuses to publish a message that fails its schema', async ({ nats }) => {
    const { bus } = await openTestBus(nats.url, nats.namespace);
    try {
      const bad = { ...fetchedMessage(1), articleId: 'nope' };
      await expect(bus.publisher.publish('articleFetched', bad)).rejects.toThrow(/articleId/);
      // Not validated (a stage's output, which its consumer validates), its size is still checked.
      const huge = {
        ...bad,
        body: { contentType: 'text/html', charset: 'utf-8', inline: 'x'.repeat(2_000_000) },
      };
      await expect(bus.publisher.publish('articleFetched', huge, { validate: false })).rejects.toThrow(
        /too large|bytes/,
      );
    } finally {
      await bus.close();
    }
  });

  it('a message too large for the bus fails its article at once (a dead letter with the sizes), never as temporary', async ({
    nats,
  }) => {
    const spec = testConsumerSpec();
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const attempts: number[] = [];
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (m, ctx) => {
        attempts.push(ctx.deliveryCount);
        // What a stage does with its output: too large for the server's max_payload.
        const big = {
          ...m,
          body: { contentType: 'text/plain', charset: 'utf-8', inline: 'x'.repeat(2_000_000) },
        };
        await bus.publisher.publish('articleFetched', big, { msgId: `${m.articleId}:big` });
      },
    });
    try {
      expect(bus.publisher.maxBodyBytes).toBe((bus.nc.info?.max_payload ?? 0) - 1_024);
      await consumer.start();
      await bus.publisher.publish('articleFetched', fetchedMessage(3));
      const [letter] = await waitFor(async () => {
        const l = await listDeadLetters(bus.jsm, names, { consumer: spec.durable });
        return l.length === 1 ? l : undefined;
      });
      const reason = DeadLetter.parse(letter?.letter).reason;
      expect(reason.code).toBe('permanent');
      expect(reason.message).toMatch(/is 2000\d{3} bytes, over the bus's limit of \d+ \(NATS max_payload\)/);
      expect(attempts).toEqual([1]);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('a message too large to copy into a dead letter is dead-lettered by reference, and redriven from its stream', async ({
    nats,
  }) => {
    const spec = testConsumerSpec();
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const consumer = consumerFor({ bus, names, spec, metrics, handler: async () => undefined });
    try {
      await consumer.start();
      // Near the server's max_payload, and not JSON: a letter that copied it would not fit.
      const huge = 'z'.repeat(bus.publisher.maxBodyBytes - 100);
      const { seq } = await bus.js.publish(names.subject('article.fetched'), huge);
      const [entry] = await waitFor(async () => {
        const l = await listDeadLetters(bus.jsm, names, { consumer: spec.durable });
        return l.length === 1 ? l : undefined;
      });
      const letter = DeadLetter.parse(entry?.letter);
      expect(letter).toMatchObject({ payload: '', payloadEncoding: 'stream', streamSeq: seq });
      expect(letter.reason.code).toBe('invalid');
      if (!entry) throw new Error('no letter');
      const redriven = await redriveDeadLetter(bus.js, bus.jsm, names, entry);
      expect(redriven.ok, redriven.detail).toBe(true);
      // The same bytes are on the subject again (and dead-lettered again, being no JSON).
      const again = await waitFor(async () => {
        const l = await listDeadLetters(bus.jsm, names, { consumer: spec.durable });
        return l.length === 1 && l[0]?.letter?.streamSeq !== seq ? l[0] : undefined;
      });
      const copy = await bus.jsm.streams.getMessage(names.stream('ARTICLES'), {
        seq: again.letter?.streamSeq ?? 0,
      });
      expect(copy?.data.length).toBe(huge.length);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('dead-letters invalid messages with the reason and keeps consuming', async ({ nats }) => {
    const spec = testConsumerSpec();
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const seen: string[] = [];
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (m) => {
        seen.push(m.url);
      },
    });
    try {
      await consumer.start();
      const subject = names.subject('article.fetched');
      await bus.js.publish(subject, 'this is not json');
      // A stage's output is not validated on publish (validate: false): its consumer refuses it.
      const invalid = { ...fetchedMessage(7), origin: 'carrier-pigeon' } as unknown as ArticleFetched;
      await bus.publisher.publish('articleFetched', invalid, { validate: false });
      await bus.publisher.publish('articleFetched', fetchedMessage(8));
      await waitFor(() => seen.length === 1);
      const letters = await waitFor(async () => {
        const l = await listDeadLetters(bus.jsm, names, { consumer: spec.durable });
        return l.length === 2 ? l : undefined;
      });
      const [notJson, badSchema] = letters.map((l) => DeadLetter.parse(l.letter));
      expect(notJson?.reason.code).toBe('invalid');
      expect(notJson?.reason.message).toMatch(/not UTF-8 JSON/);
      expect(notJson?.payload).toBe('this is not json');
      expect(badSchema?.reason.code).toBe('invalid');
      expect(badSchema?.reason.issues?.join()).toMatch(/origin/);
      expect(badSchema?.articleId).toBe(fetchedMessage(7).articleId);
      expect(seen).toEqual(['https://example.test/news/8']);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('retries transient failures with backoff, then succeeds', async ({ nats }) => {
    const spec = testConsumerSpec();
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const attempts: number[] = [];
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (_m, ctx) => {
        attempts.push(ctx.deliveryCount);
        if (ctx.deliveryCount < 3) throw new Error('database briefly away');
      },
    });
    try {
      await consumer.start();
      await bus.publisher.publish('articleFetched', fetchedMessage(1));
      await waitFor(() => attempts.length === 3);
      await sleep(300);
      expect(attempts).toEqual([1, 2, 3]);
      expect(await listDeadLetters(bus.jsm, names)).toHaveLength(0);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('dead-letters after the retry budget, and at once on a PermanentError', async ({ nats }) => {
    const spec = testConsumerSpec();
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (m) => {
        if (m.url.endsWith('/1')) throw new Error('always down');
        throw new PermanentError('unsupported content type text/x-foo');
      },
    });
    try {
      await consumer.start();
      await bus.publisher.publish('articleFetched', fetchedMessage(1));
      await bus.publisher.publish('articleFetched', fetchedMessage(2));
      const letters = await waitFor(async () => {
        const l = await listDeadLetters(bus.jsm, names);
        return l.length === 2 ? l.map((x) => DeadLetter.parse(x.letter)) : undefined;
      });
      const byUrl = new Map(letters.map((l) => [JSON.parse(l.payload).url as string, l]));
      const transient = byUrl.get('https://example.test/news/1');
      const permanent = byUrl.get('https://example.test/news/2');
      expect(transient?.reason.code).toBe('max-deliveries');
      expect(transient?.deliveryCount).toBe(3);
      expect(transient?.reason.message).toMatch(/always down/);
      expect(permanent?.reason.code).toBe('permanent');
      expect(permanent?.deliveryCount).toBe(1);
      // Dead-lettered messages are done with: nothing left unacked, nothing redelivered later.
      const info = await waitFor(async () => {
        const i = await bus.jsm.consumers.info(names.stream('ARTICLES'), spec.durable);
        return i.num_ack_pending === 0 ? i : undefined;
      }, 3_000);
      expect(info.num_pending).toBe(0);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('dead-letters a delivery beyond the budget without running the handler', async ({ nats }) => {
    // As if the process died on each earlier delivery: nobody acked, the ack wait ran out.
    const spec = testConsumerSpec({
      ackWaitMs: 500,
      retry: { maxAttempts: 2, backoff: { initialMs: 10, maxMs: 10, jitter: 0 } },
    });
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    await bus.publisher.publish('articleFetched', fetchedMessage(1));
    const raw = await bus.js.consumers.get(names.stream('ARTICLES'), spec.durable);
    for (let i = 0; i < 2; i++) {
      const m = await raw.next({ expires: 5_000 });
      expect(m?.info.deliveryCount).toBe(i + 1);
    }
    let ran = 0;
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async () => {
        ran++;
      },
    });
    try {
      await consumer.start();
      const letters = await waitFor(async () => {
        const l = await listDeadLetters(bus.jsm, names);
        return l.length === 1 ? l : undefined;
      });
      expect(letters[0]?.letter?.reason.code).toBe('max-deliveries');
      expect(letters[0]?.letter?.deliveryCount).toBe(3);
      expect(ran).toBe(0);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('keeps a long job alive with working() instead of letting it be redelivered', async ({ nats }) => {
    const spec = testConsumerSpec({ ackWaitMs: 1_000, concurrency: 2 });
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const deliveries: number[] = [];
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (_m, ctx) => {
        deliveries.push(ctx.deliveryCount);
        await sleep(2_500);
      },
    });
    try {
      await consumer.start();
      await bus.publisher.publish('articleFetched', fetchedMessage(1));
      await waitFor(async () => (await metrics.processed.get()).values[0]?.value === 1, 8_000);
      expect(deliveries).toEqual([1]);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('finishes in-flight work on stop and leaves nothing unacked', async ({ nats }) => {
    const spec = testConsumerSpec({ concurrency: 2 });
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    const done: string[] = [];
    let started = 0;
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (m) => {
        started++;
        await sleep(400);
        done.push(m.url);
      },
    });
    await consumer.start();
    for (const n of [1, 2, 3, 4, 5]) await bus.publisher.publish('articleFetched', fetchedMessage(n));
    await waitFor(() => started >= 1);
    await consumer.stop();
    expect(done.length).toBe(started);
    expect(consumer.inFlightCount).toBe(0);
    // Nothing is left delivered-but-unacked; what was not processed waits for the next replica.
    // Naks of messages that arrived during the last pull are sent without waiting for a reply.
    const info = await waitFor(async () => {
      const i = await bus.jsm.consumers.info(names.stream('ARTICLES'), spec.durable);
      return i.num_ack_pending === 0 ? i : undefined;
    }, 2_000);
    expect(info.num_pending + info.num_redelivered).toBe(5 - done.length);
    await bus.close();
  });

  it('redrives a dead letter to its subject, where it is consumed, and removes it from the DLQ', async ({
    nats,
  }) => {
    const spec = testConsumerSpec();
    const { bus, names, metrics } = await openTestBus(nats.url, nats.namespace, spec);
    let broken = true;
    const handled: string[] = [];
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (m) => {
        if (broken) throw new PermanentError('stage not ready for this yet');
        handled.push(m.url);
      },
    });
    try {
      await consumer.start();
      await bus.publisher.publish('articleFetched', fetchedMessage(1));
      const [entry] = await waitFor(async () => {
        const l = await listDeadLetters(bus.jsm, names);
        return l.length === 1 ? l : undefined;
      });
      if (!entry) throw new Error('no dead letter');
      broken = false;
      const result = await redriveDeadLetter(bus.js, bus.jsm, names, entry);
      expect(result.ok).toBe(true);
      await waitFor(() => handled.length === 1);
      expect(handled).toEqual(['https://example.test/news/1']);
      expect(await listDeadLetters(bus.jsm, names)).toHaveLength(0);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });
});

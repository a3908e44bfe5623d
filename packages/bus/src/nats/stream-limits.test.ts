/**
 * Bounded storage: every stream has a byte limit and discards new. A full stream refuses the
 * publish with a StreamFullError and keeps every message it holds; a stage whose output stream is
 * full holds its message (no attempt spent, no dead letter) until the stream takes it again.
 */
import { names as makeNames, streams } from '@dyad/contracts';
import { describe, eventually, expect, extractedArticle, it } from '@dyad/testkit';
import { DiscardPolicy } from '@nats-io/jetstream';
import { StreamFullError } from '../errors.ts';
import { createMetrics } from '../runtime/metrics.ts';
import { NatsBus } from './bus.ts';
import { consumerFor, fetchedMessage, testConsumerSpec } from './test-helpers.ts';
import { applicableMaxBytes, ensureConsumer, ensureStreams } from './topology.ts';

const LIMIT = 16 * 1_024;

/** Publishes filler on `article.cleaned` (nobody consumes it here) until the stream refuses one. */
async function fill(bus: NatsBus): Promise<{ published: number; refusal: unknown }> {
  const subject = bus.names.subject('article.cleaned');
  for (let i = 0; ; i++) {
    try {
      await bus.js.publish(subject, new Uint8Array(1_000), { msgID: `filler-${i}` });
    } catch (refusal) {
      return { published: i, refusal };
    }
    if (i > 1_000) throw new Error('the stream never filled');
  }
}

describe('stream limits', () => {
  it('every stream is created with its byte limit and discard new; an environment limit wins', async ({
    nats,
  }) => {
    const names = makeNames(nats.namespace);
    const bus = await NatsBus.connect({
      url: nats.url,
      name: 'test',
      names,
      streamLimits: { EVENTS: 2 * 1_048_576 },
    });
    try {
      for (const stream of ['ARTICLES', 'EVENTS', 'DLQ'] as const) {
        const info = await bus.jsm.streams.info(names.stream(stream));
        expect(info.config.discard, stream).toBe(DiscardPolicy.New);
        expect(info.config.max_bytes, stream).toBe(
          stream === 'EVENTS' ? 2 * 1_048_576 : streams[stream].maxBytes,
        );
      }
      await bus.rawStore();
      const raw = await bus.jsm.streams.info(`OBJ_${names.objectStore('raw')}`);
      expect([raw.config.discard, raw.config.max_bytes]).toEqual([DiscardPolicy.New, 1_073_741_824]);
    } finally {
      await bus.close();
    }
  });

  it('a full stream refuses the publish with StreamFullError and keeps every message; a lower limit never deletes', async ({
    nats,
  }) => {
    const names = makeNames(nats.namespace);
    const bus = await NatsBus.connect({
      url: nats.url,
      name: 'test',
      names,
      streamLimits: { ARTICLES: LIMIT },
    });
    try {
      const stream = names.stream('ARTICLES');
      const { published } = await fill(bus);
      expect(published).toBeGreaterThan(5);
      // Through the typed publisher: a clear, typed error naming the stream.
      const big = fetchedMessage(1, {
        body: { contentType: 'text/plain', charset: 'utf-8', inline: 'x'.repeat(2_000) },
      });
      const error = await bus.publisher.publish('articleFetched', big).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamFullError);
      expect((error as StreamFullError).stream).toBe(stream);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^publish to ${nats.namespace}\\.article\\.fetched failed: stream ${stream} is full \\(maximum bytes exceeded\\)`,
        ),
      );
      // Nothing was dropped to make room: the first message is still there.
      let info = await bus.jsm.streams.info(stream);
      expect([info.state.messages, info.state.first_seq]).toEqual([published, 1]);
      expect(info.state.bytes).toBeLessThanOrEqual(LIMIT);

      // A lower limit than the stream holds is not applied (the server would delete old messages).
      await ensureStreams(bus.jsm, names, ['ARTICLES'], { maxBytes: { ARTICLES: 4 * 1_024 } });
      info = await bus.jsm.streams.info(stream);
      expect([info.config.max_bytes, info.state.messages]).toEqual([LIMIT, published]);
      // A higher one is: the stream takes messages again.
      await ensureStreams(bus.jsm, names, ['ARTICLES'], { maxBytes: { ARTICLES: 4 * LIMIT } });
      expect((await bus.publisher.publish('articleFetched', big)).duplicate).toBe(false);
    } finally {
      await bus.close();
    }
  });

  it('applies a lower limit only once the stream holds less than it', () => {
    expect(applicableMaxBytes(1_000, 5_000, 3_000)).toBe(5_000);
    expect(applicableMaxBytes(1_000, 5_000, 800)).toBe(1_000);
    expect(applicableMaxBytes(9_000, 5_000, 4_900)).toBe(9_000);
    expect(applicableMaxBytes(1_000, -1, 3_000)).toBe(1_000);
  });

  it('a stage whose output stream is full holds its message, spends no attempt, dead-letters nothing, and goes on once there is room', async ({
    nats,
  }) => {
    const spec = testConsumerSpec();
    const names = makeNames(nats.namespace);
    const bus = await NatsBus.connect({
      url: nats.url,
      name: 'test',
      names,
      streamLimits: { ARTICLES: LIMIT },
    });
    const metrics = createMetrics('test');
    await ensureConsumer(bus.jsm, names, spec);
    const attempts: number[] = [];
    const consumer = consumerFor({
      bus,
      names,
      spec,
      metrics,
      handler: async (message, ctx) => {
        attempts.push(ctx.deliveryCount);
        await bus.publisher.publish('articleExtracted', extractedArticle(message.url));
      },
    });
    try {
      await bus.publisher.publish('articleFetched', fetchedMessage(7));
      await fill(bus);
      await consumer.start();
      // More tries than the retry budget (3), all on the first delivery.
      await eventually(async () => (attempts.length > 4 ? true : undefined), 30_000, 'held tries');
      expect(new Set(attempts)).toEqual(new Set([1]));
      const stream = names.stream('ARTICLES');
      expect((await bus.jsm.consumers.info(stream, spec.durable)).num_ack_pending).toBe(1);

      // Room again: the held message goes through, once.
      await bus.jsm.streams.purge(stream, { filter: names.subject('article.cleaned') });
      await eventually(
        async () => {
          const info = await bus.jsm.streams.info(stream, { subjects_filter: '>' });
          return info.state.subjects?.[names.subject('article.extracted')] === 1 ? true : undefined;
        },
        30_000,
        'the held article published',
      );
      await eventually(
        async () =>
          (await bus.jsm.consumers.info(stream, spec.durable)).num_ack_pending === 0 ? true : undefined,
        10_000,
        'acked',
      );
      const dlq = await bus.jsm.streams.info(names.stream('DLQ'));
      expect(dlq.state.messages).toBe(0);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });
});

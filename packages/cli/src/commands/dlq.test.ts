import {
  createLogger,
  createMetrics,
  ensureTopology,
  listDeadLetters,
  publishDeadLetter,
  StageConsumer,
} from '@dyad/bus';
import { articleIdFor, consumers } from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import { main } from '../main.ts';
import { openBus, testIo } from '../test-helpers.ts';

type Bus = Awaited<ReturnType<typeof openBus>>;

const articleId = articleIdFor('https://example.test/broken');

/** Publishes an invalid article.fetched and lets the real cleaner consumer dead-letter it. */
async function deadLetterOne(bus: Bus): Promise<number> {
  await ensureTopology(bus.jsm, bus.names);
  const handled: unknown[] = [];
  const consumer = new StageConsumer({
    js: bus.js,
    nc: bus.nc,
    names: bus.names,
    spec: consumers.cleaner,
    log: createLogger('cleaner', 'silent'),
    metrics: createMetrics('cli_test'),
    handler: async (m) => {
      handled.push(m);
    },
  });
  const ack = await bus.js.publish(
    bus.names.subject('article.fetched'),
    JSON.stringify({ schema: 1, articleId, url: 'https://example.test/broken' }),
    { msgID: 'broken-1' },
  );
  await consumer.start();
  try {
    const [letter] = await eventually(async () => {
      const letters = await listDeadLetters(bus.jsm, bus.names);
      return letters.length ? letters : undefined;
    });
    expect(handled).toEqual([]);
    expect(letter?.letter?.streamSeq).toBe(ack.seq);
    return letter?.seq ?? -1;
  } finally {
    await consumer.stop();
  }
}

describe('dyad dlq', () => {
  it('lists a dead letter with its reason, issues and article, as lines and as JSON', async ({ nats }) => {
    const bus = await openBus(nats.url, nats.namespace);
    try {
      const seq = await deadLetterOne(bus);
      const io = testIo({ natsUrl: nats.url, namespace: nats.namespace });
      expect(await main(['dlq', 'list'], io)).toBe(0);
      const text = io.stdout.text();
      expect(text).toMatch(
        new RegExp(
          `^#${seq} {2}cleaner {2}${nats.namespace}\\.article\\.fetched \\(stream seq 1, 1 delivery\\) {2}failed \\d{4}-`,
        ),
      );
      expect(text).toContain('    invalid: does not match the article.fetched v1 schema\n');
      expect(text).toMatch(/ {6}- sourceId: /);
      expect(text).toContain(`    article ${articleId}\n`);
      expect(text).toContain('1 dead letter\n');

      const json = testIo({ natsUrl: nats.url, namespace: nats.namespace });
      expect(await main(['dlq', 'list', '--json', '--consumer', 'cleaner'], json)).toBe(0);
      const { deadLetters } = JSON.parse(json.stdout.text());
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]).toMatchObject({
        seq,
        consumer: 'cleaner',
        subject: `${nats.namespace}.article.fetched`,
        articleId,
        reason: { code: 'invalid' },
      });
      expect(deadLetters[0].reason.issues.length).toBeGreaterThan(0);

      const other = testIo({ natsUrl: nats.url, namespace: nats.namespace });
      expect(await main(['dlq', 'list', '--consumer', 'indexer'], other)).toBe(0);
      expect(other.stdout.text()).toBe('no dead letters of consumer indexer\n');
    } finally {
      await bus.close();
    }
  });

  it('redrives a letter to its subject and removes it from the DLQ', async ({ nats }) => {
    const bus = await openBus(nats.url, nats.namespace);
    try {
      const seq = await deadLetterOne(bus);
      const io = testIo({ natsUrl: nats.url, namespace: nats.namespace });
      expect(await main(['dlq', 'redrive', '--seq', String(seq)], io)).toBe(0);
      expect(io.stdout.lines()).toEqual([
        `#${seq}  redriven: republished to ${nats.namespace}.article.fetched`,
        'redrove 1 of 1 dead letters, 0 failed',
      ]);
      expect(await listDeadLetters(bus.jsm, bus.names)).toEqual([]);
      const stream = bus.names.stream('ARTICLES');
      const info = await bus.jsm.streams.info(stream);
      expect(info.state.messages).toBe(2);
      const again = await bus.jsm.streams.getMessage(stream, { seq: info.state.last_seq });
      expect(again?.header.get('Dyad-Redriven-From')).toBe(`${bus.names.stream('DLQ')}:${seq}`);
      expect(again?.json()).toEqual({ schema: 1, articleId, url: 'https://example.test/broken' });
    } finally {
      await bus.close();
    }
  });

  it('redrive --all redrives every letter of a consumer; a missing seq fails with exit 1', async ({
    nats,
  }) => {
    const bus = await openBus(nats.url, nats.namespace);
    try {
      await ensureTopology(bus.jsm, bus.names);
      const base = {
        schema: 1 as const,
        stream: bus.names.stream('ARTICLES'),
        subject: bus.names.subject('article.cleaned'),
        deliveryCount: 6,
        reason: { code: 'max-deliveries' as const, message: 'failed 6 times; last error: boom' },
        headers: {},
        payload: '{"x":1}',
        payloadEncoding: 'utf8' as const,
        failedAt: '2026-01-02T03:04:05.000Z',
      };
      await publishDeadLetter(bus.js, bus.names, { ...base, consumer: 'extractor', streamSeq: 10 });
      await publishDeadLetter(bus.js, bus.names, { ...base, consumer: 'extractor', streamSeq: 11 });
      await publishDeadLetter(bus.js, bus.names, { ...base, consumer: 'indexer', streamSeq: 12 });

      const all = testIo({ natsUrl: nats.url, namespace: nats.namespace });
      expect(await main(['dlq', 'redrive', '--all', '--consumer', 'extractor', '--json'], all)).toBe(0);
      const { results } = JSON.parse(all.stdout.text());
      expect(results.map((r: { seq: number; ok: boolean }) => [r.seq, r.ok])).toEqual([
        [1, true],
        [2, true],
      ]);
      expect((await listDeadLetters(bus.jsm, bus.names)).map((l) => l.letter?.consumer)).toEqual(['indexer']);

      const missing = testIo({ natsUrl: nats.url, namespace: nats.namespace });
      expect(await main(['dlq', 'redrive', '--seq', '3,99'], missing)).toBe(1);
      expect(missing.stdout.lines()).toEqual([
        `#3  redriven: republished to ${nats.namespace}.article.cleaned`,
        '#99  failed: no dead letter with DLQ sequence 99',
        'redrove 1 of 2 dead letters, 1 failed',
      ]);
    } finally {
      await bus.close();
    }
  });

  it('usage errors exit 2', async () => {
    for (const args of [
      ['dlq'],
      ['dlq', 'purge'],
      ['dlq', 'redrive'],
      ['dlq', 'redrive', '--all', '--seq', '1'],
      ['dlq', 'redrive', '--seq', 'x'],
      ['dlq', 'list', '--limit', '0'],
      ['dlq', 'list', '--seq', '1'],
    ]) {
      const io = testIo({ natsUrl: 'nats://127.0.0.1:1' });
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(io.stderr.text()).toMatch(/^dyad dlq: .+\nRun "dyad dlq --help" for usage\.\n$/);
    }
  });
});

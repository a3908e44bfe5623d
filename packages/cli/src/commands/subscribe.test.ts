import { EventMessage } from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import { UsageError } from '../errors.ts';
import { main } from '../main.ts';
import { type Captured, capture, dyadProcess, eventMessage, openBus, testIo } from '../test-helpers.ts';
import { formatEvent, parseSince, subscribeEvents } from './subscribe.ts';

type Bus = Awaited<ReturnType<typeof openBus>>;

/** Runs subscribeEvents until stopped; `ready` resolves once its consumer exists. */
function startSubscriber(
  bus: Bus,
  options: { json?: boolean; since?: string; durable?: string } = {},
): { out: Captured; err: Captured; ready: Promise<void>; stop: () => Promise<void> } {
  const out = capture();
  const err = capture();
  const controller = new AbortController();
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  const running = subscribeEvents(
    bus,
    {
      json: options.json ?? false,
      since: parseSince(options.since),
      durable: options.durable,
      signal: controller.signal,
      onReady: () => onReady(),
    },
    out,
    err,
  );
  return {
    out,
    err,
    ready: Promise.race([ready, running.then(() => Promise.reject(new Error('subscriber ended early')))]),
    stop: async () => {
      controller.abort();
      await running;
    },
  };
}

function lineCount(output: Captured, n: number): Promise<string[]> {
  return eventually(
    async () => (output.lines().length >= n ? output.lines() : undefined),
    10_000,
    `${n} lines`,
  );
}

describe('dyad subscribe', () => {
  it('prints a new-event as it arrives in the human format, and stops cleanly', async ({ nats }) => {
    const bus = await openBus(nats.url, nats.namespace);
    try {
      // Published before the subscriber starts: not shown by default (new messages only).
      await bus.publisher.publish('newEvent', eventMessage(0));
      const sub = startSubscriber(bus);
      await sub.ready;
      await bus.publisher.publish('newEvent', eventMessage(1));
      await bus.publisher.publish('eventUpdated', eventMessage(1, { version: 2, summary: 'Updated' }));
      const lines = await lineCount(sub.out, 2);
      await sub.stop();
      expect(lines).toEqual([
        'new-event      2025-02-28  official_visit  Visit number 1 in Rabat  [evt-1 v1, 1 source]',
        'event-updated  2025-02-28  official_visit  Updated  [evt-1 v2, 1 source]',
      ]);
      expect(sub.err.text()).toBe('');
    } finally {
      await bus.close();
    }
  });

  it('prints one compact JSON object per line with --json', async ({ nats }) => {
    const bus = await openBus(nats.url, nats.namespace);
    try {
      const sub = startSubscriber(bus, { json: true });
      await sub.ready;
      const event = eventMessage(2);
      await bus.publisher.publish('newEvent', event);
      const [line] = await lineCount(sub.out, 1);
      await sub.stop();
      expect(line).toBe(JSON.stringify({ subject: 'new-event', event }));
      expect(EventMessage.parse(JSON.parse(line ?? '').event)).toEqual(event);
    } finally {
      await bus.close();
    }
  });

  it('--since all replays the stream; an invalid message is a warning, not a crash', async ({ nats }) => {
    const bus = await openBus(nats.url, nats.namespace);
    try {
      await bus.publisher.publish('newEvent', eventMessage(3));
      await bus.js.publish(bus.names.subject('new-event'), JSON.stringify({ schema: 1, eventId: 'broken' }));
      await bus.publisher.publish('newEvent', eventMessage(4));
      const sub = startSubscriber(bus, { since: 'all' });
      await sub.ready;
      const lines = await lineCount(sub.out, 2);
      await eventually(async () => (sub.err.text() ? true : undefined), 5_000, 'a warning');
      await sub.stop();
      expect(lines.map((l) => /\[(evt-\d)/.exec(l)?.[1])).toEqual(['evt-3', 'evt-4']);
      expect(sub.err.text()).toMatch(
        /^warning: new-event #2 does not match the event schema; skipped: .*version/,
      );
    } finally {
      await bus.close();
    }
  });

  it('--durable resumes after a restart with the messages it has not printed', async ({ nats }) => {
    const bus = await openBus(nats.url, nats.namespace);
    try {
      const first = startSubscriber(bus, { durable: 'watcher' });
      await first.ready;
      await bus.publisher.publish('newEvent', eventMessage(5));
      await lineCount(first.out, 1);
      await first.stop();
      // Published while no subscriber runs.
      await bus.publisher.publish('newEvent', eventMessage(6));
      await bus.publisher.publish('newEvent', eventMessage(7));
      const second = startSubscriber(bus, { durable: 'watcher' });
      await second.ready;
      const lines = await lineCount(second.out, 2);
      await second.stop();
      expect(lines.map((l) => /\[(evt-\d)/.exec(l)?.[1])).toEqual(['evt-6', 'evt-7']);
      const info = await bus.jsm.consumers.info(bus.names.stream('EVENTS'), 'watcher');
      expect(info.num_ack_pending).toBe(0);
      expect(info.num_pending).toBe(0);
    } finally {
      await bus.close();
    }
  });

  it('works as a process: --json prints the event and SIGINT exits 0', async ({ nats }) => {
    const proc = dyadProcess('subscribe', ['subscribe', '--json'], {
      NATS_URL: nats.url,
      DYAD_NAMESPACE: nats.namespace,
    });
    const bus = await openBus(nats.url, nats.namespace);
    try {
      await proc.waitForLine(/^listening on /);
      const event = eventMessage(8);
      await bus.publisher.publish('newEvent', event);
      const line = await proc.waitForLine(/^\{"subject"/);
      expect(JSON.parse(line)).toEqual({ subject: 'new-event', event });
      proc.signal('SIGINT');
      expect(await proc.exited).toEqual({ code: 0, signal: null });
    } finally {
      await proc.stop(2_000);
      await bus.close();
    }
  });

  it('works as a process in the human format, stopped by SIGTERM', async ({ nats }) => {
    const proc = dyadProcess('subscribe-human', ['subscribe', '--namespace', nats.namespace], {
      NATS_URL: nats.url,
    });
    const bus = await openBus(nats.url, nats.namespace);
    try {
      await proc.waitForLine(/^listening on /);
      await bus.publisher.publish('newEvent', eventMessage(9));
      await proc.waitForLine(
        /^new-event {6}2025-02-28 {2}official_visit {2}Visit number 9 in Rabat {2}\[evt-9 v1/,
      );
      proc.signal('SIGTERM');
      expect((await proc.exited).code).toBe(0);
    } finally {
      await proc.stop(2_000);
      await bus.close();
    }
  });

  it('rejects a bad --since or --durable with exit 2', async () => {
    const io = testIo({ natsUrl: 'nats://127.0.0.1:1' });
    expect(await main(['subscribe', '--since', 'yesterday'], io)).toBe(2);
    expect(io.stderr.text()).toContain('--since takes an ISO time');
    const io2 = testIo({ natsUrl: 'nats://127.0.0.1:1' });
    expect(await main(['subscribe', '--durable', 'a.b'], io2)).toBe(2);
  });
});

describe('subscribe parts', () => {
  const now = new Date('2025-03-01T12:00:00.000Z');

  it('parses --since', () => {
    expect(parseSince(undefined, now)).toEqual({ kind: 'new' });
    expect(parseSince('all', now)).toEqual({ kind: 'all' });
    expect(parseSince('90m', now)).toEqual({ kind: 'time', time: new Date('2025-03-01T10:30:00.000Z') });
    expect(parseSince('2d', now)).toEqual({ kind: 'time', time: new Date('2025-02-27T12:00:00.000Z') });
    expect(parseSince('2025-02-28T10:00:00Z', now)).toEqual({
      kind: 'time',
      time: new Date('2025-02-28T10:00:00.000Z'),
    });
    expect(parseSince('2025-02-28', now)).toEqual({
      kind: 'time',
      time: new Date('2025-02-28T00:00:00.000Z'),
    });
    for (const bad of ['1x', 'soon', '2025-13-45', '-1h'])
      expect(() => parseSince(bad, now)).toThrow(UsageError);
  });

  it('formats date ranges and source counts', () => {
    const event = eventMessage(1, { date: { value: '2025-02', end: '2025-03', precision: 'month' } });
    event.sources.push({ ...event.sources[0], main: false } as EventMessage['sources'][number]);
    expect(formatEvent('event-updated', event)).toBe(
      'event-updated  2025-02–2025-03  official_visit  Visit number 1 in Rabat  [evt-1 v1, 2 sources]',
    );
  });
});

import { describe, expect, it } from '@dyad/testkit';
import { deliveryInfo, Puller } from './pull.ts';
import { fetchedMessage, openTestBus, testConsumerSpec, waitFor } from './test-helpers.ts';

describe('deliveryInfo', () => {
  it('reads the delivery count and stream sequence of both reply-subject forms', () => {
    // nats-server 2.9: $JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<time>.<pending>
    expect(deliveryInfo('$JS.ACK.ns_ARTICLES.cleaner.2.1017.1020.1796402381672534513.5')).toEqual({
      deliveryCount: 2,
      streamSequence: 1017,
    });
    // With <domain>.<account hash> after $JS.ACK, and a random token at the end (2.10+).
    expect(deliveryInfo('$JS.ACK._.ABCD.ARTICLES.cleaner.1.7.7.1796402381672534513.0.x1y2')).toEqual({
      deliveryCount: 1,
      streamSequence: 7,
    });
  });

  it('refuses what is not a JetStream delivery (a status, a plain reply inbox)', () => {
    expect(deliveryInfo('_INBOX.abc.1')).toBeUndefined();
    expect(deliveryInfo('$JS.ACK.ARTICLES.cleaner.x.7.7.1.0')).toBeUndefined();
    expect(deliveryInfo('$JS.ACK.too.short')).toBeUndefined();
  });
});

describe('Puller', () => {
  it('counts a request the server ended without a status as ended soon after its expiry, and pulls again', async ({
    nats,
  }) => {
    const spec = testConsumerSpec({ durable: 'puller' });
    const { bus, names } = await openTestBus(nats.url, nats.namespace, spec);
    const { nc } = bus;
    const stream = names.stream('ARTICLES');
    for (const n of [1, 2]) await bus.publisher.publish('articleFetched', fetchedMessage(n));
    // Plays nats-server 2.9 dropping an expired, partly filled request with no 408 (when a message
    // comes for it before its expiry timer runs): each request of the puller, sent to a prefix of
    // the test's, is passed on as a request for one message, so one real delivery comes to the
    // puller's reply subject, then nothing at all.
    const apiPrefix = `${nats.namespace}.API`;
    nc.subscribe(`${apiPrefix}.CONSUMER.MSG.NEXT.${stream}.${spec.durable}`, {
      callback: (_error, request) => {
        if (request.reply)
          nc.publish(
            `${bus.js.apiPrefix}.CONSUMER.MSG.NEXT.${stream}.${spec.durable}`,
            JSON.stringify({ batch: 1 }),
            {
              reply: request.reply,
            },
          );
      },
    });
    const delivered: number[] = [];
    let ended = 0;
    const puller = new Puller({
      nc,
      apiPrefix,
      stream,
      durable: spec.durable,
      expiresMs: 100,
      onMessage: (message) => {
        delivered.push(message.info.streamSequence);
        message.term();
      },
      onRequestEnd: () => ended++,
      onError: (error) => {
        throw error;
      },
    });
    try {
      await nc.flush();
      puller.pull(10);
      await waitFor(() => delivered.length === 1);
      expect(puller.busy).toBe(true);
      // Ended by the puller a short grace after its 100 ms expiry (it took the expiry + 5 s).
      await waitFor(() => !puller.busy, 2_500);
      expect(ended).toBe(1);
      puller.pull(10);
      await waitFor(() => delivered.length === 2);
      await waitFor(() => !puller.busy, 2_500);
      expect({ delivered, ended }).toEqual({ delivered: [1, 2], ended: 2 });
    } finally {
      puller.close();
      await bus.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { deliveryInfo } from './pull.ts';

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

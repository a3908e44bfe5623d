import type { Logger, Publisher } from '@dyad/bus';
import type { Store } from '@dyad/store';
import type { Counter } from 'prom-client';
import { BackgroundDrain } from './background-drain.ts';

const BATCH = 100;

/**
 * Publishes committed outbox messages. Each batch is claimed, published and marked in one
 * transaction: a crash after publishing and before the mark republishes the same message ids,
 * which JetStream drops as duplicates — so every announcement is effective exactly once.
 * Replicas claim with SKIP LOCKED and do not wait on each other.
 */
export class OutboxRelay extends BackgroundDrain {
  private readonly store: Store;
  private readonly publisher: Publisher;
  private readonly announced: Counter<'subject'>;

  constructor(options: {
    store: Store;
    publisher: Publisher;
    log: Logger;
    announced: Counter<'subject'>;
    pollMs?: number;
  }) {
    super({ what: 'outbox relay', log: options.log, queueKicks: true, pollMs: options.pollMs });
    this.store = options.store;
    this.publisher = options.publisher;
    this.announced = options.announced;
  }

  /** Polls for messages left by a crash or by another replica, and drains now. */
  override start(): void {
    super.start();
    this.kick();
  }

  protected async drain(): Promise<void> {
    for (;;) {
      const count = await this.store.transaction(async (tx) => {
        const messages = await tx.claimOutbox(BATCH);
        // The batch's events are published at once, each event's messages in order (new-event
        // before its event-updated): one wait for the stream's acks, not one per message.
        const byEvent = new Map<string, typeof messages>();
        for (const m of messages) byEvent.set(m.eventId, [...(byEvent.get(m.eventId) ?? []), m]);
        await Promise.all(
          [...byEvent.values()].map(async (ofEvent) => {
            for (const m of ofEvent) {
              await this.publisher.publish(
                m.subject === 'new-event' ? 'newEvent' : 'eventUpdated',
                m.payload,
                {
                  msgId: m.msgId,
                },
              );
              this.announced.inc({ subject: m.subject });
              this.log.info({ subject: m.subject, eventId: m.eventId, version: m.version }, 'announced');
            }
          }),
        );
        await tx.markPublished(messages.map((m) => m.id));
        return messages.length;
      });
      if (count < BATCH) return;
    }
  }
}

import { errorMessage, type Logger, type Publisher } from '@dyad/bus';
import type { Store } from '@dyad/store';
import type { Counter } from 'prom-client';

const BATCH = 100;

/**
 * Publishes committed outbox messages. Each batch is claimed, published and marked in one
 * transaction: a crash after publishing and before the mark republishes the same message ids,
 * which JetStream drops as duplicates — so every announcement is effective exactly once.
 * Replicas claim with SKIP LOCKED and do not wait on each other.
 */
export class OutboxRelay {
  private readonly store: Store;
  private readonly publisher: Publisher;
  private readonly log: Logger;
  private readonly announced: Counter<'subject'>;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(options: {
    store: Store;
    publisher: Publisher;
    log: Logger;
    announced: Counter<'subject'>;
    pollMs?: number;
  }) {
    this.store = options.store;
    this.publisher = options.publisher;
    this.log = options.log;
    this.announced = options.announced;
    this.pollMs = options.pollMs ?? 1_000;
  }

  /** Polls for messages left by a crash or by another replica, and drains now. */
  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.kick();
  }

  /** Drains soon; a kick during a drain runs one more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => {
        this.log.warn({ err: error }, `outbox relay: will retry: ${errorMessage(error)}`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Finishes the drain in progress and stops polling. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
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

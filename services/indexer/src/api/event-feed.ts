import type { Names } from '@dyad/contracts';
import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';

/** One message of stream EVENTS. */
export interface FeedMessage {
  /** Stream sequence: the SSE id, from which a client resumes. */
  readonly seq: number;
  /** new-event or event-updated (without the namespace). */
  readonly subject: string;
  readonly data: string;
}

export interface EventSubscription extends AsyncIterable<FeedMessage> {
  /** Ends the iteration and removes the consumer from the server. Idempotent. */
  stop(): Promise<void>;
}

/** Where /events/stream reads from. */
export interface EventFeed {
  /** Messages after stream sequence `afterSeq`, or from now on when undefined. */
  open(afterSeq: number | undefined): Promise<EventSubscription>;
}

// The server drops a consumer whose client vanished without deleting it after this long.
const INACTIVE_MS = 60_000;

/**
 * Stream EVENTS through one ordered consumer per subscription: ephemeral, no acks, and it
 * recreates itself from the last sequence seen if messages go missing (reconnects).
 */
export function natsEventFeed(js: JetStreamClient, names: Names): EventFeed {
  return {
    async open(afterSeq) {
      const consumer = await js.consumers.get(
        names.stream('EVENTS'),
        afterSeq === undefined
          ? { deliver_policy: DeliverPolicy.New, inactive_threshold: INACTIVE_MS }
          : {
              deliver_policy: DeliverPolicy.StartSequence,
              opt_start_seq: afterSeq + 1,
              inactive_threshold: INACTIVE_MS,
            },
      );
      const messages = await consumer.consume({ max_messages: 100 });
      let stopped: Promise<void> | undefined;
      return {
        async *[Symbol.asyncIterator]() {
          for await (const msg of messages) {
            yield {
              seq: msg.seq,
              subject: names.localSubject(msg.subject) ?? msg.subject,
              data: msg.string(),
            };
          }
        },
        stop() {
          stopped ??= (async () => {
            await messages.close().catch(() => undefined);
            await consumer.delete().catch(() => false);
          })();
          return stopped;
        },
      };
    },
  };
}

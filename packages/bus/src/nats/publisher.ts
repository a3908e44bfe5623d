import { formatIssues, type MessageOf, type Names, type SubjectKey, subjects } from '@dyad/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import {
  errorMessage,
  InvalidMessageError,
  MessageTooLargeError,
  PublishError,
  StreamFullError,
} from '../errors.ts';
import { isStreamFull } from './topology.ts';

/** Room kept under max_payload for the headers and the protocol line. */
export const HEADER_ROOM_BYTES = 1_024;

/** NATS's default max_payload (1 MiB) less the header room: when the server's is not known. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576 - HEADER_ROOM_BYTES;

export interface PublishResult {
  readonly stream: string;
  readonly seq: number;
  /** The server already had a message with this Nats-Msg-Id within its duplicate window. */
  readonly duplicate: boolean;
}

export interface PublishOptions {
  /** Overrides the catalog's message id (e.g. a redrive). */
  readonly msgId?: string;
  readonly timeoutMs?: number;
  /**
   * `false`: the message is a pipeline stage's output, checked once, by the next stage's
   * consumer (StageConsumer parses every message against its schema and dead-letters an invalid
   * one with its issues), not also here: for `article.extracted` the check costs more than the
   * extraction (~0.9 ms an article). The size is checked all the same. Default `true`: messages
   * read outside the pipeline (the announcements) and those a person had a hand in (replays).
   */
  readonly validate?: boolean;
}

/**
 * Publishes catalog messages: validated against their schema (a bad message is a bug in the
 * producer; a stage's output is validated by the next stage's consumer instead, see
 * `PublishOptions.validate`), with the catalog's Nats-Msg-Id, and acknowledged by the stream
 * before the promise resolves.
 */
export class Publisher {
  private readonly js: JetStreamClient;
  private readonly names: Names;
  private readonly maxPayload: () => number;

  /** `maxPayload`: the largest message the server takes (its max_payload), in bytes. */
  constructor(js: JetStreamClient, names: Names, maxPayload: () => number = () => 1_048_576) {
    this.js = js;
    this.names = names;
    this.maxPayload = maxPayload;
  }

  /** The largest JSON body a message may have, in bytes: max_payload less room for headers. */
  get maxBodyBytes(): number {
    return this.maxPayload() - HEADER_ROOM_BYTES;
  }

  async publish<K extends SubjectKey>(
    key: K,
    message: MessageOf<K>,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    const spec = subjects[key];
    const subject = this.names.subject(spec.subject);
    let data = message;
    if (options.validate !== false) {
      const parsed = spec.schema.safeParse(message);
      if (!parsed.success) {
        throw new InvalidMessageError(
          `refusing to publish an invalid ${spec.subject}`,
          formatIssues(parsed.error),
        );
      }
      data = parsed.data as MessageOf<K>;
    }
    const msgId = options.msgId ?? (spec.msgId as (m: MessageOf<K>) => string)(data);
    const h = natsHeaders();
    h.set('Content-Type', 'application/json');
    h.set('Dyad-Schema', `${spec.subject}/1`);
    const articleId = (spec.articleId as ((m: MessageOf<K>) => string) | undefined)?.(data);
    if (articleId) h.set('Dyad-Article-Id', articleId);
    const body = new TextEncoder().encode(JSON.stringify(data));
    if (body.length > this.maxBodyBytes)
      throw new MessageTooLargeError(subject, body.length, this.maxBodyBytes);
    try {
      const ack = await this.js.publish(subject, body, {
        msgID: msgId,
        headers: h,
        timeout: options.timeoutMs ?? 5_000,
      });
      return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
    } catch (cause) {
      if (isStreamFull(cause))
        throw new StreamFullError(subject, this.names.stream(spec.stream), errorMessage(cause), { cause });
      throw new PublishError(subject, errorMessage(cause), { cause });
    }
  }
}

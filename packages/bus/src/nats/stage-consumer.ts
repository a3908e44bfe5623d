import {
  type ConsumerSpec,
  type DeadLetterReason,
  formatIssues,
  type MessageOf,
  type Names,
  type SubjectKey,
  subjects,
} from '@dyad/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { backoffDelayMs } from '../backoff.ts';
import { errorMessage, InvalidMessageError, PermanentError, StreamFullError } from '../errors.ts';
import type { WorkerMetrics } from '../runtime/metrics.ts';
import { buildDeadLetter, publishDeadLetter } from './dead-letters.ts';
import { type Delivery, Puller } from './pull.ts';

/** How long one pull waits for messages; bounds how long a stop waits for the last pull. */
const PULL_EXPIRES_MS = 1_000;

export interface MessageContext {
  readonly articleId: string | undefined;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  readonly streamSeq: number;
  readonly log: Logger;
  /** Tells the server the message is still being worked on (resets its ack wait). */
  working(): void;
}

export type MessageHandler<K extends SubjectKey> = (
  message: MessageOf<K>,
  context: MessageContext,
) => Promise<void>;

export interface StageConsumerOptions<K extends SubjectKey> {
  readonly js: JetStreamClient;
  /** The connection `js` runs on (pull requests and acknowledgements go over it). */
  readonly nc: NatsConnection;
  readonly names: Names;
  readonly spec: ConsumerSpec & { readonly input: K };
  readonly handler: MessageHandler<K>;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  readonly concurrency?: number;
  /**
   * The most messages one pull request asks for (default: every free slot). A request that is
   * filled ends at once; one that is not waits out its expiry, and nats-server 2.9 may end an
   * expired one without a word (pull.ts), which costs a short stall. A steady stream that fills
   * requests of this size within PULL_EXPIRES_MS never meets that: the indexer asks for a batch.
   */
  readonly maxPull?: number;
  readonly random?: () => number;
  /** The largest message body the bus takes (default: NATS's 1 MiB less header room). */
  readonly maxBodyBytes?: () => number;
}

/**
 * Pulls from a durable consumer and runs the handler on at most `concurrency` messages at once.
 * Success → ack. PermanentError or invalid input → dead letter + term (never retried). Other
 * errors → nak with capped exponential backoff and jitter, until the retry budget is spent,
 * then dead letter. A delivery beyond the budget (the process died on every earlier one) is
 * dead-lettered without running the handler. A handler whose output stream is full
 * (StreamFullError) keeps its message, marked working, and runs again after a backoff until the
 * stream takes it; a stopping process hands it back (nak): no attempt is spent on a full stream.
 */
export class StageConsumer<K extends SubjectKey> {
  private readonly options: StageConsumerOptions<K>;
  private readonly concurrency: number;
  private readonly maxPull: number;
  private readonly inFlight = new Set<Promise<void>>();
  private puller: Puller | undefined;
  /** Wakes the loop: a message finished, a pull request ended, or stop(). */
  private wake: (() => void) | undefined;
  /** Handlers waiting for room in a full stream; woken by stop(). */
  private readonly holds = new Set<() => void>();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;

  constructor(options: StageConsumerOptions<K>) {
    this.options = options;
    this.concurrency = Math.max(1, options.concurrency ?? options.spec.concurrency);
    this.maxPull = Math.max(1, options.maxPull ?? this.concurrency);
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  async start(): Promise<void> {
    const { js, nc, names, spec, log } = this.options;
    const stream = names.stream(spec.stream);
    // Fails here when the consumer does not exist.
    await js.consumers.get(stream, spec.durable);
    this.puller = new Puller({
      nc,
      apiPrefix: js.apiPrefix,
      stream,
      durable: spec.durable,
      expiresMs: PULL_EXPIRES_MS,
      onMessage: (msg) => this.dispatch(msg),
      onRequestEnd: () => this.wake?.(),
      onError: (error) => log.warn({ err: error }, `pull subscription error: ${errorMessage(error)}`),
    });
    this.loop = this.run(this.puller);
  }

  /** Stops pulling, lets in-flight messages finish, hands anything else back. Idempotent. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      this.wake?.();
      for (const wake of [...this.holds]) wake();
      await this.loop;
      await Promise.allSettled([...this.inFlight]);
    })();
    return this.stopped;
  }

  /**
   * Pulls only as many messages as there are free slots, so nothing waits in a client buffer
   * while its ack wait runs out, and a stopping process has nothing to hand back but what
   * arrives for its last request (nakked at once for another replica). A request waits on the
   * server up to PULL_EXPIRES_MS, and the next is sent once it has ended (its messages all
   * delivered, or expired): an idle consumer sends one a second.
   */
  private async run(puller: Puller): Promise<void> {
    while (!this.stopping) {
      const free = this.concurrency - this.inFlight.size - puller.outstanding;
      if (free > 0 && !puller.busy) {
        try {
          puller.pull(Math.min(free, this.maxPull));
        } catch (error) {
          // The connection is closed or draining: try again after a pause.
          this.options.log.warn({ err: error }, `pull failed; retrying: ${errorMessage(error)}`);
          await this.pause(1_000);
          continue;
        }
      }
      await this.pause();
    }
    // What the last requests still bring is handed back (dispatch naks it), then no more comes.
    while (puller.busy) await this.pause(PULL_EXPIRES_MS);
    puller.close();
  }

  /** A delivered message: run now (a slot was asked for it), or handed back when stopping. */
  private dispatch(msg: Delivery): void {
    if (this.stopping) {
      msg.nak();
      return;
    }
    const task: Promise<void> = this.process(msg)
      .catch((error: unknown) => {
        this.options.log.error({ err: error, seq: msg.info.streamSequence }, 'unexpected consumer error');
      })
      .finally(() => {
        this.inFlight.delete(task);
        this.wake?.();
      });
    this.inFlight.add(task);
  }

  /** Until wake() (or `ms`, when given). */
  private pause(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async process(msg: Delivery): Promise<void> {
    const { spec, metrics } = this.options;
    const worker = spec.durable;
    const subjectSpec = subjects[spec.input];
    const deliveryCount = msg.info.deliveryCount;
    const baseLog = this.options.log.child({ seq: msg.info.streamSequence, delivery: deliveryCount });

    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(msg.data));
    } catch (error) {
      await this.deadLetter(
        msg,
        { code: 'invalid', message: `not UTF-8 JSON: ${errorMessage(error)}` },
        baseLog,
      );
      return;
    }
    const parsed = subjectSpec.schema.safeParse(json);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error);
      await this.deadLetter(
        msg,
        { code: 'invalid', message: `does not match the ${subjectSpec.subject} v1 schema`, issues },
        baseLog,
        looseArticleId(json),
      );
      return;
    }
    const message = parsed.data as MessageOf<K>;
    const articleId = (subjectSpec.articleId as ((m: MessageOf<K>) => string) | undefined)?.(message);
    const log = articleId ? baseLog.child({ articleId }) : baseLog;

    if (deliveryCount > spec.retry.maxAttempts) {
      await this.deadLetter(
        msg,
        { code: 'max-deliveries', message: `delivered ${deliveryCount} times without being acknowledged` },
        log,
        articleId,
      );
      return;
    }

    const heartbeat = setInterval(() => msg.working(), Math.max(100, spec.ackWaitMs / 3));
    const timer = metrics.processingSeconds.startTimer({ worker });
    try {
      await this.runHolding(message, msg, log, articleId);
      // Confirmed ack: when it returns, a restart will not see this message again.
      await msg.ackAck(5_000).catch((error: unknown) => {
        log.warn(
          { err: error },
          'ack not confirmed; the message may be redelivered (handlers are idempotent)',
        );
      });
      metrics.processed.inc({ worker });
      log.debug('processed');
    } catch (error) {
      metrics.failed.inc({ worker });
      if (error instanceof StreamFullError) {
        // Only a stopping process gets here: another replica (or the next start) takes it.
        const delay = backoffDelayMs(spec.retry.backoff, 1, this.options.random);
        log.warn(
          { err: error, retryInMs: delay },
          `stream full while stopping; handed back: ${error.message}`,
        );
        msg.nak(delay);
      } else if (error instanceof PermanentError || error instanceof InvalidMessageError) {
        const issues = error instanceof InvalidMessageError ? [...error.issues] : undefined;
        await this.deadLetter(msg, { code: 'permanent', message: error.message, issues }, log, articleId);
      } else if (deliveryCount >= spec.retry.maxAttempts) {
        await this.deadLetter(
          msg,
          {
            code: 'max-deliveries',
            message: `failed ${deliveryCount} times; last error: ${errorMessage(error)}`,
          },
          log,
          articleId,
        );
      } else {
        const delay = backoffDelayMs(spec.retry.backoff, deliveryCount, this.options.random);
        log.warn({ err: error, retryInMs: delay }, `failed; will retry: ${errorMessage(error)}`);
        msg.nak(delay);
      }
    } finally {
      clearInterval(heartbeat);
      timer();
    }
  }

  /**
   * Runs the handler; while its output stream is full, waits (the heartbeat keeps the message) with
   * capped exponential backoff and runs it again (handlers are idempotent). Stopping ends the wait
   * with the StreamFullError, for process() to hand the message back.
   */
  private async runHolding(message: MessageOf<K>, msg: Delivery, log: Logger, articleId: string | undefined) {
    const { spec } = this.options;
    for (let held = 1; ; held++) {
      try {
        await this.options.handler(message, {
          articleId,
          deliveryCount: msg.info.deliveryCount,
          streamSeq: msg.info.streamSequence,
          log,
          working: () => msg.working(),
        });
        return;
      } catch (error) {
        if (!(error instanceof StreamFullError) || this.stopping) throw error;
        const delay = backoffDelayMs(spec.retry.backoff, held, this.options.random);
        log.warn({ stream: error.stream, retryInMs: delay, held }, `output stream full; holding the message`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.holds.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, delay);
          this.holds.add(wake);
        });
      }
    }
  }

  private async deadLetter(
    msg: Delivery,
    reason: DeadLetterReason,
    log: Logger,
    articleId?: string,
  ): Promise<void> {
    const { js, names, spec, metrics } = this.options;
    const letter = buildDeadLetter(msg, {
      consumer: spec.durable,
      stream: names.stream(spec.stream),
      subject: msg.subject,
      reason,
      articleId,
    });
    try {
      await publishDeadLetter(js, names, letter, this.options.maxBodyBytes?.());
    } catch (error) {
      // The DLQ is unreachable: keep the message and try again later rather than lose it.
      const delay = backoffDelayMs(spec.retry.backoff, msg.info.deliveryCount, this.options.random);
      log.error({ err: error, retryInMs: delay }, 'could not dead-letter; will retry');
      msg.nak(delay);
      return;
    }
    // No reason argument: nats-server 2.9 ignores a term that carries one, and redelivers.
    msg.term();
    metrics.deadLettered.inc({ worker: spec.durable, reason: reason.code });
    log.warn({ reason: reason.code, issues: reason.issues }, `dead-lettered: ${reason.message}`);
  }
}

/** The article id of a message that failed its schema, when it has a plausible one. */
function looseArticleId(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || !('articleId' in json)) return undefined;
  const id = (json as { articleId: unknown }).articleId;
  return typeof id === 'string' && /^[0-9a-f]{64}$/.test(id) ? id : undefined;
}

import {
  formatIssues,
  type JobOf,
  type Names,
  type QueueKey,
  queues,
  type RetryPolicy,
} from '@dyad/contracts';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { backoffDelayMs } from '../backoff.ts';
import { errorMessage, InvalidMessageError, PermanentError } from '../errors.ts';
import type { WorkerMetrics } from '../runtime/metrics.ts';
import { BACKOFF_TYPE } from './queues.ts';

export interface JobContext {
  readonly job: Job;
  readonly log: Logger;
  /** 1 on the first attempt. */
  readonly attempt: number;
}

export type JobHandler<K extends QueueKey> = (data: JobOf<K>, context: JobContext) => Promise<void>;

export interface TypedWorkerOptions<K extends QueueKey> {
  readonly key: K;
  readonly connection: Redis;
  readonly names: Names;
  readonly handler: JobHandler<K>;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  readonly concurrency?: number;
  readonly random?: () => number;
  /**
   * Backoff between attempts instead of the catalog's (tests, tools); the number of attempts is
   * the queue's (see `TypedQueueOptions.attempts`).
   */
  readonly backoff?: RetryPolicy['backoff'];
}

/**
 * A catalog worker. Invalid job data and PermanentError become BullMQ's UnrecoverableError: the
 * job goes to the failed set (the queue's dead letters) at once, with the reason. Other errors
 * are retried with the catalog's capped exponential backoff and jitter.
 */
export class TypedWorker<K extends QueueKey> {
  readonly worker: Worker;
  private closed: Promise<void> | undefined;

  constructor(options: TypedWorkerOptions<K>) {
    const spec = queues[options.key];
    const label = `queue:${spec.name}`;
    const { metrics } = options;
    const backoff = options.backoff ?? spec.backoff;
    this.worker = new Worker(
      spec.name,
      async (job: Job) => {
        const attempt = job.attemptsMade + 1;
        const parsed = spec.schema.safeParse(job.data);
        if (!parsed.success) {
          throw new UnrecoverableError(
            new InvalidMessageError(`invalid ${spec.name} job`, formatIssues(parsed.error)).message,
          );
        }
        const data = parsed.data as JobOf<K>;
        const articleId =
          typeof (data as { articleId?: unknown }).articleId === 'string'
            ? (data as { articleId: string }).articleId
            : undefined;
        const log = options.log.child({
          queue: spec.name,
          jobId: job.id,
          attempt,
          ...(articleId ? { articleId } : {}),
        });
        const stopTimer = metrics.processingSeconds.startTimer({ worker: label });
        try {
          await options.handler(data, { job, log, attempt });
        } catch (error) {
          if (error instanceof PermanentError || error instanceof InvalidMessageError) {
            throw new UnrecoverableError(error.message);
          }
          throw error;
        } finally {
          stopTimer();
        }
      },
      {
        connection: options.connection,
        prefix: options.names.queuePrefix(),
        concurrency: options.concurrency ?? spec.concurrency,
        autorun: false,
        settings: {
          backoffStrategy: (attemptsMade: number, type?: string) => {
            if (type !== BACKOFF_TYPE) return 0;
            return backoffDelayMs(backoff, attemptsMade, options.random);
          },
        },
      },
    );
    this.worker.on('completed', () => metrics.processed.inc({ worker: label }));
    this.worker.on('failed', (job, error) => {
      metrics.failed.inc({ worker: label });
      const final =
        !job ||
        error instanceof UnrecoverableError ||
        error.name === 'UnrecoverableError' ||
        job.attemptsMade >= (job.opts.attempts ?? 1);
      const log = options.log.child({ queue: spec.name, jobId: job?.id });
      if (final) {
        metrics.deadLettered.inc({
          worker: label,
          reason: error.name === 'UnrecoverableError' ? 'permanent' : 'max-attempts',
        });
        log.warn({ err: error }, `job failed for good (kept in the failed set): ${errorMessage(error)}`);
      } else {
        log.warn({ err: error }, `job failed; will retry: ${errorMessage(error)}`);
      }
    });
    this.worker.on('error', (error) => options.log.error({ err: error, queue: spec.name }, 'worker error'));
  }

  start(): void {
    void this.worker.run();
  }

  /** Waits for active jobs to finish. Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.worker.close();
    return this.closed;
  }
}

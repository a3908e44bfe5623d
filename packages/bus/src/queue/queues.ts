import { formatIssues, type JobOf, type Names, type QueueKey, queues } from '@dyad/contracts';
import { type Job, type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorMessage, InvalidMessageError, PublishError } from '../errors.ts';
import { waitForRedis } from './redis.ts';

/** The backoff type name our workers implement (TypedWorker's backoffStrategy). */
export const BACKOFF_TYPE = 'dyad-exponential-jitter';

/**
 * How long `add()` waits for a connection that is not ready yet (Redis down, or still
 * connecting) before it rejects. BullMQ itself would wait for ever.
 */
export const ADD_READY_TIMEOUT_MS = 5_000;

export interface TypedQueueOptions {
  /**
   * Attempts per job instead of the catalog's (tests, tools). The backoff between them is the
   * worker's: see `TypedWorkerOptions.backoff`.
   */
  readonly attempts?: number;
}

/**
 * A catalog queue: jobs validated before they are added, deterministic job ids (adding the same
 * thing twice leaves one job), attempts and backoff from the catalog.
 */
export class TypedQueue<K extends QueueKey> {
  readonly key: K;
  readonly queue: Queue;
  private readonly connection: Redis;
  private closed: Promise<void> | undefined;

  constructor(key: K, connection: Redis, names: Names, options: TypedQueueOptions = {}) {
    const spec = queues[key];
    this.key = key;
    this.connection = connection;
    this.queue = new Queue(spec.name, {
      connection,
      prefix: names.queuePrefix(),
      defaultJobOptions: {
        attempts: options.attempts ?? spec.attempts,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: { count: spec.keepCompleted },
        removeOnFail: { count: spec.keepFailed },
      },
    });
    // Errors surface on add(); this keeps an unreachable Redis from crashing the process.
    this.queue.on('error', () => undefined);
  }

  async add(data: JobOf<K>, options: Omit<JobsOptions, 'jobId'> = {}): Promise<Job> {
    const spec = queues[this.key];
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) {
      throw new InvalidMessageError(
        `refusing to queue an invalid ${spec.name} job`,
        formatIssues(parsed.error),
      );
    }
    const valid = parsed.data as JobOf<K>;
    const jobId = (spec.jobId as (d: JobOf<K>) => string)(valid);
    try {
      // BullMQ waits for a connection that never became ready without limit: fail fast instead.
      await waitForRedis(this.connection, ADD_READY_TIMEOUT_MS);
      return await this.queue.add(spec.name, valid, { ...options, jobId });
    } catch (cause) {
      throw new PublishError(`queue ${spec.name}`, errorMessage(cause), { cause });
    }
  }

  counts() {
    return this.queue.getJobCounts(
      'waiting',
      'active',
      'delayed',
      'prioritized',
      'completed',
      'failed',
      'paused',
    );
  }

  /** Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.queue.close();
    return this.closed;
  }
}

import type { FetchJob } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { type Job, Queue } from 'bullmq';
import { PermanentError } from '../errors.ts';
import { silentLog, sleep, waitFor } from '../nats/test-helpers.ts';
import { createMetrics } from '../runtime/metrics.ts';
import { BACKOFF_TYPE, type TypedQueue } from './queues.ts';
import { waitForRedis, workerConnection } from './redis.ts';
import { counterValue, fetchJob, openFetchQueue } from './test-helpers.ts';
import { type JobHandler, TypedWorker, type TypedWorkerOptions } from './workers.ts';

const WORKER = 'queue:fetch';

/** A started fetch worker on its own connection, with a queue to feed it. */
async function openWorker(
  url: string,
  namespace: string,
  handler: JobHandler<'fetch'>,
  options: { attempts?: number } & Partial<TypedWorkerOptions<'fetch'>> = {},
) {
  const { attempts, ...workerOptions } = options;
  const opened = await openFetchQueue(url, namespace, attempts === undefined ? {} : { attempts });
  const connection = workerConnection(url);
  await waitForRedis(connection);
  const metrics = createMetrics('test');
  const worker = new TypedWorker({
    key: 'fetch',
    connection,
    names: opened.names,
    handler,
    log: silentLog,
    metrics,
    ...workerOptions,
  });
  worker.start();
  return {
    ...opened,
    worker,
    metrics,
    close: async () => {
      await worker.close();
      await connection.quit().catch(() => connection.disconnect());
      await opened.close();
    },
  };
}

/** Waits until the job reaches a final state and returns it as stored. */
async function settled(queue: TypedQueue<'fetch'>, id: string): Promise<{ state: string; job: Job }> {
  return waitFor(async () => {
    const state = await queue.queue.getJobState(id);
    if (state !== 'completed' && state !== 'failed') return undefined;
    const job = await queue.queue.getJob(id);
    return job ? { state, job } : undefined;
  });
}

describe('TypedWorker', () => {
  it('hands a valid job to the handler and counts it processed', async ({ redis }) => {
    const seen: { data: FetchJob; attempt: number }[] = [];
    const t = await openWorker(redis.url, redis.namespace, async (data, ctx) => {
      seen.push({ data, attempt: ctx.attempt });
    });
    try {
      const added = await t.queue.add(fetchJob(1));
      const { state, job } = await settled(t.queue, added.id ?? '');
      expect(state).toBe('completed');
      expect(job.attemptsMade).toBe(1);
      expect(seen).toEqual([{ data: fetchJob(1), attempt: 1 }]);
      await waitFor(async () => (await counterValue(t.metrics.processed, { worker: WORKER })) === 1);
      expect(await counterValue(t.metrics.failed, { worker: WORKER })).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('fails invalid job data at once, with the reason, without running the handler', async ({ redis }) => {
    let ran = 0;
    const t = await openWorker(redis.url, redis.namespace, async () => {
      ran++;
    });
    // Added behind the typed queue's back, as an older or buggy producer could.
    const raw = new Queue('fetch', { connection: t.connection, prefix: t.names.queuePrefix() });
    try {
      await raw.add(
        'fetch',
        { ...fetchJob(1), articleId: 'not-a-sha' },
        { jobId: 'bad-1', attempts: 5, backoff: { type: BACKOFF_TYPE } },
      );
      const { state, job } = await settled(t.queue, 'bad-1');
      expect(state).toBe('failed');
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toMatch(/invalid fetch job/);
      expect(job.failedReason).toMatch(/articleId/);
      expect(ran).toBe(0);
      await waitFor(
        async () =>
          (await counterValue(t.metrics.deadLettered, { worker: WORKER, reason: 'permanent' })) === 1,
      );
    } finally {
      await raw.close();
      await t.close();
    }
  });

  it('fails a job at once when the handler throws a PermanentError', async ({ redis }) => {
    let ran = 0;
    const t = await openWorker(redis.url, redis.namespace, async () => {
      ran++;
      throw new PermanentError('HTTP 404: the page is gone');
    });
    try {
      const added = await t.queue.add(fetchJob(1));
      const { state, job } = await settled(t.queue, added.id ?? '');
      expect(state).toBe('failed');
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toBe('HTTP 404: the page is gone');
      await sleep(200);
      expect(ran).toBe(1);
      expect(await counterValue(t.metrics.deadLettered, { worker: WORKER, reason: 'permanent' })).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('retries plain errors with capped exponential backoff, then completes', async ({ redis }) => {
    // random() = 0 takes the full delay: 300 ms after the first attempt, 600 ms after the second.
    // Math.random would often give less, and the catalog's fetch backoff (5 s) much more.
    const backoff = { initialMs: 300, maxMs: 10_000, jitter: 0.5 };
    const starts: { attempt: number; at: number }[] = [];
    const t = await openWorker(
      redis.url,
      redis.namespace,
      async (_data, ctx) => {
        starts.push({ attempt: ctx.attempt, at: Date.now() });
        if (ctx.attempt < 3) throw new Error('connection reset by peer');
      },
      { backoff, random: () => 0 },
    );
    try {
      const added = await t.queue.add(fetchJob(1));
      const { state, job } = await settled(t.queue, added.id ?? '');
      expect(state).toBe('completed');
      expect(job.attemptsMade).toBe(3);
      expect(starts.map((s) => s.attempt)).toEqual([1, 2, 3]);
      const [a, b, c] = starts.map((s) => s.at);
      const gaps = [(b ?? 0) - (a ?? 0), (c ?? 0) - (b ?? 0)];
      expect(gaps[0]).toBeGreaterThanOrEqual(300);
      expect(gaps[1]).toBeGreaterThanOrEqual(600);
      expect(gaps[0]).toBeLessThan(3_000);
      expect(await counterValue(t.metrics.failed, { worker: WORKER })).toBe(2);
      expect(await counterValue(t.metrics.processed, { worker: WORKER })).toBe(1);
      expect(await counterValue(t.metrics.deadLettered, { worker: WORKER })).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('fails a job for good once its attempts are spent', async ({ redis }) => {
    let ran = 0;
    const t = await openWorker(
      redis.url,
      redis.namespace,
      async () => {
        ran++;
        throw new Error('always down');
      },
      { attempts: 2, backoff: { initialMs: 10, maxMs: 10, jitter: 0 } },
    );
    try {
      const added = await t.queue.add(fetchJob(1));
      const { state, job } = await settled(t.queue, added.id ?? '');
      expect(state).toBe('failed');
      expect(job.attemptsMade).toBe(2);
      expect(job.failedReason).toBe('always down');
      expect(ran).toBe(2);
      await waitFor(
        async () =>
          (await counterValue(t.metrics.deadLettered, { worker: WORKER, reason: 'max-attempts' })) === 1,
      );
    } finally {
      await t.close();
    }
  });

  it('closes idempotently, after its active job finishes', async ({ redis }) => {
    let finished = false;
    let started = false;
    const t = await openWorker(redis.url, redis.namespace, async () => {
      started = true;
      await sleep(300);
      finished = true;
    });
    try {
      await t.queue.add(fetchJob(1));
      await waitFor(() => started);
      const first = t.worker.close();
      const second = t.worker.close();
      expect(second).toBe(first);
      await first;
      expect(finished).toBe(true);
      await expect(t.worker.close()).resolves.toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

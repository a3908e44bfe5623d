import { names as makeNames } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { InvalidMessageError, PublishError } from '../errors.ts';
import { TypedQueue } from './queues.ts';
import { producerConnection } from './redis.ts';
import { fetchJob, openFetchQueue } from './test-helpers.ts';

describe('TypedQueue', () => {
  it('refuses an invalid job, naming the field, and adds nothing', async ({ redis }) => {
    const { queue, close } = await openFetchQueue(redis.url, redis.namespace);
    try {
      const error = await queue.add(fetchJob(1, { articleId: 'nope' })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidMessageError);
      expect((error as InvalidMessageError).issues.join('\n')).toMatch(/^articleId: /m);
      expect((error as Error).message).toMatch(/invalid fetch job.*articleId/);
      const counts = await queue.counts();
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      await close();
    }
  });

  it('gives a job a deterministic id: adding the same fetch job twice leaves one job', async ({ redis }) => {
    const { queue, close } = await openFetchQueue(redis.url, redis.namespace);
    try {
      const first = await queue.add(fetchJob(1));
      const again = await queue.add(fetchJob(1));
      await queue.add(fetchJob(2));
      expect(first.id).toBe(fetchJob(1).articleId);
      expect(again.id).toBe(first.id);
      const counts = await queue.counts();
      expect(counts.waiting).toBe(2);
      const ids = (await queue.queue.getJobs(['waiting'])).map((j) => j.id).sort();
      expect(ids).toEqual([fetchJob(1).articleId, fetchJob(2).articleId].sort());
    } finally {
      await close();
    }
  });

  it('takes attempts and the custom backoff type into the job options', async ({ redis }) => {
    const { queue, close } = await openFetchQueue(redis.url, redis.namespace, { attempts: 2 });
    try {
      const job = await queue.add(fetchJob(1));
      const stored = await queue.queue.getJob(job.id ?? '');
      expect(stored?.opts.attempts).toBe(2);
      expect(stored?.opts.backoff).toEqual({ type: 'dyad-exponential-jitter' });
    } finally {
      await close();
    }
  });

  it('fails fast with a PublishError when Redis is unreachable', { timeout: 20_000 }, async () => {
    // Nothing listens on port 1: the producer must not hold its caller for ever.
    const connection = producerConnection('redis://127.0.0.1:1');
    const queue = new TypedQueue('fetch', connection, makeNames('unreachable'));
    try {
      const started = Date.now();
      const error = await queue.add(fetchJob(1)).then(
        () => undefined,
        (e: unknown) => e,
      );
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).subject).toBe('queue fetch');
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('closes idempotently', async ({ redis }) => {
    const { connection, queue } = await openFetchQueue(redis.url, redis.namespace);
    try {
      await queue.add(fetchJob(1));
      const first = queue.close();
      const second = queue.close();
      expect(second).toBe(first);
      await expect(first).resolves.toBeUndefined();
      await expect(queue.close()).resolves.toBeUndefined();
    } finally {
      await connection.quit();
    }
  });
});

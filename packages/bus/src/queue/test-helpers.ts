import { articleIdFor, type FetchJob, names as makeNames, type Names } from '@dyad/contracts';
import type { Redis } from 'ioredis';
import type { Counter } from 'prom-client';
import { TypedQueue, type TypedQueueOptions } from './queues.ts';
import { producerConnection, waitForRedis } from './redis.ts';

/** Helpers shared by this package's BullMQ integration tests (not exported from the package). */

export function fetchJob(n: number, overrides: Partial<FetchJob> = {}): FetchJob {
  const url = `https://example.test/news/${n}`;
  return { schema: 1, articleId: articleIdFor(url), url, sourceId: 'test', ...overrides };
}

/** The `fetch` queue under the test's namespace, on a ready producer connection. */
export async function openFetchQueue(
  url: string,
  namespace: string,
  options: TypedQueueOptions = {},
): Promise<{ names: Names; connection: Redis; queue: TypedQueue<'fetch'>; close: () => Promise<void> }> {
  const names = makeNames(namespace);
  const connection = producerConnection(url);
  await waitForRedis(connection);
  const queue = new TypedQueue('fetch', connection, names, options);
  return {
    names,
    connection,
    queue,
    close: async () => {
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

/** The value of a counter for the given labels (0 when never incremented). */
export async function counterValue<L extends string>(
  counter: Counter<L>,
  labels: Partial<Record<L, string>>,
): Promise<number> {
  const { values } = await counter.get();
  const match = values.find((v) =>
    Object.entries(labels).every(([k, want]) => (v.labels as Record<string, unknown>)[k] === want),
  );
  return match?.value ?? 0;
}

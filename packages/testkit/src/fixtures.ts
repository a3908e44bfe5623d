import { jetstreamManager } from '@nats-io/jetstream';
import { connect as connectNats } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import pg from 'pg';
import { test as base } from 'vitest';
import { serverUrl } from './servers.ts';
import { uniqueNamespace } from './unique.ts';

export interface NatsFixture {
  readonly url: string;
  /** Prefix every stream, subject and bucket of this test (see `names()` in @dyad/contracts). */
  readonly namespace: string;
}

export interface RedisFixture {
  readonly url: string;
  readonly namespace: string;
}

export interface PostgresFixture {
  readonly url: string;
  /** A schema of this test's own, dropped afterwards; put it first on the search_path. */
  readonly schema: string;
}

/**
 * `it` with real servers: `it('…', async ({ nats, redis, postgres }) => …)`. Each fixture is
 * created only for the tests that name it, and cleaned up after. One namespace per test is shared
 * by its fixtures (`nats.namespace === redis.namespace === postgres.schema`): a service started
 * with DYAD_NAMESPACE set to it uses this test's streams, queue keys and schema only.
 */
export const it = base.extend<{
  namespace: string;
  nats: NatsFixture;
  redis: RedisFixture;
  postgres: PostgresFixture;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern
  namespace: async ({}, use) => {
    await use(uniqueNamespace('t'));
  },
  nats: async ({ namespace }, use) => {
    const url = await serverUrl('nats');
    await use({ url, namespace });
    await deleteNamespaceStreams(url, namespace);
  },
  redis: async ({ namespace }, use) => {
    const url = await serverUrl('redis');
    await use({ url, namespace });
    await deleteNamespaceKeys(url, namespace);
  },
  postgres: async ({ namespace }, use) => {
    const url = await serverUrl('postgres');
    const schema = namespace;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await use({ url, schema });
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  },
});

export { describe, expect } from 'vitest';

/** Deletes the streams (and object-store buckets) of a namespace. */
export async function deleteNamespaceStreams(url: string, namespace: string): Promise<void> {
  const nc = await connectNats({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) {
      // Streams of the namespace, including object-store buckets (OBJ_<ns>_raw).
      if (name.startsWith(`${namespace}_`) || name.startsWith(`OBJ_${namespace}_`))
        await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}

/** Deletes the BullMQ keys (`dyad:<namespace>:*`) of a namespace. */
export async function deleteNamespaceKeys(url: string, namespace: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `dyad:${namespace}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

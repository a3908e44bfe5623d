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
 * created only for the tests that name it, with a namespace of their own, and cleaned up after.
 */
export const it = base.extend<{ nats: NatsFixture; redis: RedisFixture; postgres: PostgresFixture }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern
  nats: async ({}, use) => {
    const url = await serverUrl('nats');
    const namespace = uniqueNamespace('n');
    await use({ url, namespace });
    await deleteNamespaceStreams(url, namespace);
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above
  redis: async ({}, use) => {
    const url = await serverUrl('redis');
    const namespace = uniqueNamespace('r');
    await use({ url, namespace });
    await deleteNamespaceKeys(url, namespace);
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above
  postgres: async ({}, use) => {
    const url = await serverUrl('postgres');
    const schema = uniqueNamespace('p');
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

async function deleteNamespaceStreams(url: string, namespace: string): Promise<void> {
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

async function deleteNamespaceKeys(url: string, namespace: string): Promise<void> {
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

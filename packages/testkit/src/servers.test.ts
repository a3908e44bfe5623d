import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from './fixtures.ts';
import { checkServer, TestServerUnavailableError } from './servers.ts';
import { uniqueNamespace } from './unique.ts';

describe('testkit servers', () => {
  it('gives a JetStream-enabled NATS', async ({ nats }) => {
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.getAccountInfo();
      expect(info.limits).toBeDefined();
    } finally {
      await nc.close();
    }
  });

  it('gives a Redis', async ({ redis }) => {
    const client = new Redis(redis.url);
    try {
      await client.set(`dyad:${redis.namespace}:k`, 'v');
      expect(await client.get(`dyad:${redis.namespace}:k`)).toBe('v');
    } finally {
      client.disconnect();
    }
  });

  it('gives a PostgreSQL schema of the test', async ({ postgres }) => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'select count(*)::int as n from information_schema.schemata where schema_name = $1',
        [postgres.schema],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('makes namespaces that differ and fit NATS stream names', () => {
    const a = uniqueNamespace('My Test!');
    const b = uniqueNamespace('My Test!');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z][a-z0-9_]{1,39}$/);
  });

  it.each([
    ['nats', 'nats://127.0.0.1:1'],
    ['redis', 'redis://127.0.0.1:1'],
    ['postgres', 'postgres://postgres@127.0.0.1:1/test'],
  ] as const)('fails, saying how to provide it, when %s is unreachable', async (kind, url) => {
    const error = await checkServer(kind, url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TestServerUnavailableError);
    expect(String(error)).toMatch(/is set but not reachable/);
    expect(String(error)).toMatch(/bash infra\/dev\.sh pnpm test/);
  });
});

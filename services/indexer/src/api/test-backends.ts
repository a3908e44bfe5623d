import type { ArticleExtracted } from '@dyad/contracts';
import { openStore, type Store } from '@dyad/store';
import { serverUrl, uniqueNamespace } from '@dyad/testkit';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { buildApi } from './server.ts';
import { allArticles, indexAll } from './test-fixtures.ts';

export type Backend = 'pglite' | 'postgres';

export const backends: ReadonlyArray<readonly [string, Backend]> = [
  ['PGlite', 'pglite'],
  ['PostgreSQL', 'postgres'],
];

/** API_PUBLIC_URL of the API under test: behind a proxy, under a path. */
export const PUBLIC_URL = 'https://dyad.example/relations/';

export interface ApiUnderTest {
  readonly app: FastifyInstance;
  readonly store: Store;
}

/**
 * One store with the fixture events (test-fixtures.ts) and the API over it for every test of the
 * enclosing describe: the API only reads, so the tests cannot disturb each other. On PostgreSQL a
 * schema of its own, dropped afterwards.
 */
export function useApi(
  backend: Backend,
  articles: readonly ArticleExtracted[] = allArticles,
): () => ApiUnderTest {
  let current: ApiUnderTest | undefined;
  let dropSchema: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    let store: Store;
    if (backend === 'pglite') {
      store = await openStore({ dataDir: 'memory://' });
    } else {
      const url = await serverUrl('postgres');
      const schema = uniqueNamespace('api');
      store = await openStore({ databaseUrl: url, schema });
      dropSchema = async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      };
    }
    await store.migrate();
    await indexAll(store, articles);
    current = { store, app: buildApi({ store, version: 'test', publicUrl: PUBLIC_URL }) };
  });
  afterAll(async () => {
    await current?.app.close();
    await current?.store.close();
    await dropSchema?.();
  });
  return () => {
    if (!current) throw new Error('the API is not set up (useApi must be called inside describe)');
    return current;
  };
}

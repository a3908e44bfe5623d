import type { Store } from '@dyad/store';
import { it } from '@dyad/testkit';
import type { FastifyInstance } from 'fastify';
import { buildApi } from './server.ts';
import { type Backend, withIndexedStore } from './test-fixtures.ts';

/** A test that gets the API over a store holding the fixture events (test-fixtures.ts). */
export type ApiTest = (name: string, fn: (app: FastifyInstance, store: Store) => Promise<void>) => void;

function apiTest(backend: Backend): ApiTest {
  const run = async (postgres: { url: string; schema: string } | undefined, fn: Parameters<ApiTest>[1]) =>
    withIndexedStore(backend, postgres, async (store) => {
      const app = buildApi({ store, version: 'test' });
      try {
        await fn(app, store);
      } finally {
        await app.close();
      }
    });
  return backend === 'pglite'
    ? (name, fn) => it(name, () => run(undefined, fn))
    : (name, fn) => it(name, ({ postgres }) => run(postgres, fn));
}

export const apiBackends: ReadonlyArray<readonly [string, ApiTest]> = [
  ['PGlite', apiTest('pglite')],
  ['PostgreSQL', apiTest('postgres')],
];
export const onPglite = apiTest('pglite');

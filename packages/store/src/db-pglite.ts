import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { type DbHandle, type QueryResult, type SqlValue, transactionScope } from './db.ts';

export interface PgliteDbOptions {
  /** A directory, or `memory://` for a database that lives only as long as the process. */
  dataDir: string;
  /** Already validated as a plain identifier. */
  schema: string;
}

/**
 * Embedded PostgreSQL (WASM). One connection: PGlite runs one transaction at a time and makes
 * other queries wait for it, so inside `transaction()` use only the handle given to the callback.
 */
export async function openPgliteDb(options: PgliteDbOptions): Promise<DbHandle> {
  if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir);
  try {
    // One session for the life of the instance, so setting the search_path once is enough.
    await pglite.exec(
      `CREATE SCHEMA IF NOT EXISTS "${options.schema}"; SET search_path TO "${options.schema}"`,
    );
  } catch (error) {
    await pglite.close().catch(() => undefined);
    throw error;
  }

  return {
    backend: 'pglite',
    async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<QueryResult<T>> {
      const result = await pglite.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    async transaction(fn) {
      return pglite.transaction(async (tx) => {
        const scope = transactionScope({
          async query<T>(sql: string, params: readonly SqlValue[]): Promise<QueryResult<T>> {
            const result = await tx.query<T>(sql, [...params]);
            return { rows: result.rows };
          },
          async exec(sql) {
            await tx.exec(sql);
          },
        });
        try {
          return await fn(scope.db);
        } finally {
          scope.end();
        }
      });
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

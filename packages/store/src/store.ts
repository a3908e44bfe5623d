import { resolve } from 'node:path';
import { type AgreementActQueries, agreementActQueries } from './agreement-acts.ts';
import { type ArticleQueries, articleQueries } from './articles.ts';
import type { Backend, Db, DbHandle, QueryResult, SqlValue } from './db.ts';
import { openPgDb } from './db-pg.ts';
import { openPgliteDb } from './db-pglite.ts';
import { InvalidSchemaNameError, StoreClosedError } from './errors.ts';
import { CheckedEvents, type EventQueries, eventQueries } from './events.ts';
import { type HeldReferenceQueries, heldReferenceQueries } from './held-references.ts';
import { loadMigrations, type MigrateResult, migrationsDir, runMigrations } from './migrations.ts';
import { type SearchQueries, searchQueries } from './search.ts';

export interface StoreOptions {
  /** PostgreSQL connection string. When set (and not empty), PostgreSQL is used and `dataDir` ignored. */
  databaseUrl?: string;
  /** PGlite's data directory, relative to the working directory; `memory://` keeps it in memory. */
  dataDir?: string;
  /** The schema every connection works in (search_path), created when missing. Default `public`. */
  schema?: string;
}

export const DEFAULT_DATA_DIR = '.data/pglite';
export const DEFAULT_SCHEMA = 'public';

/** The statements of one transaction: the same queries as the store, committed together. */
export interface StoreTransaction
  extends ArticleQueries,
    EventQueries,
    HeldReferenceQueries,
    SearchQueries,
    AgreementActQueries {}

export interface Store
  extends ArticleQueries,
    EventQueries,
    HeldReferenceQueries,
    SearchQueries,
    AgreementActQueries {
  readonly backend: Backend;
  readonly schema: string;
  /** Applies the pending migrations (see README); safe to call from processes starting together. */
  migrate(): Promise<MigrateResult>;
  /**
   * Runs `fn` in one transaction: commit when it resolves, rollback when it throws. Inside `fn`
   * use only `tx` (on PGlite a query on the store itself would wait for the transaction to end).
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a query (readiness). */
  ping(): Promise<void>;
  /** Waits for operations in progress, then closes the pool or the PGlite instance. Idempotent. */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** PostgreSQL when `databaseUrl` is given, else PGlite in `dataDir` (default `.data/pglite`). */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const db = await openDb(options);
  return storeOnDb(db, options.schema ?? DEFAULT_SCHEMA);
}

/** @internal The adapter `openStore` uses; exported for this package's tests. */
export async function openDb(options: StoreOptions): Promise<DbHandle> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) throw new InvalidSchemaNameError(schema);
  if (options.databaseUrl) return openPgDb({ connectionString: options.databaseUrl, schema });
  return openPgliteDb({ dataDir: resolveDataDir(options.dataDir), schema });
}

/** @internal `memory://…` as is; a path relative to the working directory made absolute. */
export function resolveDataDir(dataDir: string = DEFAULT_DATA_DIR, cwd: string = process.cwd()): string {
  return dataDir.startsWith('memory://') ? dataDir : resolve(cwd, dataDir);
}

/** @internal A store over an open adapter, which it closes on `close()`. */
export function storeOnDb(handle: DbHandle, schema: string): Store {
  let closing: Promise<void> | undefined;
  const inFlight = new Set<Promise<unknown>>();
  // PGlite runs one transaction at a time: resolution needs no locks there.
  const serial = handle.backend === 'pglite';
  const checked = new CheckedEvents();

  // Every operation goes through here: refused once closing, and awaited by close().
  const track = <T>(run: () => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new StoreClosedError());
    const promise = run();
    inFlight.add(promise);
    const forget = () => inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  };

  const guarded: Db = {
    query: <T>(sql: string, params?: readonly SqlValue[]): Promise<QueryResult<T>> =>
      track(() => handle.query<T>(sql, params)),
    exec: (sql) => track(() => handle.exec(sql)),
    transaction: (fn) => track(() => handle.transaction(fn)),
  };

  return {
    backend: handle.backend,
    schema,
    ...articleQueries(guarded, { serial }),
    ...eventQueries(guarded, checked),
    ...heldReferenceQueries(guarded),
    ...searchQueries(guarded),
    ...agreementActQueries(guarded),
    migrate: () => track(async () => runMigrations(handle, await loadMigrations(migrationsDir))),
    transaction: (fn) =>
      guarded.transaction((tx) =>
        fn({
          ...articleQueries(tx, { serial }),
          ...eventQueries(tx, checked),
          ...heldReferenceQueries(tx),
          ...searchQueries(tx),
          ...agreementActQueries(tx),
        }),
      ),
    ping: async () => {
      await guarded.query('SELECT 1');
    },
    close: () => {
      closing ??= (async () => {
        await Promise.allSettled([...inFlight]);
        await handle.close();
      })();
      return closing;
    },
  };
}

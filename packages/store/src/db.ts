import { TransactionClosedError } from './errors.ts';

/** What a query parameter may be. JSON goes in as a string with a `::jsonb` cast. */
export type SqlValue = string | number | boolean | null;

export interface QueryResult<T> {
  rows: T[];
}

/**
 * The small adapter both backends implement. `query` runs one statement with `$n` parameters;
 * `exec` runs a script of several statements without parameters (migrations).
 * Rows are typed by the caller, as with `pg`: check what you read when it comes from outside.
 */
export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<QueryResult<T>>;
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction (a savepoint when nested): commit when it resolves, rollback when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

export type Backend = 'postgres' | 'pglite';

/** A whole database: a pool of connections, or one PGlite instance. */
export interface DbHandle extends Db {
  readonly backend: Backend;
  close(): Promise<void>;
}

/** The statements of one open transaction, as each backend runs them. */
export interface TransactionRunner {
  query<T>(sql: string, params: readonly SqlValue[]): Promise<QueryResult<T>>;
  exec(sql: string): Promise<void>;
}

/**
 * The `Db` given to a transaction's callback: nested transactions are savepoints, and the handle
 * refuses to run anything once `end()` was called (its connection may serve someone else by then).
 */
export function transactionScope(runner: TransactionRunner): { db: Db; end: () => void } {
  let open = true;
  let savepoints = 0;
  const check = (): void => {
    if (!open) throw new TransactionClosedError();
  };
  const db: Db = {
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      check();
      return runner.query<T>(sql, params);
    },
    async exec(sql) {
      check();
      await runner.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      check();
      const name = `dyad_sp_${++savepoints}`;
      await runner.exec(`SAVEPOINT ${name}`);
      let result: T;
      try {
        result = await fn(db);
      } catch (error) {
        await runner.exec(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
      await runner.exec(`RELEASE SAVEPOINT ${name}`);
      return result;
    },
  };
  return {
    db,
    end: () => {
      open = false;
    },
  };
}

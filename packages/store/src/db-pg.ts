import pg from 'pg';
import { type DbHandle, type QueryResult, type SqlValue, transactionScope } from './db.ts';

export interface PgDbOptions {
  connectionString: string;
  /** Already validated as a plain identifier; every connection starts with it as its search_path. */
  schema: string;
}

/** PostgreSQL through a `pg.Pool`. */
export async function openPgDb(options: PgDbOptions): Promise<DbHandle> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    // Set at connection start-up, so no query can ever run on a connection without it.
    options: `-c search_path="${options.schema}"`,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that breaks (server restart) is dropped by the pool and replaced on the
  // next query; without a listener, the pool's 'error' event would end the process.
  pool.on('error', () => undefined);
  try {
    await ensureSchema(pool, options.schema);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  return {
    backend: 'postgres',
    async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<QueryResult<T>> {
      const result = await pool.query(sql, [...params]);
      return { rows: result.rows };
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      const scope = transactionScope({
        async query<T>(sql: string, params: readonly SqlValue[]): Promise<QueryResult<T>> {
          const result = await client.query(sql, [...params]);
          return { rows: result.rows };
        },
        async exec(sql) {
          await client.query(sql);
        },
      });
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(scope.db);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // The connection is in an unknown state: let the pool destroy it.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        scope.end();
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function ensureSchema(pool: pg.Pool, schema: string): Promise<void> {
  // Look first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
  const found = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (found.rowCount) return;
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two processes creating it at once: one of them meets the other's row in pg_namespace.
    if (!isUniqueViolation(error)) throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === '23505' || error.code === '42P06');
}

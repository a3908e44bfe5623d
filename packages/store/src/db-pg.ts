import { createHash } from 'node:crypto';
import pg from 'pg';
import { type DbHandle, type QueryResult, type SqlValue, transactionScope } from './db.ts';

/** How many distinct statement texts are prepared (per connection, on first use); the rest are not. */
const MAX_PREPARED = 256;
const preparedNames = new Map<string, string>();

/**
 * A query with parameters as a named (prepared) statement: PostgreSQL parses and plans it once
 * per connection instead of at every call. Statements whose text varies (inlined limits) stop
 * being prepared once MAX_PREPARED texts are known, so a connection's statements stay bounded.
 */
function queryConfig(sql: string, params: readonly SqlValue[]): pg.QueryConfig<SqlValue[]> {
  const values = [...params];
  if (values.length === 0) return { text: sql, values };
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < MAX_PREPARED) {
    name = `dyad_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  return name === undefined ? { text: sql, values } : { name, text: sql, values };
}

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
      const result = await pool.query(queryConfig(sql, params));
      return { rows: result.rows };
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      const scope = transactionScope({
        async query<T>(sql: string, params: readonly SqlValue[]): Promise<QueryResult<T>> {
          const result = await client.query(queryConfig(sql, params));
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

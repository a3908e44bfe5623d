import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '@dyad/contracts';
import type { Db } from './db.ts';
import { MigrationChecksumError, MigrationFailedError, MigrationFileError } from './errors.ts';

/** The package's own migrations: `migrations/NNN_name.sql` beside `src/` and `dist/`. */
export const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface Migration {
  readonly version: number;
  /** The file name, e.g. `001_articles.sql`. */
  readonly file: string;
  readonly sql: string;
  /** Hex SHA-256 of the file with line endings made `\n`. */
  readonly checksum: string;
}

export interface AppliedMigration {
  readonly version: number;
  readonly file: string;
  readonly checksum: string;
}

export interface MigrateResult {
  /** The migrations this call applied, in order; empty when the database was up to date. */
  readonly applied: readonly AppliedMigration[];
}

const FILE_NAME = /^(\d{3,})_([a-z0-9][a-z0-9_]*)\.sql$/;

/**
 * Two int4 keys for pg_advisory_xact_lock: this constant, and a hash of the schema, so that
 * stores in different schemas of one database do not wait for each other.
 */
const LOCK_CLASS = 0x64796164; // "dyad"

/** Reads `NNN_name.sql` files in version order; any other `.sql` name is an error, not skipped. */
export async function loadMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql'));
  const migrations: Migration[] = [];
  const byVersion = new Map<number, string>();
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match?.[1]) throw new MigrationFileError(file, 'expected a name like 001_articles.sql');
    const version = Number.parseInt(match[1], 10);
    const other = byVersion.get(version);
    if (other) throw new MigrationFileError(file, `has the same number as ${other}`);
    byVersion.set(version, file);
    const sql = (await readFile(join(dir, file), 'utf8')).replace(/\r\n?/g, '\n');
    migrations.push({ version, file, sql, checksum: sha256Hex(sql) });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

interface RecordedMigration {
  version: number;
  checksum: string;
}

/**
 * Applies the pending migrations in order, each in a transaction of its own that also records it
 * in `schema_migrations`. Every transaction first takes an advisory lock of the schema and reads
 * the bookkeeping again, so that processes starting together apply each migration once; the
 * others wait and then find nothing left to do.
 *
 * Refuses (MigrationChecksumError) when an applied migration's file has changed. Versions
 * recorded in the database but absent from `migrations` (a newer release ran first) are
 * tolerated.
 */
export async function runMigrations(db: Db, migrations: readonly Migration[]): Promise<MigrateResult> {
  const applied: AppliedMigration[] = [];
  for (;;) {
    const next = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))', [LOCK_CLASS]);
      const recorded = await readRecorded(tx);
      for (const migration of migrations) {
        const checksum = recorded.get(migration.version);
        if (checksum !== undefined && checksum !== migration.checksum) {
          throw new MigrationChecksumError(migration.version, migration.file, checksum, migration.checksum);
        }
      }
      const pending = migrations.find((migration) => !recorded.has(migration.version));
      if (!pending) return undefined;
      try {
        await tx.exec(pending.sql);
      } catch (cause) {
        throw new MigrationFailedError(pending.version, pending.file, { cause });
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        pending.version,
        pending.file,
        pending.checksum,
      ]);
      return pending;
    });
    if (!next) return { applied };
    applied.push({ version: next.version, file: next.file, checksum: next.checksum });
  }
}

/** Creates the bookkeeping table when missing (the caller holds the lock) and reads it. */
async function readRecorded(tx: Db): Promise<Map<number, string>> {
  const { rows: found } = await tx.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!found[0]?.present) {
    await tx.exec(`CREATE TABLE schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`);
    return new Map();
  }
  const { rows } = await tx.query<RecordedMigration>('SELECT version, checksum FROM schema_migrations');
  return new Map(rows.map((row) => [row.version, row.checksum]));
}

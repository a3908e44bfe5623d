import { sha256Hex } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import type { Db } from './db.ts';
import { MigrationChecksumError, MigrationFailedError, MigrationFileError } from './errors.ts';
import { loadMigrations, runMigrations } from './migrations.ts';
import { openDb } from './store.ts';
import { backends, onPostgres, withTempDir, writeFiles } from './test-support.ts';

async function tablesIn(db: Db, schema: string): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
    [schema],
  );
  return rows.map((row) => row.table_name);
}

describe('loadMigrations', () => {
  it('reads the package migrations in order, starting with the articles table', async () => {
    const migrations = await loadMigrations();
    expect(migrations[0]?.file).toBe('001_articles.sql');
    expect(migrations[0]?.sql).toContain('CREATE TABLE articles');
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('orders by number, not by name, and ignores files that are not .sql', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, {
        '010_c.sql': 'SELECT 3;',
        '002_b.sql': 'SELECT 2;',
        '1000_d.sql': '',
        'notes.md': 'x',
      });
      expect((await loadMigrations(dir)).map((m) => m.file)).toEqual([
        '002_b.sql',
        '010_c.sql',
        '1000_d.sql',
      ]);
    });
  });

  it('gives the same checksum whatever the line endings', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { '001_a.sql': 'SELECT 1;\r\nSELECT 2;\r\n' });
      const [migration] = await loadMigrations(dir);
      expect(migration?.checksum).toBe(sha256Hex('SELECT 1;\nSELECT 2;\n'));
    });
  });

  it('refuses a .sql file with another name, and two files with one number', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { '1_a.sql': 'SELECT 1;' });
      await expect(loadMigrations(dir)).rejects.toThrow(MigrationFileError);
    });
    await withTempDir(async (dir) => {
      await writeFiles(dir, { '001_a.sql': 'SELECT 1;', '001_b.sql': 'SELECT 2;' });
      await expect(loadMigrations(dir)).rejects.toThrow(/same number/);
    });
  });
});

for (const [label, test] of backends) {
  describe(`runMigrations on ${label}`, () => {
    test('refuses to go on when an applied migration changed, and applies nothing after it', async (target) => {
      await withTempDir(async (dir) => {
        const db = await openDb(target.options);
        try {
          await writeFiles(dir, { '001_a.sql': 'CREATE TABLE a (id int);' });
          await runMigrations(db, await loadMigrations(dir));
          await writeFiles(dir, {
            '001_a.sql': 'CREATE TABLE a (id bigint);',
            '002_b.sql': 'CREATE TABLE b (id int);',
          });
          const error = await runMigrations(db, await loadMigrations(dir)).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(MigrationChecksumError);
          expect(error).toMatchObject({
            version: 1,
            file: '001_a.sql',
            recordedChecksum: sha256Hex('CREATE TABLE a (id int);'),
            fileChecksum: sha256Hex('CREATE TABLE a (id bigint);'),
          });
          expect(await tablesIn(db, target.schema)).toEqual(['a', 'schema_migrations']);
        } finally {
          await db.close();
        }
      });
    });

    test('rolls a failing migration back and does not record it', async (target) => {
      await withTempDir(async (dir) => {
        await writeFiles(dir, {
          '001_a.sql': 'CREATE TABLE a (id int);',
          '002_b.sql': 'CREATE TABLE b (id int);\nSELECT 1 / 0;',
        });
        const db = await openDb(target.options);
        try {
          const error = await runMigrations(db, await loadMigrations(dir)).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(MigrationFailedError);
          expect(error).toMatchObject({ version: 2, file: '002_b.sql', cause: { code: '22012' } });
          const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
          expect(rows).toEqual([{ version: 1 }]);
          expect(await tablesIn(db, target.schema)).toEqual(['a', 'schema_migrations']);
        } finally {
          await db.close();
        }
      });
    });
  });
}

describe('runMigrations on PostgreSQL, processes starting together', () => {
  onPostgres('applies each migration once while four runners race', async (target) => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, {
        '001_a.sql': 'CREATE TABLE a (id int);',
        '002_b.sql': 'CREATE TABLE b (id int);\nSELECT pg_sleep(0.05);',
        '003_c.sql': 'CREATE TABLE c (id int);\nINSERT INTO a VALUES (1);',
      });
      const migrations = await loadMigrations(dir);
      const dbs = await Promise.all([1, 2, 3, 4].map(() => openDb(target.options)));
      try {
        const results = await Promise.all(dbs.map((db) => runMigrations(db, migrations)));
        const applied = results.flatMap((result) => result.applied.map((m) => m.version));
        expect(applied.sort()).toEqual([1, 2, 3]);
        const db = dbs[0];
        if (!db) throw new Error('no database');
        const { rows } = await db.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(rows.map((row) => row.version)).toEqual([1, 2, 3]);
        const { rows: a } = await db.query('SELECT id FROM a');
        expect(a).toEqual([{ id: 1 }]);
      } finally {
        await Promise.all(dbs.map((db) => db.close()));
      }
    });
  });
});

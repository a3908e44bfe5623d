import { join } from 'node:path';
import { describe, expect, it } from '@dyad/testkit';
import {
  InvalidArticleError,
  InvalidSchemaNameError,
  StoreClosedError,
  TransactionClosedError,
} from './errors.ts';
import { loadMigrations } from './migrations.ts';
import { openDb, openStore, resolveDataDir, type StoreTransaction } from './store.ts';
import { backends, onPglite, onPostgres, openTarget, sampleArticle, withTempDir } from './test-support.ts';

for (const [label, test] of backends) {
  describe(`store on ${label}`, () => {
    test('migrate() creates the tables in the store schema and records each migration once', async (target) => {
      const { store, db } = await openTarget(target);
      try {
        const files = await loadMigrations();
        const first = await store.migrate();
        expect(first.applied).toEqual(
          files.map(({ version, file, checksum }) => ({ version, file, checksum })),
        );

        const { rows: recorded } = await db.query<{ version: number; name: string; checksum: string }>(
          'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
        );
        expect(recorded).toEqual(
          files.map((m) => ({ version: m.version, name: m.file, checksum: m.checksum })),
        );

        const { rows: tables } = await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables
           WHERE table_schema = $1 AND table_name IN ('articles', 'schema_migrations') ORDER BY table_name`,
          [target.schema],
        );
        expect(tables.map((t) => t.table_name)).toEqual(['articles', 'schema_migrations']);
      } finally {
        await store.close();
      }
    });

    test('migrate() again is a no-op', async (target) => {
      const { store, db } = await openTarget(target);
      try {
        await store.migrate();
        const before = await db.query('SELECT version, applied_at FROM schema_migrations ORDER BY version');
        expect(await store.migrate()).toEqual({ applied: [] });
        const after = await db.query('SELECT version, applied_at FROM schema_migrations ORDER BY version');
        expect(after.rows).toEqual(before.rows);
      } finally {
        await store.close();
      }
    });

    test('saveArticle inserts, then leaves the same content untouched, then updates a change', async (target) => {
      const { store, db } = await openTarget(target);
      try {
        await store.migrate();
        const article = sampleArticle();
        const rowVersion = async () =>
          (
            await db.query<{ xmin: string; updated_at: unknown }>(
              'SELECT xmin::text AS xmin, updated_at FROM articles WHERE article_id = $1',
              [article.articleId],
            )
          ).rows[0];

        expect(await store.saveArticle(article)).toBe('inserted');
        const saved = await store.getArticle(article.articleId);
        expect(saved?.article).toEqual(article);
        expect(saved?.revision).toBe(1);
        const inserted = await rowVersion();

        expect(await store.saveArticle(structuredClone(article))).toBe('unchanged');
        expect(await rowVersion()).toEqual(inserted);

        const edited = sampleArticle(1, {
          title: 'Visite d’État : Tokaïev et Mohammed VI signent trois accords',
        });
        expect(edited.articleId).toBe(article.articleId);
        expect(await store.saveArticle(edited)).toBe('updated');
        const updated = await store.getArticle(article.articleId);
        expect(updated?.article.title).toBe(edited.title);
        expect(updated?.revision).toBe(2);
        expect(updated?.contentHash).not.toBe(saved?.contentHash);
        expect(updated?.firstSeenAt).toBe(saved?.firstSeenAt);
        expect((await rowVersion())?.xmin).not.toBe(inserted?.xmin);

        // A change of the events or of the publication date is a change too.
        const noEvents = sampleArticle(1, { title: edited.title, events: [] });
        expect(await store.saveArticle(noEvents)).toBe('updated');
        const redated = sampleArticle(1, {
          title: edited.title,
          events: [],
          publishedAt: { value: '2025-02-04', source: 'text' },
        });
        expect(await store.saveArticle(redated)).toBe('updated');
        expect((await store.getArticle(article.articleId))?.revision).toBe(4);
        expect(await store.countArticles()).toBe(1);
      } finally {
        await store.close();
      }
    });

    test('the content hash ignores key order and fields outside title, text, lang, date and events', async (target) => {
      const store = await openStore(target.options);
      try {
        await store.migrate();
        const article = sampleArticle();
        expect(await store.saveArticle(article)).toBe('inserted');
        const reordered = Object.fromEntries(Object.entries(article).reverse());
        expect(await store.saveArticle(sampleArticle(1, reordered))).toBe('unchanged');
        const rescored = sampleArticle(1, {
          relevance: { score: 0.5, relevant: true, reasons: [], assessed: true },
          extractorVersion: '0.2.0',
        });
        expect(await store.saveArticle(rescored)).toBe('unchanged');
        expect((await store.getArticle(article.articleId))?.article.extractorVersion).toBe('0.1.0');
      } finally {
        await store.close();
      }
    });

    test('saving one article many times at once inserts it exactly once', async (target) => {
      const store = await openStore(target.options);
      try {
        await store.migrate();
        const article = sampleArticle(7);
        const results = await Promise.all(Array.from({ length: 8 }, () => store.saveArticle(article)));
        expect(results.filter((r) => r === 'inserted')).toHaveLength(1);
        expect(results.filter((r) => r === 'unchanged')).toHaveLength(7);
        expect((await store.getArticle(article.articleId))?.revision).toBe(1);
      } finally {
        await store.close();
      }
    });

    test('counts and lists articles; an unknown id reads as undefined', async (target) => {
      const store = await openStore(target.options);
      try {
        await store.migrate();
        expect(await store.countArticles()).toBe(0);
        const articles = [sampleArticle(1), sampleArticle(2), sampleArticle(3)];
        for (const article of articles) await store.saveArticle(article);
        expect(await store.countArticles()).toBe(3);
        expect(await store.listArticleIds()).toEqual(articles.map((a) => a.articleId).sort());
        expect(await store.getArticle('0'.repeat(64))).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    test('refuses an article that is not an article.extracted, or that holds NUL characters', async (target) => {
      const store = await openStore(target.options);
      try {
        await store.migrate();
        const bad = { ...sampleArticle(), articleId: 'not-a-sha256' };
        const error = await store.saveArticle(bad).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidArticleError);
        expect(error).toMatchObject({ articleId: 'not-a-sha256', cause: { issues: expect.any(Array) } });
        expect(String(error)).toMatch(/articleId/);

        const nul = { ...sampleArticle(2), text: `${sampleArticle(2).text}\u0000after` };
        await expect(store.saveArticle(nul)).rejects.toThrow(/NUL/);
        expect(await store.countArticles()).toBe(0);
      } finally {
        await store.close();
      }
    });

    test('transaction() commits together, rolls back together, and closes its handle', async (target) => {
      const store = await openStore(target.options);
      try {
        await store.migrate();
        const [a, b, c] = [sampleArticle(1), sampleArticle(2), sampleArticle(3)];
        const failure = new Error('indexing failed');
        await expect(
          store.transaction(async (tx) => {
            expect(await tx.saveArticle(a)).toBe('inserted');
            expect(await tx.countArticles()).toBe(1);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.countArticles()).toBe(0);

        let leaked: StoreTransaction | undefined;
        const result = await store.transaction(async (tx) => {
          leaked = tx;
          await tx.saveArticle(b);
          await tx.saveArticle(c);
          return tx.listArticleIds();
        });
        expect(result).toEqual([b.articleId, c.articleId].sort());
        expect(await store.listArticleIds()).toEqual(result);
        await expect(leaked?.countArticles()).rejects.toThrow(TransactionClosedError);
      } finally {
        await store.close();
      }
    });

    test('close() waits for work in progress, can be called twice, and refuses later use', async (target) => {
      const store = await openStore(target.options);
      await store.migrate();
      await store.ping();
      const saving = store.saveArticle(sampleArticle());
      const closing = store.close();
      expect(await saving).toBe('inserted');
      await closing;
      await store.close();
      await expect(store.ping()).rejects.toThrow(StoreClosedError);
      await expect(store.countArticles()).rejects.toThrow(StoreClosedError);
    });
  });
}

describe('store on PostgreSQL, several replicas', () => {
  onPostgres('two stores migrating at once both succeed and apply each migration once', async (target) => {
    const stores = await Promise.all([openStore(target.options), openStore(target.options)]);
    try {
      const results = await Promise.all(stores.map((store) => store.migrate()));
      const files = await loadMigrations();
      expect(results.flatMap((r) => r.applied.map((m) => m.file)).sort()).toEqual(files.map((m) => m.file));
      expect(await stores[0]?.countArticles()).toBe(0);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  onPostgres(
    'replicas saving the same article at once insert it once; revisions count the updates',
    async (target) => {
      const stores = await Promise.all([openStore(target.options), openStore(target.options)]);
      try {
        await stores[0]?.migrate();
        const same = sampleArticle(5);
        const results = await Promise.all(
          stores.flatMap((store) => [1, 2, 3, 4].map(() => store.saveArticle(same))),
        );
        expect(results.filter((r) => r === 'inserted')).toHaveLength(1);
        expect(results.filter((r) => r === 'unchanged')).toHaveLength(7);

        const one = sampleArticle(6);
        const other = sampleArticle(6, { title: 'Autre titre' });
        const mixed = await Promise.all(
          stores.flatMap((store) => [one, other, one, other].map((version) => store.saveArticle(version))),
        );
        expect(mixed.filter((r) => r === 'inserted')).toHaveLength(1);
        const updates = mixed.filter((r) => r === 'updated').length;
        expect((await stores[1]?.getArticle(same.articleId))?.revision).toBe(1);
        expect((await stores[1]?.getArticle(one.articleId))?.revision).toBe(1 + updates);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    },
  );

  onPostgres(
    'a save waiting for resolution locks has indexed its texts already (they are no work done under the locks)',
    async (target) => {
      const stores = await Promise.all([openStore(target.options), openStore(target.options)]);
      const [holder, waiter] = stores;
      if (!holder || !waiter) throw new Error('no stores');
      const { db } = await openTarget(target);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        await holder.migrate();
        const scope = { typeClass: 'visit', first: '2025-02-03', last: '2025-02-04' };
        const textPages = async () => {
          const { rows } = await db.query<{ n: string }>(
            "SELECT pg_relation_size('article_texts')::text AS n",
          );
          return Number(rows[0]?.n);
        };
        let locked = () => {};
        const taken = new Promise<void>((resolve) => {
          locked = resolve;
        });
        const holding = holder.transaction(async (tx) => {
          await tx.saveArticles([sampleArticle(1)], { lock: [scope] });
          locked();
          await held;
        });
        await taken;
        expect(await textPages()).toBe(0);
        const waiting = waiter.transaction((tx) =>
          tx.saveArticles([sampleArticle(2)], { indexText: true, lock: [scope] }),
        );
        let settled = false;
        const settle = () => {
          settled = true;
        };
        waiting.then(settle, settle);
        // Blocked on the holder's locks, with its text row written (not yet visible: uncommitted).
        for (let i = 0; i < 100 && (await textPages()) === 0; i++)
          await new Promise((r) => setTimeout(r, 20));
        expect(await textPages()).toBeGreaterThan(0);
        expect(settled).toBe(false);
        release();
        await holding;
        expect((await waiting).map((s) => s.result)).toEqual(['inserted']);
        expect((await waiter.searchArticles('Tokaïev')).total).toBe(1);
      } finally {
        release();
        await db.close();
        await Promise.all(stores.map((store) => store.close()));
      }
    },
  );

  // The database is one of this test's own: other tests' processes share the `test` database and
  // may keep tables in its `public` schema, which would tell nothing about this store.
  onPostgres('keeps its tables in its own schema, not in public', async (target) => {
    const admin = await openDb({ databaseUrl: target.options.databaseUrl });
    const database = `${target.schema}_db`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(target.options.databaseUrl ?? '');
    url.pathname = `/${database}`;
    try {
      const store = await openStore({ databaseUrl: url.toString(), schema: target.schema });
      const db = await openDb({ databaseUrl: url.toString() });
      try {
        await store.migrate();
        const { rows } = await db.query<{ table_schema: string; table_name: string }>(
          `SELECT table_schema, table_name FROM information_schema.tables
           WHERE table_schema IN ($1, 'public') ORDER BY table_schema, table_name`,
          [target.schema],
        );
        expect(rows.filter((row) => row.table_schema === 'public')).toEqual([]);
        expect(rows.map((row) => row.table_name)).toEqual(
          expect.arrayContaining(['articles', 'schema_migrations']),
        );
      } finally {
        await Promise.all([store.close(), db.close()]);
      }
    } finally {
      await admin.query(`DROP DATABASE "${database}"`);
      await admin.close();
    }
  });
});

describe('store on PGlite, on disk', () => {
  onPglite('keeps articles and migrations across close and reopen', async () => {
    await withTempDir(async (dir) => {
      const dataDir = join(dir, 'nested', 'pglite');
      const article = sampleArticle();
      const first = await openStore({ dataDir });
      try {
        expect((await first.migrate()).applied.length).toBeGreaterThan(0);
        expect(await first.saveArticle(article)).toBe('inserted');
      } finally {
        await first.close();
      }
      const second = await openStore({ dataDir });
      try {
        expect(await second.migrate()).toEqual({ applied: [] });
        expect((await second.getArticle(article.articleId))?.article).toEqual(article);
        expect(await second.saveArticle(article)).toBe('unchanged');
      } finally {
        await second.close();
      }
    });
  });

  onPglite('works in the schema it is given', async () => {
    const store = await openStore({ dataDir: 'memory://', schema: 'dyad_alt' });
    try {
      expect(store.schema).toBe('dyad_alt');
      await store.migrate();
      await store.saveArticle(sampleArticle());
      expect(await store.countArticles()).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('openStore options', () => {
  it('refuses a schema name that is not a plain identifier, before connecting', async () => {
    await expect(
      openStore({ databaseUrl: 'postgres://nowhere.invalid/x', schema: 'a"; DROP' }),
    ).rejects.toThrow(InvalidSchemaNameError);
  });

  it('puts PGlite in .data/pglite under the working directory unless told otherwise', () => {
    expect(resolveDataDir(undefined, '/srv/dyad')).toBe('/srv/dyad/.data/pglite');
    expect(resolveDataDir('db', '/srv/dyad')).toBe('/srv/dyad/db');
    expect(resolveDataDir('/var/lib/dyad', '/srv/dyad')).toBe('/var/lib/dyad');
    expect(resolveDataDir('memory://', '/srv/dyad')).toBe('memory://');
  });
});

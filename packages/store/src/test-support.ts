import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArticleExtracted, articleIdFor } from '@dyad/contracts';
import { it } from '@dyad/testkit';
import type { Backend, DbHandle } from './db.ts';
import { openDb, type Store, type StoreOptions, storeOnDb } from './store.ts';

/** Where one test's database is: the options that open it, and the schema it works in. */
export interface Target {
  readonly backend: Backend;
  readonly options: StoreOptions;
  readonly schema: string;
}

/** Declares a test that runs against one backend. */
export type BackendTest = (name: string, fn: (target: Target) => Promise<void>) => void;

/** PGlite in memory: a database of the test's own. */
export const onPglite: BackendTest = (name, fn) =>
  it(name, async () => {
    await fn({ backend: 'pglite', options: { dataDir: 'memory://' }, schema: 'public' });
  });

/** Real PostgreSQL (testkit): a schema of the test's own, dropped afterwards. */
export const onPostgres: BackendTest = (name, fn) =>
  it(name, async ({ postgres }) => {
    await fn({
      backend: 'postgres',
      options: { databaseUrl: postgres.url, schema: postgres.schema },
      schema: postgres.schema,
    });
  });

export const backends: ReadonlyArray<readonly [string, BackendTest]> = [
  ['PGlite', onPglite],
  ['PostgreSQL', onPostgres],
];

/** A store plus the raw adapter under it, for looking at rows the API does not show. */
export async function openTarget(target: Target): Promise<{ store: Store; db: DbHandle }> {
  const db = await openDb(target.options);
  return { store: storeOnDb(db, target.schema), db };
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dyad-store-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

const TEXT =
  'RABAT — Le président kazakh Kassym-Jomart Tokaïev est arrivé lundi à Rabat pour une visite ' +
  "d'État de deux jours. Les deux pays ont signé un mémorandum sur le transport aérien.";

/**
 * An `article.extracted` message written out by hand and checked against the schema, so that a
 * fixture that drifts from the contract fails here rather than inside the store.
 */
export function sampleArticle(n = 1, changes: Partial<ArticleExtracted> = {}): ArticleExtracted {
  const url = `https://www.example.ma/fr/politique/visite-tokaiev-${n}?utm_source=rss`;
  const sentence = TEXT.slice(0, TEXT.indexOf('.') + 1);
  // Offsets into the article's own text (a test may give another); 0–0 where it lacks the words.
  const text = changes.text ?? TEXT;
  const span = (field: string, words: string) => {
    const start = text.indexOf(words);
    return start < 0
      ? { field, text: words, start: 0, end: 0 }
      : { field, text: words, start, end: start + words.length };
  };
  return ArticleExtracted.parse({
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: 'example-ma',
    origin: 'crawl',
    fetchedAt: '2025-02-03T10:15:00.000Z',
    title: `Visite d'État du président Tokaïev au Maroc (${n})`,
    text: TEXT,
    lang: 'fr',
    publishedAt: { value: '2025-02-03T09:00:00+01:00', source: 'meta' },
    siteName: 'Example Maroc',
    relevance: { score: 0.92, relevant: true, reasons: ['kz.tokayev', 'Rabat'], assessed: true },
    cleaner: { version: '0.1.0', method: 'readability' },
    mentions: {
      actors: [
        {
          actorId: 'kz.tokayev',
          name: 'Kassym-Jomart Tokaïev',
          country: 'KZ',
          role: 'president',
          evidence: span('actor', 'Kassym-Jomart Tokaïev'),
        },
      ],
      places: [{ name: 'Rabat', country: 'MA', evidence: span('place', 'Rabat') }],
      dates: [],
    },
    events: [
      {
        type: 'official_visit',
        cameo: '042',
        date: { value: '2025-02-03', end: '2025-02-04', precision: 'day' },
        location: { name: 'Rabat', country: 'MA' },
        participants: [
          {
            actorId: 'kz.tokayev',
            name: 'Kassym-Jomart Tokayev',
            names: { fr: 'Kassym-Jomart Tokaïev', en: 'Kassym-Jomart Tokayev' },
            role: 'president',
            country: 'KZ',
          },
        ],
        topics: ['aviation'],
        agreements: [{ name: 'Mémorandum sur le transport aérien', status: 'signed' }],
        main: true,
        evidence: [span('type', sentence)],
      },
    ],
    extractorVersion: '0.1.0',
    ...changes,
  });
}

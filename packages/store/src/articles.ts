import { ArticleExtracted, formatIssues, sha256Hex } from '@dyad/contracts';
import type { Db, SqlValue } from './db.ts';
import { InvalidArticleError, StoredDataError } from './errors.ts';
import { lockSelect, type ResolutionScope, resolutionLocks } from './resolution-locks.ts';
import { articleTextUpsert } from './search.ts';

export type SaveResult = 'inserted' | 'updated' | 'unchanged';

/** What `saveArticle` does besides saving, in the same statement (one round trip). */
export interface SaveArticleOptions {
  /** Index the text for full-text search when the content changed (as `indexArticleText`). */
  readonly indexText?: boolean;
  /**
   * Serialise event resolution across indexer replicas for the rest of the transaction, where it
   * must be — two articles reporting one event must not both create it: takes, in one order, a
   * lock per type class and month of these scopes (`resolutionLocks`), whatever the result, so
   * that transactions about other months or kinds of event go on. Nothing on PGlite (one
   * transaction at a time).
   */
  readonly lock?: readonly ResolutionScope[];
}

export interface StoredArticle {
  /** The `article.extracted` message as last saved. */
  readonly article: ArticleExtracted;
  readonly contentHash: string;
  /** 1 when first saved, +1 on every save that changed the content. */
  readonly revision: number;
  /** ISO timestamps (UTC). */
  readonly firstSeenAt: string;
  readonly updatedAt: string;
}

/** Article reads and writes, the same on a store and inside one of its transactions. */
export interface ArticleQueries {
  /**
   * Inserts the article, or updates it (revision + 1) when its content hash differs, or leaves
   * the row untouched. One statement (INSERT … ON CONFLICT), so replicas saving the same article
   * at once get one 'inserted' and the rest 'unchanged'.
   */
  saveArticle(article: ArticleExtracted, options?: SaveArticleOptions): Promise<SaveResult>;
  getArticle(articleId: string): Promise<StoredArticle | undefined>;
  countArticles(): Promise<number>;
  /** All article ids, in ascending order. */
  listArticleIds(): Promise<string[]>;
}

/**
 * What decides whether a save changes the article: title, text, lang, publishedAt and events,
 * as JSON with sorted keys (so key order and absent optional fields do not count).
 */
export function contentHash(article: ArticleExtracted): string {
  const { title, text, lang, publishedAt, events } = article;
  return sha256Hex(stableJson({ title, text, lang, publishedAt, events }));
}

export function articleQueries(db: Db, options: { readonly serial?: boolean } = {}): ArticleQueries {
  return {
    saveArticle: (article, save = {}) =>
      // PGlite runs one transaction at a time: nothing to lock there.
      saveArticle(db, article, { ...save, lock: options.serial ? undefined : save.lock }),
    getArticle: (articleId) => getArticle(db, articleId),
    countArticles: () => countArticles(db),
    listArticleIds: () => listArticleIds(db),
  };
}

async function saveArticle(
  db: Db,
  input: ArticleExtracted,
  options: SaveArticleOptions,
): Promise<SaveResult> {
  const article = validate(input);
  const payload = JSON.stringify(article);
  // PostgreSQL's text and jsonb cannot hold NUL; say so instead of failing in the database.
  if (payload.includes('\\u0000')) {
    throw new InvalidArticleError(
      `article ${article.articleId} contains NUL characters, which PostgreSQL cannot store`,
      article.articleId,
    );
  }
  const upsert = `INSERT INTO articles AS a (
       article_id, url, source_id, origin, title, text, lang, published_at, published_at_source,
       fetched_at, content_hash, relevance, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz, $11, $12::jsonb, $13::jsonb)
     ON CONFLICT (article_id) DO UPDATE SET
       url = EXCLUDED.url,
       source_id = EXCLUDED.source_id,
       origin = EXCLUDED.origin,
       title = EXCLUDED.title,
       text = EXCLUDED.text,
       lang = EXCLUDED.lang,
       published_at = EXCLUDED.published_at,
       published_at_source = EXCLUDED.published_at_source,
       fetched_at = EXCLUDED.fetched_at,
       content_hash = EXCLUDED.content_hash,
       relevance = EXCLUDED.relevance,
       payload = EXCLUDED.payload,
       revision = a.revision + 1,
       updated_at = now()
     WHERE a.content_hash <> EXCLUDED.content_hash
     RETURNING a.revision`;
  const params: SqlValue[] = [
    article.articleId,
    article.url,
    article.sourceId,
    article.origin,
    article.title,
    article.text,
    article.lang,
    article.publishedAt.value,
    article.publishedAt.source,
    article.fetchedAt,
    contentHash(article),
    JSON.stringify(article.relevance),
    payload,
  ];
  // The text is indexed (and the locks taken) by the same statement: fewer round trips.
  const parts = [`saved AS (${upsert})`];
  if (options.indexText)
    parts.push(
      `texts AS (${articleTextUpsert({ id: '$1', lang: '$7', title: '$5', text: '$6' }, ', saved')})`,
    );
  const locks = resolutionLocks(options.lock ?? []);
  if (locks.length > 0) {
    const lock = lockSelect(locks, params.length + 1);
    parts.push(`locked AS (${lock.sql})`);
    params.push(...lock.params);
  }
  const { rows } = await db.query<{ revision: number | null }>(
    `WITH ${parts.join(',\n')}
     SELECT (SELECT revision FROM saved) AS revision${locks.length > 0 ? ', (SELECT n FROM locked) AS locked' : ''}`,
    params,
  );
  const row = rows[0];
  // No revision: the conflict's WHERE was false, same content, nothing written.
  if (!row || row.revision === null) return 'unchanged';
  return row.revision === 1 ? 'inserted' : 'updated';
}

interface ArticleRow {
  payload: unknown;
  content_hash: string;
  revision: number;
  first_seen_at: unknown;
  updated_at: unknown;
}

async function getArticle(db: Db, articleId: string): Promise<StoredArticle | undefined> {
  const { rows } = await db.query<ArticleRow>(
    'SELECT payload, content_hash, revision, first_seen_at, updated_at FROM articles WHERE article_id = $1',
    [articleId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const parsed = ArticleExtracted.safeParse(row.payload);
  if (!parsed.success) {
    throw new StoredDataError(
      `stored article ${articleId} does not match ArticleExtracted: ${formatIssues(parsed.error).join('; ')}`,
      { cause: parsed.error },
    );
  }
  return {
    article: parsed.data,
    contentHash: row.content_hash,
    revision: row.revision,
    firstSeenAt: isoTimestamp(row.first_seen_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

async function countArticles(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
  return rows[0]?.n ?? 0;
}

async function listArticleIds(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ article_id: string }>(
    'SELECT article_id FROM articles ORDER BY article_id',
  );
  return rows.map((row) => row.article_id);
}

function validate(input: ArticleExtracted): ArticleExtracted {
  const parsed = ArticleExtracted.safeParse(input);
  if (parsed.success) return parsed.data;
  const articleId = typeof input?.articleId === 'string' ? input.articleId : undefined;
  throw new InvalidArticleError(
    `article ${articleId ?? '(no id)'} does not match ArticleExtracted: ${formatIssues(parsed.error).join('; ')}`,
    articleId,
    { cause: parsed.error },
  );
}

/** Both drivers read timestamptz as a Date; accept a string too, in case a parser is changed. */
function isoTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new StoredDataError(`expected a timestamp, got ${typeof value}`);
}

/** JSON with object keys sorted at every level; undefined properties are left out, as JSON does. */
function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item: unknown = Reflect.get(value, key);
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}

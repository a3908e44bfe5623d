import { ArticleExtracted, formatIssues, sha256Hex } from '@dyad/contracts';
import { agreementActRows, agreementActWrites } from './agreement-acts.ts';
import type { Db, SqlValue } from './db.ts';
import { InvalidArticleError, StoredDataError } from './errors.ts';
import { lockSelect, type ResolutionScope, resolutionLocks } from './resolution-locks.ts';
import { articleTextUpsert } from './search.ts';

export type SaveResult = 'inserted' | 'updated' | 'unchanged';

/** What `saveArticle` does besides saving, in the same statement (one round trip). */
export interface SaveArticleOptions {
  /**
   * Index the text for full-text search when the content changed (as `indexArticleText`); `later`
   * queues it for `indexPendingTexts` instead.
   */
  readonly indexText?: boolean | 'later';
  /**
   * Serialise event resolution across indexer replicas for the rest of the transaction, where it
   * must be — two articles reporting one event must not both create it: takes, in one order, a
   * lock per type class and month of these scopes (`resolutionLocks`), whatever the result, so
   * that transactions about other months or kinds of event go on. Nothing on PGlite (one
   * transaction at a time).
   */
  readonly lock?: readonly ResolutionScope[];
  /**
   * The article was parsed against ArticleExtracted already (the bus's consumer does, before the
   * indexer sees it): not checked again.
   */
  readonly validated?: boolean;
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
  /**
   * `saveArticle` of several articles (distinct ids) in one statement, the locks of all their
   * scopes taken at once; each one's result in the order given.
   */
  saveArticles(articles: readonly ArticleExtracted[], options?: SaveArticleOptions): Promise<SavedArticle[]>;
  getArticle(articleId: string): Promise<StoredArticle | undefined>;
  countArticles(): Promise<number>;
  /** All article ids, in ascending order. */
  listArticleIds(): Promise<string[]>;
}

/**
 * What decides whether a save changes the article: title, text, lang, publishedAt, events and
 * agreement acts, as JSON with sorted keys (so key order and absent optional fields do not count:
 * an article with no acts hashes as it did before they existed).
 */
export function contentHash(article: ArticleExtracted): string {
  const { title, text, lang, publishedAt, events, agreementActs } = article;
  return sha256Hex(stableJson({ title, text, lang, publishedAt, events, agreementActs }));
}

export function articleQueries(db: Db, options: { readonly serial?: boolean } = {}): ArticleQueries {
  return {
    saveArticle: (article, save = {}) =>
      // PGlite runs one transaction at a time: nothing to lock there.
      saveArticle(db, article, { ...save, lock: options.serial ? undefined : save.lock }),
    saveArticles: (articles, save = {}) =>
      saveArticles(db, articles, { ...save, lock: options.serial ? undefined : save.lock }),
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
  const [saved] = await saveArticles(db, [input], options);
  return saved?.result ?? 'unchanged';
}

/** What `saveArticles` did with one article. */
export interface SavedArticle {
  readonly articleId: string;
  readonly result: SaveResult;
  /** The revision now stored (that of the unchanged row is not read: 0). */
  readonly revision: number;
}

/** The columns of `articles` that saving sets, with their types as the input rows are read. */
const ARTICLE_COLUMNS = `article_id text, url text, source_id text, origin text, title text, text text,
  lang text, published_at text, published_at_source text, fetched_at timestamptz, content_hash text,
  relevance jsonb, payload jsonb`;
const ARTICLE_COLUMN_NAMES = ARTICLE_COLUMNS.split(',').map((column) => column.trim().split(' ')[0] ?? '');
/** What a changed article's row takes from its input row: every column but the id. */
const ARTICLE_UPDATES = ARTICLE_COLUMN_NAMES.filter((column) => column !== 'article_id')
  .map((column) => `${column} = EXCLUDED.${column}`)
  .join(', ');
/**
 * Columns read from the payload (a field of the same name) rather than sent beside it: the
 * title and the text, the bulk of an article, go to the database once.
 */
const FROM_PAYLOAD = new Set(['title', 'text']);
/** The input rows as `jsonb_to_recordset` reads them, and the columns in order made of them. */
const INPUT_ROWS = ARTICLE_COLUMNS.split(',')
  .map((column) => column.trim())
  .filter((column) => !FROM_PAYLOAD.has(column.split(' ')[0] ?? ''))
  .join(', ');
const INPUT_COLUMNS = ARTICLE_COLUMN_NAMES.map((column) =>
  FROM_PAYLOAD.has(column) ? `x.payload->>'${column}' AS ${column}` : `x.${column}`,
).join(', ');

/** An article's row (but its payload, and what is read from it) as jsonb_to_recordset reads it. */
function articleRow(article: ArticleExtracted): Record<string, unknown> {
  return {
    article_id: article.articleId,
    url: article.url,
    source_id: article.sourceId,
    origin: article.origin,
    lang: article.lang,
    published_at: article.publishedAt.value,
    published_at_source: article.publishedAt.source,
    fetched_at: article.fetchedAt,
    content_hash: contentHash(article),
    relevance: article.relevance,
  };
}

/**
 * Saves articles (distinct ids) in one statement: each inserted, updated (revision + 1) when its
 * content hash differs, or left untouched; the agreement acts of each changed one made what it
 * carries; with `indexText` the text of each changed one indexed, and with `lock` the resolution
 * locks of all the scopes taken, in the same statement. Results in the order given.
 */
async function saveArticles(
  db: Db,
  inputs: readonly ArticleExtracted[],
  options: SaveArticleOptions,
): Promise<SavedArticle[]> {
  const rows = inputs.map((input) => {
    const article = options.validated ? input : validate(input);
    const payload = JSON.stringify(article);
    // PostgreSQL's text and jsonb cannot hold NUL; say so instead of failing in the database.
    if (payload.includes('\\u0000')) {
      throw new InvalidArticleError(
        `article ${article.articleId} contains NUL characters, which PostgreSQL cannot store`,
        article.articleId,
      );
    }
    // The payload is spliced in as JSON text, not again stringified.
    return `${JSON.stringify(articleRow(article)).slice(0, -1)},"payload":${payload}}`;
  });
  const ids = new Set(inputs.map((a) => a.articleId));
  if (ids.size !== inputs.length) throw new Error('saveArticles: an article id is given twice');
  const upsert = `INSERT INTO articles AS a (${ARTICLE_COLUMN_NAMES.join(', ')})
     SELECT * FROM input
     ON CONFLICT (article_id) DO UPDATE SET
       ${ARTICLE_UPDATES},
       revision = a.revision + 1,
       updated_at = now()
     WHERE a.content_hash <> EXCLUDED.content_hash
     RETURNING a.article_id, a.revision`;
  const params: SqlValue[] = [`[${rows.join(',')}]`, agreementActRows(inputs)];
  // The text is indexed (and the locks taken) by the same statement: fewer round trips.
  const parts = [
    `input AS (SELECT ${INPUT_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS x(${INPUT_ROWS}))`,
    `saved AS (${upsert})`,
    ...agreementActWrites(2),
  ];
  if (options.indexText === 'later')
    parts.push(
      `pending AS (INSERT INTO article_texts_pending (article_id) SELECT article_id FROM saved ON CONFLICT DO NOTHING)`,
    );
  else if (options.indexText)
    parts.push(
      `texts AS (${articleTextUpsert(
        { id: 's.article_id', lang: 'i.lang', title: 'i.title', text: 'i.text' },
        'saved s JOIN input i ON i.article_id = s.article_id',
      )} RETURNING article_id)`,
    );
  const locks = resolutionLocks(options.lock ?? []);
  if (locks.length > 0) {
    // The texts (most of the statement's work) are indexed before the locks are waited for, not
    // while they are held: another transaction's resolution goes on meanwhile.
    const lock = lockSelect(locks, params.length + 1, options.indexText === true ? 'texts' : undefined);
    parts.push(`locked AS (${lock.sql})`);
    params.push(...lock.params);
  }
  // The lock's count makes one row whatever was saved, so that the locks are always taken.
  const { rows: savedRows } = await db.query<{ article_id: string | null; revision: number | null }>(
    `WITH ${parts.join(',\n')}
     ${
       locks.length > 0
         ? 'SELECT s.article_id, s.revision FROM locked LEFT JOIN saved s ON true'
         : 'SELECT article_id, revision FROM saved'
     }`,
    params,
  );
  const revisions = new Map<string, number>();
  for (const row of savedRows)
    if (row.article_id !== null) revisions.set(row.article_id, Number(row.revision));
  return inputs.map(({ articleId }) => {
    // No revision: the conflict's WHERE was false, same content, nothing written.
    const revision = revisions.get(articleId);
    if (revision === undefined) return { articleId, result: 'unchanged', revision: 0 };
    return { articleId, result: revision === 1 ? 'inserted' : 'updated', revision };
  });
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

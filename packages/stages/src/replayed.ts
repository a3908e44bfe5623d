import { type ArticleFetched, articleIdFor, type FetchedBody, seedUrl } from '@dyad/contracts';

export interface ReplayedFile {
  /** The file's name: its URL is `seed:<name>` unless `url` is given. */
  readonly name: string;
  readonly url?: string;
  readonly sourceId: string;
  /** When it was replayed (ISO). */
  readonly fetchedAt: string;
  readonly body: FetchedBody;
}

/** The `article.fetched` message `dyad replay` publishes for a file (origin "replay"). */
export function replayedArticle(file: ReplayedFile): ArticleFetched {
  const url = file.url ?? seedUrl(file.name);
  return {
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: file.sourceId,
    origin: 'replay',
    fetchedAt: file.fetchedAt,
    body: file.body,
  };
}

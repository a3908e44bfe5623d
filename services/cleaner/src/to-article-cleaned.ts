import type { CleanResult } from '@dyad/clean';
import { type ArticleCleaned, type ArticleFetched, fitArticleCleaned } from '@dyad/contracts';

/** Bumped whenever what the cleaner outputs for the same input changes. */
export const CLEANER_VERSION = '0.2.0';

/**
 * The core's result as the `article.cleaned` message, carrying the fetched article's identity,
 * within the article limits (a text over them is cut at a paragraph boundary, with a note).
 */
export function toArticleCleaned(fetched: ArticleFetched, result: CleanResult): ArticleCleaned {
  return fitArticleCleaned({
    schema: 1,
    articleId: fetched.articleId,
    url: fetched.url,
    sourceId: fetched.sourceId,
    origin: fetched.origin,
    fetchedAt: fetched.fetchedAt,
    title: result.title,
    text: result.text,
    lang: result.lang,
    publishedAt: result.publishedAt,
    ...(result.siteName ? { siteName: result.siteName } : {}),
    ...(result.author ? { author: result.author } : {}),
    ...(result.canonicalUrl ? { canonicalUrl: result.canonicalUrl } : {}),
    relevance: result.relevance,
    cleaner: { version: CLEANER_VERSION, method: result.method },
  });
}

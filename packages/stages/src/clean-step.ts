import { type CleanInput, type CleanOptions, type CleanResult, cleanArticle } from '@dyad/clean';
import { type ArticleCleaned, type ArticleFetched, fitArticleCleaned } from '@dyad/contracts';

/** Bumped whenever what the cleaner outputs for the same input changes. */
export const CLEANER_VERSION = '0.2.0';

/** What the core needs from a fetched article and its body. */
export function cleanInputOf(fetched: ArticleFetched, body: string): CleanInput {
  return {
    body,
    contentType: fetched.body.contentType,
    url: fetched.http?.finalUrl ?? fetched.url,
    fetchedAt: fetched.fetchedAt,
    ...(fetched.feed
      ? {
          feed: {
            ...(fetched.feed.title ? { title: fetched.feed.title } : {}),
            ...(fetched.feed.publishedAt ? { publishedAt: fetched.feed.publishedAt } : {}),
          },
        }
      : {}),
  };
}

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

/**
 * The cleaner stage's step in one call: `article.fetched` and its body → `article.cleaned`. The
 * service runs the same three parts with `cleanArticle` on a worker thread; `dyad extract` runs
 * this. Throws what `cleanArticle` throws (unsupported or unreadable content).
 */
export function cleanStep(fetched: ArticleFetched, body: string, options: CleanOptions): ArticleCleaned {
  return toArticleCleaned(fetched, cleanArticle(cleanInputOf(fetched, body), options));
}

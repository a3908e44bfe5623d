import type { ArticleCleaned, ArticleFetched } from '@dyad/contracts';
import { detectLanguage } from './language.ts';

export const CLEANER_VERSION = '0.1.0';

export class UnsupportedContentError extends Error {
  readonly contentType: string;
  constructor(contentType: string) {
    super(
      `unsupported content type ${contentType}: this cleaner reads plain text only so far; ` +
        'redrive the dead letter once HTML cleaning is built',
    );
    this.name = 'UnsupportedContentError';
    this.contentType = contentType;
  }
}

const PLAIN = new Set(['text/plain']);

/** A title is a line of a few words, not a menu word nor a whole paragraph. */
function looksLikeTitle(line: string): boolean {
  const words = line.split(/\s+/u).filter(Boolean).length;
  return words >= 3 && words <= 30;
}

/**
 * Plain text (the seeds, or a page already reduced to text) → a cleaned article. The first
 * title-like line becomes the title; the remaining lines are the text, one paragraph each.
 * Furniture removal, dates and relevance arrive with the cleaner's own issue.
 */
export function cleanPlainText(fetched: ArticleFetched, body: string): ArticleCleaned {
  const contentType = fetched.body.contentType.toLowerCase();
  if (!PLAIN.has(contentType)) throw new UnsupportedContentError(contentType);

  const lines = body
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line.length > 0);
  const titleIndex = lines.findIndex(looksLikeTitle);
  const title = titleIndex >= 0 ? (lines[titleIndex] ?? '') : (fetched.feed?.title ?? '');
  const paragraphs = lines.filter((_, i) => i !== titleIndex);
  const text = paragraphs.join('\n\n');

  return {
    schema: 1,
    articleId: fetched.articleId,
    url: fetched.url,
    sourceId: fetched.sourceId,
    origin: fetched.origin,
    fetchedAt: fetched.fetchedAt,
    title,
    text,
    lang: detectLanguage(`${title}\n${text}`),
    publishedAt: fetched.feed?.publishedAt
      ? { value: fetched.feed.publishedAt, source: 'feed' }
      : { value: null, source: 'none' },
    relevance: {
      score: 0,
      relevant: true,
      reasons: ['not assessed: relevance scoring is not built yet, so every article is passed on'],
      assessed: false,
    },
    cleaner: { version: CLEANER_VERSION, method: 'plain-text' },
  };
}

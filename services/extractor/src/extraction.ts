import type { ArticleCleaned, ArticleExtracted } from '@dyad/contracts';
import { EXTRACTOR_VERSION, extractArticle } from '@dyad/extract';

export { EXTRACTOR_VERSION };

export interface Extraction {
  readonly extracted: ArticleExtracted;
  /** Why no extraction ran, when it did not. */
  readonly skipped?: 'irrelevant';
}

/**
 * The stage's step: an article a relevance model found irrelevant is passed on with nothing found
 * (so that it is still stored and counted); any other article goes through the extractor.
 */
export function extractCleaned(cleaned: ArticleCleaned): Extraction {
  if (cleaned.relevance.assessed && !cleaned.relevance.relevant) {
    return {
      extracted: {
        ...cleaned,
        mentions: { actors: [], places: [], dates: [] },
        events: [],
        extractorVersion: EXTRACTOR_VERSION,
      },
      skipped: 'irrelevant',
    };
  }
  return { extracted: extractArticle(cleaned) };
}

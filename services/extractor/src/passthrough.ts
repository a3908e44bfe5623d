import type { ArticleCleaned, ArticleExtracted } from '@dyad/contracts';

export const EXTRACTOR_VERSION = '0.1.0-passthrough';

/** The article passed on with nothing found yet: extraction arrives with its own issue. */
export function extractNothing(cleaned: ArticleCleaned): ArticleExtracted {
  return {
    ...cleaned,
    mentions: { actors: [], places: [], dates: [] },
    events: [],
    extractorVersion: EXTRACTOR_VERSION,
  };
}

import { type ArticleCleaned, type ArticleExtracted, fitArticleExtracted } from '@dyad/contracts';
import { type Extraction, extractCleaned, type KnowledgeIndex } from '@dyad/extract';

export interface ExtractStepResult {
  /** The `article.extracted` message, within the article limits and `maxBodyBytes`. */
  readonly extracted: ArticleExtracted;
  /** Why no extraction ran (the cleaner's relevance model found the article irrelevant). */
  readonly skipped: Extraction['skipped'];
}

/**
 * The extractor stage's step: `article.cleaned` → `article.extracted` (`extractCleaned`, with its
 * relevance gate), fitted to the largest message the bus takes (mentions give way first).
 */
export function extractStep(
  cleaned: ArticleCleaned,
  knowledge: KnowledgeIndex,
  maxBodyBytes: number,
): ExtractStepResult {
  const { extracted, skipped } = extractCleaned(cleaned, knowledge);
  return { extracted: fitArticleExtracted(extracted, maxBodyBytes), skipped };
}

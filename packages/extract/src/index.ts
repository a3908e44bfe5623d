export { type DateHit, findDates } from './dates.ts';
export {
  EXTRACTOR_VERSION,
  type ExtractInput,
  type Extraction,
  type ExtractResult,
  extract,
  extractCleaned,
} from './extract.ts';
export {
  buildKnowledgeIndex,
  type KnowledgeData,
  type KnowledgeIndex,
  loadKnowledgeData,
  loadKnowledgeIndex,
} from './knowledge-index.ts';
export type { ArticleDate } from './news-date.ts';
export { type Sentence, splitSentences } from './sentences.ts';

export {
  aggregate,
  type BenchmarkMetrics,
  type PageScore,
  scorePage,
  tokenize,
} from './benchmark/shingle-score.ts';
export {
  type CleanInput,
  type CleanOptions,
  type CleanResult,
  cleanArticle,
  UnreadableContentError,
  UnsupportedContentError,
} from './clean.ts';
export { type DateMention, findDates } from './dates/find-dates.ts';
export {
  type DateCandidate,
  type DateSource,
  dateFromUrl,
  inferReferenceDate,
  type PublishedAt,
  parseDateValue,
  pickPublicationDate,
} from './dates/publication-date.ts';
export { cleanHtml, type HtmlArticle, HtmlCleaningError, type HtmlOptions } from './html/clean-html.ts';
export { detectLanguage } from './lang/detect.ts';
export {
  type RelevanceModel,
  type RelevanceResult,
  relevanceModel,
  scoreRelevance,
} from './relevance/score.ts';
export { type PlainTextArticle, readPlainText } from './text/plain-text.ts';

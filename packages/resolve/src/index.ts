export {
  candidateRange,
  isApproximate,
  joinVisitDays,
  matchRange,
  refineDate,
  spanDays,
  visitDaysAdjoin,
} from './dates.ts';
export { eventIdFor, type ReportOrigin } from './event-id.ts';
export {
  type ArticleContext,
  type ArticleResolution,
  type ResolvableArticle,
  resolveArticle,
  type SearchScope,
  searchScopes,
} from './incremental.ts';
export { allMatches, bestMatch, isReferenceOnly, type Match, matchReport } from './match.ts';
export { MemoryConflictError, MemoryRepository } from './memory-repository.ts';
export { createEvent, mergeIntoEvent, summarize } from './merge.ts';
export { type OfflineContext, resolveArticles } from './offline.ts';
export type {
  EventChange,
  HeldReference,
  ReportLink,
  ResolutionChanges,
  ResolutionRepository,
} from './repository.ts';
export { findParent, resolveReport, toEventMessage } from './resolve.ts';
export {
  type EventState,
  type MergeReason,
  type ReportInput,
  type ReportSource,
  type Resolution,
  type ResolveContext,
  type TypeClass,
  typeClass,
} from './types.ts';

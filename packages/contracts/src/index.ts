export {
  type ConsumerKey,
  type ConsumerSpec,
  consumers,
  deadLetterSchema,
  deadLetterSubject,
  type JobOf,
  type MessageOf,
  type QueueKey,
  type QueueSpec,
  queues,
  type RetryPolicy,
  rawBucket,
  type StageName,
  type StageSpec,
  type StreamName,
  type StreamSpec,
  type SubjectKey,
  type SubjectSpec,
  stages,
  streams,
  subjects,
} from './catalog.ts';
export {
  addDays,
  type DayRange,
  daysBetween,
  daysInMonth,
  eventDateRange,
  formatEventDate,
  isUndatedRange,
  isValidDay,
  type Precision,
  pad,
  parseDay,
  partialDateRange,
  rangeContains,
  rangesOverlap,
  UNDATED_RANGE,
  weekday,
  ymd,
} from './dates.ts';
export { DyadError, errorMessage } from './errors.ts';
export { type EventTypeFacts, eventTypeFacts, type TypeClass, typeClassOf } from './event-types.ts';
export { articleIdFor, canonicalUrl, InvalidUrlError, seedUrl, sha256Hex } from './ids.ts';
export { formatIssues } from './issues.ts';
export { jsonSchemas } from './json-schemas.ts';
export {
  articleLimits,
  fitArticleCleaned,
  fitArticleExtracted,
  messageBytes,
  UNREADABLE_MAX_SHARE,
  unreadableShare,
  withoutNuls,
} from './limits.ts';
export { InvalidNamespaceError, type Names, names } from './names.ts';
// Every schema (and its type) under its own name, as its module declares it.
export * from './schemas/agreement-act.ts';
export * from './schemas/article-cleaned.ts';
export * from './schemas/article-extracted.ts';
export * from './schemas/article-fetched.ts';
export * from './schemas/common.ts';
export * from './schemas/dead-letter.ts';
export * from './schemas/event.ts';
export * from './schemas/jobs.ts';

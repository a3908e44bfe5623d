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
export { ArticleCleaned, PublicationDate, Relevance, Truncated } from './schemas/article-cleaned.ts';
export { ActorMention, ArticleExtracted, DateMention, PlaceMention } from './schemas/article-extracted.ts';
export { ArticleFetched, FeedItem, FetchedBody, HttpExchange } from './schemas/article-fetched.ts';
export {
  AbsoluteUrl,
  CountryCode,
  Evidence,
  IsoDateTime,
  LanguageCode,
  PartialDate,
  PublicationDateValue,
  Sha256Hex,
  StorableText,
} from './schemas/common.ts';
export { DeadLetter, DeadLetterReason } from './schemas/dead-letter.ts';
export {
  Agreement,
  CameoCode,
  DateSource,
  EventDate,
  EventDateOrUndated,
  EventMessage,
  EventReport,
  EventSource,
  EventType,
  Participant,
  RoleReference,
} from './schemas/event.ts';
export { FetchJob, PollJob } from './schemas/jobs.ts';

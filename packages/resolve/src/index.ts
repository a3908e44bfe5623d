export {
  candidateRange,
  isApproximate,
  joinVisitDays,
  matchRange,
  refineDate,
  spanDays,
  visitDaysAdjoin,
} from './dates.ts';
export { allMatches, bestMatch, isReferenceOnly, type Match, matchReport } from './match.ts';
export { createEvent, mergeIntoEvent, summarize } from './merge.ts';
export {
  findParent,
  linkParts,
  reportSeed,
  resolveAll,
  resolveAllStates,
  resolveReport,
  toEventMessage,
} from './resolve.ts';
export {
  type EventState,
  type MergeReason,
  type ReportInput,
  type Resolution,
  type ResolveContext,
  type TypeClass,
  typeClass,
} from './types.ts';

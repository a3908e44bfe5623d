export type { AgreementActQueries, StoredAgreementAct } from './agreement-acts.ts';
export type { ArticleQueries, SavedArticle, SaveResult, StoredArticle } from './articles.ts';
export { contentHash } from './articles.ts';
export type { Backend } from './db.ts';
export {
  InvalidArticleError,
  InvalidSchemaNameError,
  isResolutionConflict,
  MigrationChecksumError,
  MigrationError,
  MigrationFailedError,
  MigrationFileError,
  ResolutionConflictError,
  StoreClosedError,
  StoredDataError,
  StoreError,
  TransactionClosedError,
} from './errors.ts';
export type {
  CandidateScope,
  EventFilter,
  EventQueries,
  EventRow,
  OutboxMessage,
  ReportRow,
  ResolutionWrites,
  StoredEvent,
} from './events.ts';
export type { HeldReference, HeldReferenceQueries, ReferenceSource } from './held-references.ts';
export type { AppliedMigration, MigrateResult } from './migrations.ts';
export {
  MAX_LOCKED_MONTHS,
  type ResolutionLock,
  type ResolutionScope,
  resolutionLocks,
} from './resolution-locks.ts';
export type {
  ActorFilter,
  ActorSummary,
  ArticleHit,
  ArticleSearch,
  EventFacets,
  EventVersion,
  MonthCounts,
  SearchQueries,
} from './search.ts';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_SCHEMA,
  openStore,
  type Store,
  type StoreOptions,
  type StoreTransaction,
} from './store.ts';

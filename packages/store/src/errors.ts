import { DyadError } from '@dyad/contracts';

/** Base class of the errors this package throws; `cause` keeps the underlying error. */
export class StoreError extends DyadError {}

/** The store was used after `close()`. */
export class StoreClosedError extends StoreError {
  constructor() {
    super('the store is closed');
  }
}

/** A transaction handle was used after its transaction had ended. */
export class TransactionClosedError extends StoreError {
  constructor() {
    super('the transaction has already ended; use the handle only inside its callback');
  }
}

export class InvalidSchemaNameError extends StoreError {
  readonly schema: string;
  constructor(schema: string) {
    super(
      `invalid schema name ${JSON.stringify(schema)}: expected a letter or "_" then letters, digits or "_", at most 63`,
    );
    this.schema = schema;
  }
}

/** An article that does not match `ArticleExtracted`, or that PostgreSQL cannot store. */
export class InvalidArticleError extends StoreError {
  readonly articleId: string | undefined;
  constructor(message: string, articleId: string | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.articleId = articleId;
  }
}

/** A stored row that no longer reads as what it should be (e.g. a payload of an older schema). */
export class StoredDataError extends StoreError {}

/** Base class of migration errors. */
export class MigrationError extends StoreError {}

/** A file in the migrations folder that is not `NNN_name.sql`, or two files with one number. */
export class MigrationFileError extends MigrationError {
  readonly file: string;
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`migration file ${file}: ${problem}`, options);
    this.file = file;
  }
}

/** An applied migration's file changed since it was applied: refuse rather than guess. */
export class MigrationChecksumError extends MigrationError {
  readonly version: number;
  readonly file: string;
  readonly recordedChecksum: string;
  readonly fileChecksum: string;
  constructor(version: number, file: string, recordedChecksum: string, fileChecksum: string) {
    super(
      `migration ${file} was applied with checksum ${recordedChecksum} but the file now has ${fileChecksum}; ` +
        'never edit an applied migration, add a new one',
    );
    this.version = version;
    this.file = file;
    this.recordedChecksum = recordedChecksum;
    this.fileChecksum = fileChecksum;
  }
}

/** A migration's SQL failed; its transaction was rolled back and it is not recorded. */
export class MigrationFailedError extends MigrationError {
  readonly version: number;
  readonly file: string;
  constructor(version: number, file: string, options: { cause: unknown }) {
    super(`migration ${file} failed: ${messageOf(options.cause)}`, options);
    this.version = version;
    this.file = file;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Another transaction changed what this one read (an event's version, a held reference) before
 * it could write: run the whole transaction again. Also how a PostgreSQL deadlock or
 * serialization failure is reported.
 */
export class ResolutionConflictError extends StoreError {}

/** Whether running the transaction again may succeed: a conflict, a deadlock, a serialization failure. */
export function isResolutionConflict(error: unknown): boolean {
  if (error instanceof ResolutionConflictError) return true;
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === '40P01' || code === '40001';
}

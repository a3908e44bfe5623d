export { type CleanerEnv, cleanerEnvSchema } from './config.ts';
export { PageRejectedError, PageTimeoutError, PageTooLargeError, WorkerCrashedError } from './page-errors.ts';
export { CleanerService, cleanInputOf } from './service.ts';
export { CLEANER_VERSION, toArticleCleaned } from './to-article-cleaned.ts';
export { CleanPool, type CleanPoolOptions } from './worker-pool.ts';

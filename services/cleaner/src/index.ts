export { type CleanerEnv, cleanerEnvSchema } from './config.ts';
export { PageRejectedError, PageTimeoutError, PageTooLargeError, WorkerCrashedError } from './page-errors.ts';
export { CleanerService } from './service.ts';
export { CleanPool, type CleanPoolOptions } from './worker-pool.ts';

// @dyad/fetcher: the service. What a source is and how it is read is `@dyad/sources`.
export { type FetcherEnv, fetcherEnvSchema } from './config.ts';
export { FETCHER_VERSION, FetcherService } from './service.ts';

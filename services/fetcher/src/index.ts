export { type FetcherEnv, fetcherEnvSchema } from './config.ts';
export {
  decodeBody,
  type FetchedPage,
  fetchPage,
  PermanentFetchError,
  parseContentType,
  TransientFetchError,
} from './http-fetch.ts';
export { FETCHER_VERSION, FetcherService } from './service.ts';

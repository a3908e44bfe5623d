export { DataFileError } from '@dyad/knowledge';
export { type FetcherEnv, fetcherEnvSchema } from './config.ts';
export { type CrawlerSettings, createHttpFetcher } from './crawler.ts';
export {
  dataDir,
  defaultFeedProxiesFile,
  defaultSourcesFile,
  defaultTrackingParamsFile,
} from './data-files.ts';
export { Dedup } from './frontier/dedup.ts';
export { createPrefilter, type Prefilter } from './frontier/prefilter.ts';
export { parseSourceState, type SourceState, SourceStateStore } from './frontier/source-state.ts';
export { addressPolicy, classifyAddress } from './net/address-policy.ts';
export { decodeBody, parseContentType } from './net/charset.ts';
export { FetchFailure, type FetchReason } from './net/fetch-errors.ts';
export { HttpFetcher } from './net/http-fetcher.ts';
export {
  type PreviewItem,
  type PreviewOptions,
  type PreviewStatus,
  previewOptionsFromEnv,
  previewSource,
  type SourcePreview,
} from './preview.ts';
export { type FetcherKeys, fetcherKeys } from './redis-keys.ts';
export { FETCHER_VERSION, FetcherService } from './service.ts';
export { loadSources, parseSources } from './sources/load-sources.ts';
export { schedulerId } from './sources/schedules.ts';
export { Source, type SourceInput, type SourceKind, SourcesFile } from './sources/source-schema.ts';
export { canonicalize, type UrlRules } from './urls/canonical.ts';
export { loadFeedProxies } from './urls/feed-proxies.ts';
export { loadTrackingParams } from './urls/tracking-params.ts';

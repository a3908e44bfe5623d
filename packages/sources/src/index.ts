// @dyad/sources: what a news source is and what reading it once yields, with no queue, bus or
// server. The fetcher polls with it; `dyad sources` lists and previews with it. By folder:
//   sources/  the sources file (schema, loader) and data-files: the shipped data/
//   urls/     article URLs: canonical form, tracking parameters, feed proxies
//   feeds/    feed, sitemap and listing page parsers, and ListingParser's worker threads
//   net/      HTTP with a crawler's checks: addresses, robots.txt, politeness, redirects, limits, charsets
//   listing/  one reading of a source: its documents, their items' canonical URLs, the pre-filter
//   preview   what one poll would queue, queuing nothing (`dyad sources test`)
// The fetcher's record in Redis (keys, per-source state, dedup, politeness) is
// `@dyad/sources/state`; test fixtures are `@dyad/sources/testing`.
export { defaultFeedProxiesFile, defaultSourcesFile, defaultTrackingParamsFile } from './data-files.ts';
export { type SourceReaderEnv, sourceReaderEnv, sourceReaderEnvSchema } from './env.ts';
export type { ListedItem, ParsedListing } from './feeds/listed-item.ts';
export { ListingParser, type ListingParserOptions } from './feeds/listing-parser.ts';
export { parseListingPage } from './feeds/parse-listing-page.ts';
export { InvalidFeedError, parseFeed } from './feeds/parse-rss.ts';
export { parseSitemap } from './feeds/parse-sitemap.ts';
export {
  type CanonicalItem,
  type CanonicalizeResult,
  canonicalItems,
  type ProxyCache,
  type ProxyResolver,
  proxyResolver,
} from './listing/item-links.ts';
export { createPrefilter, type Prefilter, type PrefilterVerdict } from './listing/prefilter.ts';
export { type SourceDocument, sourceDocuments, type ValidatorStore } from './listing/source-documents.ts';
export {
  type AddressClass,
  type AddressPolicy,
  addressPolicy,
  classifyAddress,
} from './net/address-policy.ts';
export { freshnessMs, nextPollNotBefore, retryAfterMs } from './net/cache-policy.ts';
export { type Decoded, decodeBody, parseContentType } from './net/charset.ts';
export { type CrawlerSettings, createHttpFetcher, type SharedCrawlState } from './net/create-http-fetcher.ts';
export { FetchFailure, type FetchReason } from './net/fetch-errors.ts';
export {
  type FetchedDocument,
  type FetchOptions,
  type HostBudget,
  type HostLease,
  HttpFetcher,
  type HttpFetcherOptions,
  type NotModified,
  type Validators,
} from './net/http-fetcher.ts';
export type { Resolver } from './net/resolve-address.ts';
export { memoryRobotsCache, Robots, type RobotsCache, type RobotsVerdict } from './net/robots.ts';
export {
  type PreviewDocument,
  type PreviewItem,
  type PreviewOptions,
  type PreviewStatus,
  previewOptionsFromEnv,
  previewSource,
  type QueuedLookup,
  type SourcePreview,
} from './preview.ts';
export { type LoadedSources, loadSources, parseSources } from './sources/load-sources.ts';
export { Source, type SourceInput, type SourceKind, SourcesFile } from './sources/source-schema.ts';
export { type Canonical, canonicalize, type UrlRules } from './urls/canonical.ts';
export { type FeedProxies, FeedProxiesFile, feedProxies, loadFeedProxies } from './urls/feed-proxies.ts';
export {
  loadTrackingParams,
  TrackingParamsFile,
  type TrackingParamTest,
  trackingParamTest,
} from './urls/tracking-params.ts';

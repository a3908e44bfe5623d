// @dyad/sources: what a news source is and what reading it once yields, with no queue, bus or
// server. The fetcher polls with it; `dyad sources` lists and previews with it. The fetcher's
// record in Redis (keys, per-source state, dedup, politeness) is `@dyad/sources/state`; test
// fixtures are `@dyad/sources/testing`.

// The sources file and the shipped data.
export {
  dataDir,
  defaultFeedProxiesFile,
  defaultSourcesFile,
  defaultTrackingParamsFile,
} from './data-files.ts';
export { Flag, type SourceReaderEnv, sourceReaderEnv, sourceReaderEnvSchema } from './env.ts';
// Feeds, sitemaps and listing pages: parsers, and the parser threads a poll uses.
export type { ListedItem, ParsedListing } from './feeds/listed-item.ts';
export { ListingParser, type ListingParserOptions } from './feeds/listing-parser.ts';
export { type DepthResult, markupDepth } from './feeds/markup-depth.ts';
export { type ListingRequest, parseListing } from './feeds/parse-listing.ts';
export { parseListingPage } from './feeds/parse-listing-page.ts';
export { InvalidFeedError, parseFeed } from './feeds/parse-rss.ts';
export { parseSitemap } from './feeds/parse-sitemap.ts';
// One reading of a source: its documents, their items' canonical URLs, the keyword pre-filter.
export {
  type CanonicalItem,
  type CanonicalizeResult,
  canonicalItems,
  type ProxyCache,
  type ProxyResolver,
  proxyResolver,
} from './listing/item-links.ts';
export { createPrefilter, foldText, type Prefilter, type PrefilterVerdict } from './listing/prefilter.ts';
export {
  pickSitemaps,
  type SourceDocument,
  sourceDocuments,
  type ValidatorStore,
} from './listing/source-documents.ts';
// HTTP with a crawler's checks: addresses, robots.txt, politeness, redirects, limits, charsets.
export {
  type AddressClass,
  type AddressPolicy,
  addressPolicy,
  classifyAddress,
} from './net/address-policy.ts';
export { freshnessMs, nextPollNotBefore, retryAfterMs } from './net/cache-policy.ts';
export { type Decoded, decodeBody, parseContentType, UndecodableError } from './net/charset.ts';
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
export { type CheckedAddress, type Resolver, systemResolver } from './net/resolve-address.ts';
export { memoryRobotsCache, Robots, type RobotsCache, type RobotsVerdict } from './net/robots.ts';
// What one poll would queue, queuing nothing (`dyad sources test`).
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
export { Duration, Source, type SourceInput, type SourceKind, SourcesFile } from './sources/source-schema.ts';
// Article URLs: canonical form, tracking parameters, feed proxies.
export { type Canonical, canonicalize, type UrlRules } from './urls/canonical.ts';
export {
  type FeedProxies,
  FeedProxiesFile,
  FeedProxy,
  feedProxies,
  loadFeedProxies,
  type ProxyMatch,
} from './urls/feed-proxies.ts';
export {
  loadTrackingParams,
  TrackingParamsFile,
  type TrackingParamTest,
  trackingParamTest,
} from './urls/tracking-params.ts';

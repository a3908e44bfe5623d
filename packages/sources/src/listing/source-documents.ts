import type { IncomingHttpHeaders } from 'node:http';
import type { ParsedListing } from '../feeds/listed-item.ts';
import type { ListingParser } from '../feeds/listing-parser.ts';
import type { HttpFetcher, Validators } from '../net/http-fetcher.ts';
import type { Source } from '../sources/source-schema.ts';

/**
 * The documents one poll of a source reads: the feed, the listing page, or the sitemap (for a
 * sitemap index: the index, then its most recent sitemaps). Each is fetched conditionally; its
 * validators are handed back to be saved only once its items are queued, so that a crash in
 * between makes the next poll read it again instead of getting a 304 and losing the items.
 */

export interface ValidatorStore {
  get(url: string): Promise<Validators & { children?: string[] }>;
  set(url: string, validators: Validators & { children?: string[] }): Promise<void>;
}

export interface SourceDocument {
  readonly url: string;
  readonly finalUrl: string;
  readonly notModified: boolean;
  readonly listing: ParsedListing;
  readonly headers: IncomingHttpHeaders;
  /** Saves this document's validators: call after its items are handled. */
  readonly commit: () => Promise<void>;
}

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/x-rss+xml',
  'application/feed+xml',
  // Some servers send feeds as HTML or plain text; the parser decides.
  'text/html',
  'text/plain',
  'application/octet-stream',
  '',
]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml', '']);
const ACCEPT_FEED =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
const ACCEPT_HTML = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

async function fetchOne(
  http: HttpFetcher,
  url: string,
  source: Source,
  validators: ValidatorStore | undefined,
  maxGateWaitMs: number | undefined,
  parser: ListingParser,
): Promise<SourceDocument> {
  const stored = validators ? await validators.get(url) : {};
  const isHtml = source.kind === 'html';
  const doc = await http.fetch(url, {
    accept: isHtml ? ACCEPT_HTML : ACCEPT_FEED,
    acceptType: (t) => (isHtml ? HTML_TYPES : FEED_TYPES).has(t),
    validators: stored,
    ...(maxGateWaitMs === undefined ? {} : { maxGateWaitMs }),
  });
  if (doc.notModified) {
    const children = stored.children;
    return {
      url,
      finalUrl: doc.finalUrl,
      notModified: true,
      listing: { items: [], ...(children ? { sitemaps: children.map((u) => ({ url: u })) } : {}) },
      headers: doc.headers,
      commit: async () => undefined,
    };
  }
  const listing: ParsedListing = await parser.parse({
    kind: source.kind,
    text: doc.text,
    url: doc.finalUrl,
    ...(source.kind === 'html' ? { selector: source.selector } : {}),
  });
  return {
    url,
    finalUrl: doc.finalUrl,
    notModified: false,
    listing,
    headers: doc.headers,
    commit: async () => {
      if (!validators || (!doc.etag && !doc.lastModified)) return;
      const children = listing.sitemaps ? pickSitemaps(listing.sitemaps, 1_000) : undefined;
      await validators.set(url, {
        ...(doc.etag ? { etag: doc.etag } : {}),
        ...(doc.lastModified ? { lastModified: doc.lastModified } : {}),
        ...(children ? { children } : {}),
      });
    },
  };
}

/** The sitemaps of an index worth reading now: the most recently modified first. */
export function pickSitemaps(sitemaps: readonly { url: string; lastmod?: string }[], max: number): string[] {
  const dated = sitemaps.some((s) => s.lastmod);
  const ordered = dated
    ? [...sitemaps].sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? ''))
    : sitemaps;
  return ordered.slice(0, max).map((s) => s.url);
}

export async function* sourceDocuments(
  source: Source,
  http: HttpFetcher,
  options: {
    validators?: ValidatorStore;
    maxSitemaps: number;
    maxGateWaitMs?: number;
    parser: ListingParser;
  },
): AsyncGenerator<SourceDocument> {
  const first = await fetchOne(
    http,
    source.url,
    source,
    options.validators,
    options.maxGateWaitMs,
    options.parser,
  );
  yield first;
  if (source.kind !== 'sitemap' || !first.listing.sitemaps?.length) return;
  // A sitemap index: its sitemaps are read one level deep (an index of indexes is not followed).
  for (const url of pickSitemaps(first.listing.sitemaps, options.maxSitemaps)) {
    const child = new URL(url, first.finalUrl).href;
    const doc = await fetchOne(
      http,
      child,
      source,
      options.validators,
      options.maxGateWaitMs,
      options.parser,
    );
    yield { ...doc, listing: { ...doc.listing, sitemaps: [] } };
  }
}

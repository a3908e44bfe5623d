import type { ParsedListing } from './listed-item.ts';
import { markupDepth } from './markup-depth.ts';
import { parseListingPage } from './parse-listing-page.ts';
import { InvalidFeedError, parseFeed } from './parse-rss.ts';
import { parseSitemap } from './parse-sitemap.ts';

/** One document of a source to read: its kind decides the parser. */
export interface ListingRequest {
  readonly kind: 'rss' | 'sitemap' | 'html';
  readonly text: string;
  /** Where the document was read from (links resolve against it). */
  readonly url: string;
  /** html: the CSS selector of the article links. */
  readonly selector?: string;
  /** Deepest element nesting accepted (see markupDepth). */
  readonly maxDepth: number;
}

/** Refuses a document nested deeper than its limit, then parses it. Runs on a parser thread. */
export async function parseListing(request: ListingRequest): Promise<ParsedListing> {
  const xml = request.kind !== 'html';
  const { depth, exceeded } = markupDepth(request.text, request.maxDepth, { xml });
  if (exceeded) {
    throw new InvalidFeedError(
      `elements nested deeper than ${request.maxDepth} levels (${depth} and more): not parsed (LISTING_MAX_DEPTH)`,
      { reason: 'too-deep' },
    );
  }
  if (request.kind === 'rss') return parseFeed(request.text);
  if (request.kind === 'sitemap') return parseSitemap(request.text);
  return parseListingPage(request.text, request.url, request.selector ?? 'a[href]');
}

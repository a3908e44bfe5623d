import { serveThread } from '@dyad/bus/threads';
import type { ParsedListing } from './listed-item.ts';
import { type ListingRequest, parseListing } from './parse-listing.ts';
import { InvalidFeedError } from './parse-rss.ts';

// A parser thread of the fetcher (see ListingParser): feeds, sitemaps and listing pages are
// parsed here, never on the service's main thread.
serveThread<ListingRequest, ParsedListing>(parseListing, (error) =>
  error instanceof InvalidFeedError ? { permanent: true, code: error.reason } : { permanent: false },
);

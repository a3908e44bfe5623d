/** An article link found in a feed, sitemap or listing page, with what the listing says of it. */
export interface ListedItem {
  readonly link: string;
  readonly guid?: string;
  readonly title?: string;
  /** ISO 8601 with offset. */
  readonly publishedAt?: string;
  readonly summary?: string;
}

/** What a poll learns from one document. */
export interface ParsedListing {
  readonly title?: string;
  readonly items: readonly ListedItem[];
  /** RSS <ttl>: the feed asks not to be polled more often than this. */
  readonly ttlMs?: number;
  /** A sitemap index lists sitemaps instead of articles. */
  readonly sitemaps?: readonly { readonly url: string; readonly lastmod?: string }[];
}

const SUMMARY_MAX = 2_000;

export function cleanText(text: string | undefined, max = SUMMARY_MAX): string | undefined {
  if (!text) return undefined;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (!collapsed) return undefined;
  return collapsed.length > max ? `${collapsed.slice(0, max - 1)}…` : collapsed;
}

/** A date as ISO 8601 UTC, or undefined when it does not parse. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

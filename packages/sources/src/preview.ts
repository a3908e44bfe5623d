import { loadProfile } from '@dyad/knowledge';
import type { SourceReaderEnv } from './env.ts';
import { ListingParser, type ListingParserOptions } from './feeds/listing-parser.ts';
import { InvalidFeedError } from './feeds/parse-rss.ts';
import { canonicalItems, proxyResolver } from './listing/item-links.ts';
import { createPrefilter, type Prefilter } from './listing/prefilter.ts';
import { sourceDocuments } from './listing/source-documents.ts';
import { type CrawlerSettings, createHttpFetcher } from './net/create-http-fetcher.ts';
import { FetchFailure } from './net/fetch-errors.ts';
import type { Source } from './sources/source-schema.ts';
import type { UrlRules } from './urls/canonical.ts';
import { loadFeedProxies } from './urls/feed-proxies.ts';
import { loadTrackingParams } from './urls/tracking-params.ts';

/** What one poll of a source would queue, for `dyad sources test`: nothing is queued or published. */

export type PreviewStatus = 'new' | 'already-queued' | 'filtered-out';

export interface PreviewItem {
  readonly status: PreviewStatus;
  readonly url: string;
  readonly articleId: string;
  readonly link: string;
  readonly title?: string;
  readonly publishedAt?: string;
  readonly summary?: string;
  readonly via?: string;
  /** Countries the pre-filter found named (non-focused sources). */
  readonly named?: readonly string[];
}

export interface PreviewDocument {
  readonly url: string;
  readonly finalUrl: string;
  readonly items: number;
}

export interface SourcePreview {
  readonly source: Source;
  readonly documents: PreviewDocument[];
  readonly items: PreviewItem[];
  readonly skipped: { link: string; reason: string }[];
  /** Set when the source could not be read: the reason, as a poll would record it. */
  readonly error?: { reason: string; message: string };
}

/**
 * Which article ids are already queued, as the running fetcher recorded them (`Dedup` in
 * `@dyad/sources/state`).
 */
export interface QueuedLookup {
  lookup(sourceId: string, ids: readonly string[]): Promise<readonly { readonly queued: boolean }[]>;
}

export interface PreviewOptions {
  readonly settings: CrawlerSettings;
  readonly rules: UrlRules;
  readonly prefilter: Prefilter;
  readonly maxSitemaps: number;
  /** The parser threads' limits. */
  readonly listing: ListingParserOptions;
  /** When given, items already queued by the running fetcher are shown as such. */
  readonly dedup?: QueuedLookup;
}

/** Preview options as the fetcher configures its polls from this environment. */
export function previewOptionsFromEnv(env: SourceReaderEnv, dedup?: QueuedLookup): PreviewOptions {
  return {
    settings: env,
    rules: {
      isTrackingParam: loadTrackingParams(env.TRACKING_PARAMS_FILE),
      proxies: loadFeedProxies(env.FEED_PROXIES_FILE),
    },
    prefilter: createPrefilter(loadProfile(env.DYAD_PROFILE), { enabled: env.PREFILTER }),
    maxSitemaps: env.SITEMAP_MAX_CHILDREN,
    listing: { timeoutMs: env.LISTING_PARSE_TIMEOUT_MS, maxDepth: env.LISTING_MAX_DEPTH },
    ...(dedup ? { dedup } : {}),
  };
}

export async function previewSource(source: Source, options: PreviewOptions): Promise<SourcePreview> {
  const http = createHttpFetcher(options.settings);
  const resolveProxy = proxyResolver(http);
  const documents: PreviewDocument[] = [];
  const items: PreviewItem[] = [];
  const skipped: { link: string; reason: string }[] = [];
  const seen = new Set<string>();
  const parser = new ListingParser(options.listing);
  try {
    for await (const doc of sourceDocuments(source, http, { maxSitemaps: options.maxSitemaps, parser })) {
      documents.push({ url: doc.url, finalUrl: doc.finalUrl, items: doc.listing.items.length });
      const found = await canonicalItems(doc.listing.items, doc.finalUrl, options.rules, resolveProxy);
      skipped.push(...found.invalid, ...found.unresolved);
      const fresh = found.items.filter((i) => !seen.has(i.articleId));
      for (const i of fresh) seen.add(i.articleId);
      const known = options.dedup
        ? await options.dedup.lookup(
            source.id,
            fresh.map((i) => i.articleId),
          )
        : [];
      for (const [n, entry] of fresh.entries()) {
        const verdict = options.prefilter.check(source, { ...entry.item, link: entry.url });
        const status: PreviewStatus = known[n]?.queued
          ? 'already-queued'
          : verdict.pass
            ? 'new'
            : 'filtered-out';
        const { title, publishedAt, summary } = entry.item;
        items.push({
          status,
          url: entry.url,
          articleId: entry.articleId,
          link: entry.item.link,
          ...(title ? { title } : {}),
          ...(publishedAt ? { publishedAt } : {}),
          ...(summary ? { summary } : {}),
          ...(entry.via ? { via: entry.via } : {}),
          ...(source.focused ? {} : { named: verdict.named }),
        });
      }
    }
  } catch (error) {
    if (error instanceof FetchFailure)
      return { source, documents, items, skipped, error: { reason: error.reason, message: error.message } };
    if (error instanceof InvalidFeedError) {
      return {
        source,
        documents,
        items,
        skipped,
        error: { reason: error.reason, message: error.message },
      };
    }
    throw error;
  } finally {
    await parser.close();
  }
  return { source, documents, items, skipped };
}

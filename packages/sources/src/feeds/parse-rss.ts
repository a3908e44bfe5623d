import Parser from 'rss-parser';
import { cleanText, isoDate, type ListedItem, type ParsedListing } from './listed-item.ts';

/** RSS 2.0, Atom and RSS 1.0 (RDF) through rss-parser; what it returns is untyped, so it is read field by field. */

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * A document of a source that cannot be read as its kind, or that a limit refused: the source's
 * fault, recorded against it with `reason` (invalid-document, too-deep, parse-timeout, …).
 */
export class InvalidFeedError extends Error {
  readonly reason: string;
  constructor(message: string, options?: { cause?: unknown; reason?: string }) {
    super(message, options);
    this.name = 'InvalidFeedError';
    this.reason = options?.reason ?? 'invalid-document';
  }
}

export async function parseFeed(xml: string): Promise<ParsedListing> {
  // A parser per feed: rss-parser keeps its XML parser between calls, and one that failed on a
  // feed (an XXE, an entity bomb) answered the next feed in a broken state.
  const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
    customFields: { feed: ['ttl'] },
  });
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new InvalidFeedError(`not a valid RSS/Atom/RDF feed: ${detail}`, { cause });
  }
  const items: ListedItem[] = [];
  for (const item of feed.items ?? []) {
    const record = item as Record<string, unknown>;
    const link = str(item.link) ?? (str(item.guid)?.match(/^https?:\/\//) ? str(item.guid) : undefined);
    if (!link) continue;
    const guid = str(item.guid) ?? str(record.id);
    const title = cleanText(str(item.title), 500);
    const publishedAt = isoDate(str(item.isoDate) ?? str(item.pubDate));
    const summary = cleanText(str(item.contentSnippet) ?? str(item.summary) ?? str(item.content));
    items.push({
      link,
      ...(guid ? { guid } : {}),
      ...(title ? { title } : {}),
      ...(publishedAt ? { publishedAt } : {}),
      ...(summary ? { summary } : {}),
    });
  }
  const ttlMinutes = Number(str((feed as Record<string, unknown>).ttl));
  const title = cleanText(str(feed.title), 500);
  return {
    items,
    ...(title ? { title } : {}),
    ...(Number.isFinite(ttlMinutes) && ttlMinutes > 0 ? { ttlMs: ttlMinutes * 60_000 } : {}),
  };
}

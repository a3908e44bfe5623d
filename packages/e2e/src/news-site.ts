/**
 * A loopback news site (the chaos run, `pnpm bench:pipeline`): RSS feeds of the latest items each
 * has published, with their publication time (`pubDate`, and the moment the item first appeared
 * in the feed, kept here), an ETag per feed version (a poll of an unchanged feed gets a 304), and
 * the article pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SitePage {
  /** Unique on the site: `/news/<key>.html`. */
  readonly key: string;
  readonly title: string;
  /** The page's HTML, made when it is asked for (a run of 10,000 pages keeps none in memory). */
  readonly html: () => string;
}

interface Published {
  readonly page: SitePage;
  /** Date.now() when it was added to its feed. */
  readonly at: number;
}

interface Feed {
  readonly items: Published[];
  version: number;
}

export interface NewsSiteOptions {
  /** The site's name, in feeds and pages. */
  readonly name: string;
  /** How many of its latest items a feed lists. */
  readonly feedItems: number;
}

export class NewsSite {
  private readonly options: NewsSiteOptions;
  private readonly feeds = new Map<string, Feed>();
  private readonly byPath = new Map<string, Published>();
  private server: Server | undefined;
  origin = '';
  /** Date.now() of the first request of a feed that lists items (the fetcher's first poll that finds any). */
  firstFeedRequestAt: number | undefined;
  feedRequests = 0;
  notModified = 0;
  pageRequests = 0;

  constructor(options: NewsSiteOptions) {
    this.options = options;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').replace(/\?.*$/, '');
      const feedName = /^\/feeds\/([a-z0-9-]+)\.xml$/.exec(path)?.[1];
      if (feedName !== undefined) {
        this.feedRequests++;
        const feed = this.feeds.get(feedName);
        if (feed?.items.length) this.firstFeedRequestAt ??= Date.now();
        const etag = `"${feedName}-${feed?.version ?? 0}"`;
        if (req.headers['if-none-match'] === etag) {
          this.notModified++;
          res.writeHead(304, { etag }).end();
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag })
          .end(this.feed(feedName, feed?.items ?? []));
        return;
      }
      const published = this.byPath.get(path);
      if (!published) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      this.pageRequests++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(published.page.html());
    });
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  feedUrl(feed: string): string {
    return `${this.origin}/feeds/${feed}.xml`;
  }

  url(page: Pick<SitePage, 'key'>): string {
    return `${this.origin}${pathOf(page)}`;
  }

  /** Adds pages to a feed (created on first use), published now. */
  publish(feed: string, pages: readonly SitePage[]): void {
    let entry = this.feeds.get(feed);
    if (!entry) {
      entry = { items: [], version: 0 };
      this.feeds.set(feed, entry);
    }
    const at = Date.now();
    for (const page of pages) {
      const published = { page, at };
      entry.items.push(published);
      this.byPath.set(pathOf(page), published);
    }
    // Only the latest items are listed; older ones stay readable at their URLs.
    if (entry.items.length > this.options.feedItems * 4)
      entry.items.splice(0, entry.items.length - this.options.feedItems);
    entry.version++;
  }

  /** When a page was published (Date.now() at its first appearance in its feed). */
  publishedAt(page: Pick<SitePage, 'key'>): number | undefined {
    return this.byPath.get(pathOf(page))?.at;
  }

  private feed(name: string, items: readonly Published[]): string {
    const site = escapeXml(this.options.name);
    const list = items
      .slice(-this.options.feedItems)
      .reverse()
      .map(({ page, at }) => {
        const url = this.url(page);
        return `<item><title>${escapeXml(page.title)}</title><link>${url}</link><guid>${url}</guid><pubDate>${new Date(at).toUTCString()}</pubDate></item>`;
      })
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${site}: ${name}</title><link>${this.origin}/</link><description>${site}</description>\n${list}\n</channel></rss>\n`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function pathOf(page: Pick<SitePage, 'key'>): string {
  return `/news/${page.key}.html`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A plain article page: a headline and its paragraphs (`text`'s first line is the headline). */
export function plainPage(site: string, lang: string, title: string, text: string): string {
  const [, ...paragraphs] = text.split('\n').filter((l) => l.trim() !== '');
  const dir = lang === 'ar' ? ' dir="rtl"' : '';
  return `<!doctype html><html lang="${lang}"${dir}><head><meta charset="utf-8"><title>${escapeXml(title)}</title></head><body><header><nav><a href="/">${escapeXml(site)}</a></nav></header><article><h1>${escapeXml(title)}</h1>${paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('')}</article><footer>© ${escapeXml(site)}</footer></body></html>`;
}

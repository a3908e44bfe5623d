import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server for tests and the bench (127.0.0.1 only; nothing reaches the internet).
 * Routes are exact paths; every request is logged with its time, so tests can count fetches per
 * URL and the bench can measure requests per host per second.
 */

export interface LoggedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly at: number;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, server: FixtureServer) => void;

export class FixtureServer {
  readonly requests: LoggedRequest[] = [];
  private readonly routes = new Map<string, RouteHandler>();
  private server: Server | undefined;
  private portNumber = 0;
  private active = 0;
  /** Most requests in progress at once (the bench checks the per-host concurrency limit). */
  maxActive = 0;

  get port(): number {
    return this.portNumber;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.portNumber}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  route(path: string, handler: RouteHandler): this {
    this.routes.set(path, handler);
    return this;
  }

  /** Requests whose path (with query) is `path`. */
  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.requests.push({ path, headers: req.headers, at: Date.now() });
      this.active++;
      this.maxActive = Math.max(this.maxActive, this.active);
      res.on('close', () => {
        this.active--;
      });
      const handler = this.routes.get(path) ?? this.routes.get(path.replace(/\?.*$/, ''));
      if (!handler) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      handler(req, res, this);
    });
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.portNumber = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface FeedItemFixture {
  readonly title: string;
  readonly link: string;
  readonly guid?: string;
  readonly pubDate?: string;
  readonly description?: string;
}

export function rssFeed(
  title: string,
  items: readonly FeedItemFixture[],
  options: { encoding?: string; ttlMinutes?: number } = {},
): string {
  const head = `<?xml version="1.0" encoding="${options.encoding ?? 'UTF-8'}"?>`;
  const ttl = options.ttlMinutes ? `<ttl>${options.ttlMinutes}</ttl>` : '';
  const body = items
    .map(
      (i) =>
        `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link>` +
        (i.guid ? `<guid isPermaLink="false">${escapeXml(i.guid)}</guid>` : '') +
        (i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : '') +
        (i.description ? `<description>${escapeXml(i.description)}</description>` : '') +
        '</item>',
    )
    .join('\n');
  return `${head}\n<rss version="2.0"><channel><title>${escapeXml(title)}</title><link>http://127.0.0.1/</link><description>fixture</description>${ttl}\n${body}\n</channel></rss>\n`;
}

export function articlePage(title: string, text: string, charsetMeta?: string): string {
  const meta = charsetMeta ? `<meta charset="${charsetMeta}">` : '<meta charset="utf-8">';
  return `<!doctype html><html><head>${meta}<title>${escapeXml(title)}</title></head><body><article><h1>${escapeXml(title)}</h1><p>${escapeXml(text)}</p></article></body></html>`;
}

import type { IncomingHttpHeaders } from 'node:http';
import { UNREADABLE_MAX_SHARE, unreadableShare } from '@dyad/contracts';
import type { AddressPolicy } from './address-policy.ts';
import { retryAfterMs } from './cache-policy.ts';
import { type Decoded, decodeBody, parseContentType, UndecodableError } from './charset.ts';
import { FetchFailure } from './fetch-errors.ts';
import { httpRequest } from './http-request.ts';
import { type Resolver, resolveChecked, systemResolver } from './resolve-address.ts';
import type { Robots } from './robots.ts';

/**
 * GET with everything a polite, safe crawler needs, hop by hop: scheme and address checked on
 * every hop (before connecting), robots.txt obeyed on every hop, the domain's politeness budget
 * taken for every request, redirects followed up to a limit with loops detected, conditional
 * requests, charset decoding. Every refusal is a FetchFailure with its reason.
 */

/** One request's slot in a domain's budget. */
export interface HostLease {
  readonly domain: string;
  release(): Promise<void>;
}

/**
 * A domain's request budget (concurrency, spacing between starts), shared by whoever fetches from
 * it: `Politeness` in `@dyad/sources/state` keeps it in Redis for every replica of the fetcher.
 */
export interface HostBudget {
  /** A slot, or how long one would still take when that is more than `maxWaitMs`. */
  acquire(
    hostname: string,
    options?: { minDelayMs?: number; maxWaitMs?: number },
  ): Promise<HostLease | { waitMs: number }>;
  /** The server asked for a pause (429/503 Retry-After): no request to its domain before then. */
  block(hostname: string, ms: number): Promise<void>;
}

export interface HttpFetcherOptions {
  readonly policy: AddressPolicy;
  readonly resolver?: Resolver;
  readonly politeness?: HostBudget;
  readonly robots?: Robots;
  readonly userAgent: string;
  readonly connectTimeoutMs: number;
  /** The whole exchange of one request, body included. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Called after each request that got an answer (metrics, the bench). */
  readonly onResponse?: (info: { url: string; status: number }) => void;
}

export interface Validators {
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

export interface FetchOptions {
  readonly accept: string;
  /** Media types (without parameters) we can use; others are refused as unsupported. */
  readonly acceptType: (type: string) => boolean;
  readonly validators?: Validators;
  /** robots.txt itself is not subject to robots.txt. */
  readonly skipRobots?: boolean;
  /** Longest wait for the domain's politeness budget before giving up (rate-limited). */
  readonly maxGateWaitMs?: number;
}

export interface FetchedDocument {
  readonly notModified: false;
  readonly status: number;
  readonly url: string;
  readonly finalUrl: string;
  readonly redirects: readonly string[];
  readonly contentType: string;
  readonly charset: string;
  readonly text: string;
  readonly headers: IncomingHttpHeaders;
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface NotModified {
  readonly notModified: true;
  readonly status: 304;
  readonly url: string;
  readonly finalUrl: string;
  readonly headers: IncomingHttpHeaders;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export class HttpFetcher {
  private readonly options: HttpFetcherOptions;

  constructor(options: HttpFetcherOptions) {
    this.options = options;
  }

  async fetch(url: string, options: FetchOptions): Promise<FetchedDocument | NotModified> {
    const redirects: string[] = [];
    const seen = new Set<string>();
    let current = this.parse(url);
    for (;;) {
      const key = current.href.replace(/#.*$/, '');
      if (seen.has(key)) {
        throw new FetchFailure('redirect-loop', url, `redirect loop back to ${current.href}`);
      }
      seen.add(key);
      const { status, headers, body } = await this.exchange(current, options, (s, h) => {
        if (s < 200 || s > 299) return false;
        return options.acceptType(parseContentType(header(h, 'content-type')).type);
      });
      const location = header(headers, 'location');
      if (REDIRECTS.has(status) && location) {
        if (redirects.length >= this.options.maxRedirects) {
          throw new FetchFailure(
            'redirect-limit',
            url,
            `more than ${this.options.maxRedirects} redirects (last to ${location})`,
          );
        }
        const next = this.parse(location, current);
        redirects.push(next.href);
        current = next;
        continue;
      }
      if (status === 304) return { notModified: true, status, url, finalUrl: current.href, headers };
      this.throwForStatus(current.href, status, headers);
      const { type, charset: declared } = parseContentType(header(headers, 'content-type'));
      if (!options.acceptType(type)) {
        throw new FetchFailure(
          'unsupported-type',
          current.href,
          `unsupported content type ${type || '(none)'}`,
          {
            status,
          },
        );
      }
      const decoded = decodeText(current.href, body, declared);
      const etag = header(headers, 'etag');
      const lastModified = header(headers, 'last-modified');
      return {
        notModified: false,
        status,
        url,
        finalUrl: current.href,
        redirects,
        contentType: type || 'text/html',
        charset: decoded.charset,
        text: decoded.text,
        headers,
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      };
    }
  }

  /**
   * One request to a redirecting proxy link: where it points (absolute), or undefined when it
   * answers without a redirect. The body is never read.
   */
  async redirectTarget(url: string): Promise<string | undefined> {
    const current = this.parse(url);
    const { status, headers } = await this.exchange(
      current,
      { accept: '*/*', acceptType: () => false },
      () => false,
    );
    const location = header(headers, 'location');
    if (REDIRECTS.has(status) && location) return this.parse(location, current).href;
    this.throwForStatus(current.href, status, headers);
    return undefined;
  }

  private parse(input: string, base?: URL): URL {
    let url: URL;
    try {
      url = new URL(input, base);
    } catch {
      throw new FetchFailure('refused-scheme', base?.href ?? input, `not a URL: ${JSON.stringify(input)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchFailure('refused-scheme', url.href, `scheme ${url.protocol} is not http(s)`);
    }
    return url;
  }

  private throwForStatus(url: string, status: number, headers: IncomingHttpHeaders): void {
    if (status >= 200 && status < 300) return;
    if (status === 429 || status === 503) {
      const wait = retryAfterMs(headers);
      throw new FetchFailure(
        'rate-limited',
        url,
        `HTTP ${status}${wait === undefined ? '' : `, retry after ${wait} ms`}`,
        {
          status,
          ...(wait === undefined ? {} : { retryAfterMs: wait }),
        },
      );
    }
    if (status >= 500 || status === 408)
      throw new FetchFailure('http-server-error', url, `HTTP ${status}`, { status });
    if (status === 404 || status === 410) throw new FetchFailure('gone', url, `HTTP ${status}`, { status });
    throw new FetchFailure('http-client-error', url, `HTTP ${status}`, { status });
  }

  /** Checks, then one request under the domain's politeness budget. */
  private async exchange(
    url: URL,
    options: FetchOptions,
    wantBody: (status: number, headers: IncomingHttpHeaders) => boolean,
  ) {
    const o = this.options;
    // The address first: a refused host is not even asked for its robots.txt.
    const address = await resolveChecked(url, o.policy, o.resolver ?? systemResolver);
    let crawlDelayMs: number | undefined;
    if (o.robots && !options.skipRobots) {
      const verdict = await o.robots.check(url);
      if (!verdict.allowed)
        throw new FetchFailure('refused-robots', url.href, verdict.reason ?? 'robots.txt disallows');
      crawlDelayMs = verdict.crawlDelayMs;
    }
    let release = async (): Promise<void> => undefined;
    if (o.politeness) {
      const lease = await o.politeness.acquire(url.hostname, {
        ...(crawlDelayMs === undefined ? {} : { minDelayMs: crawlDelayMs }),
        ...(options.maxGateWaitMs === undefined ? {} : { maxWaitMs: options.maxGateWaitMs }),
      });
      if ('waitMs' in lease) {
        throw new FetchFailure(
          'rate-limited',
          url.href,
          `politeness budget of ${url.hostname} busy for ${lease.waitMs} ms`,
          {
            retryAfterMs: lease.waitMs,
          },
        );
      }
      release = lease.release;
    }
    const headers: Record<string, string> = { 'user-agent': o.userAgent, accept: options.accept };
    if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
    if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
    try {
      const response = await httpRequest({
        url,
        address,
        headers,
        connectTimeoutMs: o.connectTimeoutMs,
        deadline: Date.now() + o.timeoutMs,
        maxBytes: o.maxBytes,
        wantBody,
      });
      o.onResponse?.({ url: url.href, status: response.status });
      if ((response.status === 429 || response.status === 503) && o.politeness) {
        const wait = retryAfterMs(response.headers);
        if (wait !== undefined) await o.politeness.block(url.hostname, wait);
      }
      return response;
    } finally {
      await release().catch(() => undefined);
    }
  }
}

/**
 * The body as text, or a permanent `bad-encoding` failure: bytes in no charset we can tell, or
 * text that is not text (binary data labelled text/html: undecodable bytes and control
 * characters over UNREADABLE_MAX_SHARE).
 */
function decodeText(url: string, body: Uint8Array, declared: string | undefined): Decoded {
  let decoded: Decoded;
  try {
    decoded = decodeBody(body, declared);
  } catch (error) {
    if (error instanceof UndecodableError)
      throw new FetchFailure('bad-encoding', url, error.message, { cause: error });
    throw error;
  }
  const share = unreadableShare(decoded.text);
  if (share > UNREADABLE_MAX_SHARE)
    throw new FetchFailure(
      'bad-encoding',
      url,
      `not text: ${(share * 100).toFixed(1)}% of it is undecodable bytes or control characters (${decoded.charset})`,
    );
  return decoded;
}

import { articleIdFor, canonicalUrl } from '@dyad/contracts';
import type { FeedProxies } from './feed-proxies.ts';
import type { TrackingParamTest } from './tracking-params.ts';

export interface UrlRules {
  readonly isTrackingParam: TrackingParamTest;
  readonly proxies: FeedProxies;
}

export type Canonical =
  | { readonly ok: true; readonly url: string; readonly articleId: string; readonly via?: string }
  /** The link goes through a proxy that only a request can resolve. */
  | { readonly ok: 'needs-redirect'; readonly url: string; readonly proxy: string }
  | { readonly ok: false; readonly reason: string };

/** Proxies inside proxies are unwrapped this many times at most. */
const MAX_UNWRAP = 3;

/**
 * The canonical form of a link found in a feed or listing: absolute, http(s), proxy parameters
 * unwrapped, tracking parameters removed, then the contract's canonical URL (lowercased host, no
 * fragment) whose SHA-256 is the article id.
 */
export function canonicalize(link: string, base: string | undefined, rules: UrlRules): Canonical {
  let url: URL;
  try {
    url = new URL(link.trim(), base);
  } catch {
    return { ok: false, reason: `not a URL: ${JSON.stringify(link.slice(0, 200))}` };
  }
  let via: string | undefined;
  for (let i = 0; i <= MAX_UNWRAP; i++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { ok: false, reason: `scheme ${url.protocol} is not http(s)` };
    }
    const match = rules.proxies.match(url);
    if (!match) break;
    if (match.kind === 'redirect') return { ok: 'needs-redirect', url: url.href, proxy: match.proxy };
    via = match.proxy;
    url = new URL(match.target);
  }
  for (const key of [...url.searchParams.keys()]) {
    if (rules.isTrackingParam(key)) url.searchParams.delete(key);
  }
  if (url.search === '?') url.search = '';
  const canonical = canonicalUrl(url.href);
  return { ok: true, url: canonical, articleId: articleIdFor(canonical), ...(via ? { via } : {}) };
}

import type { ListedItem } from '../feeds/listed-item.ts';
import type { HttpFetcher } from '../net/http-fetcher.ts';
import { canonicalize, type UrlRules } from '../urls/canonical.ts';

/** A listed item with its canonical URL and article id. */
export interface CanonicalItem {
  readonly item: ListedItem;
  readonly url: string;
  readonly articleId: string;
  /** The proxy the link went through, if any. */
  readonly via?: string;
}

export type ProxyResolver = (url: string) => Promise<string | undefined>;

/**
 * Where proxy links led, remembered because such a link never changes (the fetcher's is in Redis:
 * `redisProxyCache` in `@dyad/sources/state`). An empty target: the proxy did not redirect.
 */
export interface ProxyCache {
  get(url: string): Promise<string | null>;
  set(url: string, target: string): Promise<void>;
}

/** Asks the proxy where a link leads, through the cache when there is one. */
export function proxyResolver(http: HttpFetcher, cache?: ProxyCache): ProxyResolver {
  return async (url) => {
    if (cache) {
      const known = await cache.get(url);
      if (known !== null) return known || undefined;
    }
    const target = await http.redirectTarget(url);
    await cache?.set(url, target ?? '');
    return target;
  };
}

export interface CanonicalizeResult {
  readonly items: CanonicalItem[];
  /** Links that are not article URLs (another scheme, unparsable). */
  readonly invalid: { link: string; reason: string }[];
  /** Proxy links that could not be resolved now (tried again next poll). */
  readonly unresolved: { link: string; reason: string }[];
}

/** Canonical URLs of a document's items, proxies resolved, duplicates within the document dropped. */
export async function canonicalItems(
  items: readonly ListedItem[],
  baseUrl: string,
  rules: UrlRules,
  resolveProxy: ProxyResolver,
): Promise<CanonicalizeResult> {
  const out: CanonicalItem[] = [];
  const invalid: { link: string; reason: string }[] = [];
  const unresolved: { link: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    let result = canonicalize(item.link, baseUrl, rules);
    let via: string | undefined;
    for (let hop = 0; result.ok === 'needs-redirect' && hop < 3; hop++) {
      via = result.proxy;
      const proxyUrl = result.url;
      let target: string | undefined;
      try {
        target = await resolveProxy(proxyUrl);
      } catch (error) {
        unresolved.push({ link: item.link, reason: error instanceof Error ? error.message : String(error) });
        break;
      }
      // A proxy that does not redirect (any more) stands for the article itself.
      result = target
        ? canonicalize(target, proxyUrl, rules)
        : canonicalize(proxyUrl, undefined, { ...rules, proxies: { match: () => undefined } });
    }
    if (result.ok === 'needs-redirect') {
      if (!unresolved.some((u) => u.link === item.link))
        unresolved.push({ link: item.link, reason: 'too many proxies' });
      continue;
    }
    if (result.ok === false) {
      invalid.push({ link: item.link, reason: result.reason });
      continue;
    }
    if (seen.has(result.articleId)) continue;
    seen.add(result.articleId);
    const through = result.via ?? via;
    out.push({ item, url: result.url, articleId: result.articleId, ...(through ? { via: through } : {}) });
  }
  return { items: out, invalid, unresolved };
}

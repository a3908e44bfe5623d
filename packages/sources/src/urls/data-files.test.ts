import { describe, expect, it } from 'vitest';
import { FeedProxiesFile, feedProxies, loadFeedProxies } from './feed-proxies.ts';
import { loadTrackingParams, TrackingParamsFile } from './tracking-params.ts';

describe('shipped URL data', () => {
  it('tracking-params.yaml matches its schema and removes utm_*, fbclid, gclid and the like, not real parameters', () => {
    const isTracking = loadTrackingParams();
    for (const name of ['utm_source', 'UTM_Medium', 'fbclid', 'gclid', 'yclid', 'xtor', '_ga', 'mc_cid']) {
      expect(isTracking(name), name).toBe(true);
    }
    for (const name of ['id', 'page', 'p', 'article', 'lang', 'q'])
      expect(isTracking(name), name).toBe(false);
    expect(TrackingParamsFile.safeParse({ params: [{ name: 'a b' }] }).success).toBe(false);
  });

  it('feed-proxies.yaml matches its schema and unwraps parameter proxies; redirect proxies need a request', () => {
    const proxies = loadFeedProxies();
    expect(
      proxies.match(
        new URL(
          'https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&url=https%3a%2f%2fwww.hespress.com%2fx-1.html&c=1',
        ),
      ),
    ).toEqual({
      kind: 'param',
      proxy: 'Bing News click-through',
      target: 'https://www.hespress.com/x-1.html',
    });
    expect(
      proxies.match(new URL('https://www.google.com/url?rct=j&url=https://astanatimes.com/2025/06/a/')),
    ).toMatchObject({
      kind: 'param',
      target: 'https://astanatimes.com/2025/06/a/',
    });
    expect(proxies.match(new URL('http://feedproxy.google.com/~r/Example/~3/abc/story.html'))).toEqual({
      kind: 'redirect',
      proxy: 'FeedBurner',
    });
    expect(proxies.match(new URL('https://news.google.com/rss/articles/CBMiabc?oc=5'))).toMatchObject({
      kind: 'redirect',
    });
    expect(proxies.match(new URL('https://www.hespress.com/feed'))).toBeUndefined();
    // A parameter that is not an http(s) URL is not a target.
    expect(proxies.match(new URL('https://www.google.com/url?q=javascript:alert(1)'))).toBeUndefined();
  });

  it('refuses a proxy entry with a bad pattern or neither param nor redirect', () => {
    expect(
      FeedProxiesFile.safeParse({ proxies: [{ name: 'x', host: 'a.b', path: '(', param: ['u'] }] }).success,
    ).toBe(false);
    expect(FeedProxiesFile.safeParse({ proxies: [{ name: 'x', host: 'a.b', path: '^/' }] }).success).toBe(
      false,
    );
    const wildcard = feedProxies({
      proxies: [{ name: 'w', host: '*.yandex.ru', path: '^/redirect', param: ['url'] }],
    });
    expect(wildcard.match(new URL('https://news.yandex.ru/redirect?url=https://tass.ru/x'))).toMatchObject({
      target: 'https://tass.ru/x',
    });
  });
});

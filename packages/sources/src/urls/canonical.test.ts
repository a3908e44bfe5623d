import { articleIdFor } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonical.ts';
import { loadFeedProxies } from './feed-proxies.ts';
import { loadTrackingParams } from './tracking-params.ts';

const rules = { isTrackingParam: loadTrackingParams(), proxies: loadFeedProxies() };

describe('canonicalize', () => {
  it('gives one article id to the same article under tracking parameters, a fragment, another host case and a proxy', () => {
    const target = 'https://www.hespress.com/maroc-kazakhstan-123.html?id=7';
    const variants = [
      'https://WWW.Hespress.com/maroc-kazakhstan-123.html?utm_source=rss&id=7&utm_medium=feed',
      'https://www.hespress.com/maroc-kazakhstan-123.html?id=7#comments',
      'https://www.hespress.com/maroc-kazakhstan-123.html?id=7&fbclid=IwAR0&xtor=RSS-1',
      `https://www.bing.com/news/apiclick.aspx?url=${encodeURIComponent('https://www.hespress.com/maroc-kazakhstan-123.html?id=7&gclid=x')}`,
      `https://www.google.com/url?url=${encodeURIComponent(`https://l.facebook.com/l.php?u=${encodeURIComponent(target)}`)}`,
    ];
    for (const v of variants) {
      expect(canonicalize(v, undefined, rules), v).toMatchObject({
        ok: true,
        url: target,
        articleId: articleIdFor(target),
      });
    }
    expect(canonicalize(variants[3] ?? '', undefined, rules)).toMatchObject({
      via: 'Bing News click-through',
    });
  });

  it('resolves relative links against the page, and says when a redirecting proxy must be asked', () => {
    expect(canonicalize('../a/b?x=1', 'https://astanatimes.com/2025/06/', rules)).toMatchObject({
      ok: true,
      url: 'https://astanatimes.com/2025/a/b?x=1',
    });
    expect(canonicalize('http://feedproxy.google.com/~r/X/~3/abc/', undefined, rules)).toEqual({
      ok: 'needs-redirect',
      url: 'http://feedproxy.google.com/~r/X/~3/abc/',
      proxy: 'FeedBurner',
    });
  });

  it('refuses what is not an http(s) article link', () => {
    expect(canonicalize('mailto:desk@example.ma', undefined, rules)).toMatchObject({
      ok: false,
      reason: 'scheme mailto: is not http(s)',
    });
    expect(canonicalize('javascript:void(0)', 'https://x.ma/', rules)).toMatchObject({ ok: false });
    expect(canonicalize('http://[bad', undefined, rules)).toMatchObject({ ok: false });
  });
});

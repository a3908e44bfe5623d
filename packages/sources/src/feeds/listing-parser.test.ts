import { afterAll, describe, expect, it } from 'vitest';
import { ListingParser } from './listing-parser.ts';
import { markupDepth } from './markup-depth.ts';
import { InvalidFeedError } from './parse-rss.ts';

const deepDivs = (n: number) =>
  `<html><body>${'<div>'.repeat(n)}<a href="/x">x</a>${'</div>'.repeat(n)}</body></html>`;

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title><item><title>a</title><link>https://e.org/a</link></item></channel></rss>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><link>https://e.org/a</link></item></channel></rss>`;
const GOOD_FEED =
  '<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://a.ma/1</link></item></channel></rss>';

describe('markupDepth', () => {
  it('follows HTML as a parser nests it: void elements, implied closes, raw text, comments, SVG', () => {
    const html = `<html><head><title><div><div></title><script>if (a<b) "<div><div><div>"</script></head>
      <body><!-- <div><div><div> --><ul><li>a<li>b<li>c</ul><p>x<p>y<br><img src=x><input>
      <svg><path d="M0"/><path d="M1"/><g><circle/></g></svg><table><tr><td>1<td>2<tr><td>3</table></body></html>`;
    // html > body > table > tr > td (or svg > g > circle): 5 at the deepest.
    expect(markupDepth(html, 100, { xml: false })).toEqual({ depth: 5, exceeded: false });
    // a > c (b and d close themselves; the CDATA is text).
    expect(markupDepth('<a><b/><c><d/></c><![CDATA[<x><y><z>]]></a>', 100, { xml: true })).toEqual({
      depth: 2,
      exceeded: false,
    });
  });

  it('stops at the limit: 200,000 nested elements are refused without reading them all', () => {
    const page = '<div>'.repeat(200_000);
    expect(markupDepth(page, 1_000, { xml: false })).toEqual({ depth: 1_001, exceeded: true });
    expect(markupDepth(`<rss>${'<x>'.repeat(5_000)}`, 1_000, { xml: true }).exceeded).toBe(true);
    // `<div/>` opens a div in HTML (the slash means nothing there).
    expect(markupDepth('<div/>'.repeat(2_000), 1_000, { xml: false }).exceeded).toBe(true);
    // Stray close tags do not close what is far up.
    expect(markupDepth(`${'<i>'.repeat(1_100)}${'</b>'.repeat(10)}`, 1_000, { xml: false }).exceeded).toBe(
      true,
    );
  });
});

describe('ListingParser (parser threads with limits)', () => {
  const parser = new ListingParser({ timeoutMs: 20_000, maxDepth: 1_000 });
  afterAll(() => parser.close());

  it('parses feeds, sitemaps and listing pages on its thread', async () => {
    expect((await parser.parse({ kind: 'rss', text: GOOD_FEED, url: 'https://a.ma/feed' })).items).toEqual([
      { link: 'https://a.ma/1', title: 'A' },
    ]);
    const page = await parser.parse({
      kind: 'html',
      text: deepDivs(50),
      url: 'https://b.kz/',
      selector: 'div > a',
    });
    expect(page.items).toEqual([{ link: 'https://b.kz/x', title: 'x' }]);
  });

  it('refuses a listing page nested deeper than the limit, as the source’s fault (too-deep)', async () => {
    const error = await parser
      .parse({ kind: 'html', text: deepDivs(200_000), url: 'https://b.kz/', selector: 'a' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFeedError);
    expect(error).toMatchObject({ reason: 'too-deep' });
    expect(String(error)).toMatch(/nested deeper than 1000 levels/);
  });

  it('refuses entity bombs and external entities the same way every time (no state between feeds)', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      for (const text of [BILLION_LAUGHS, XXE, GOOD_FEED]) {
        const result = await parser.parse({ kind: 'rss', text, url: 'https://e.org/feed' }).then(
          (r) => `ok ${r.items.length}`,
          (e: unknown) => (e instanceof InvalidFeedError ? e.reason : String(e)),
        );
        outcomes.push(result);
      }
    }
    expect(outcomes).toEqual(Array(3).fill(['invalid-document', 'invalid-document', 'ok 1']).flat());
  });

  it('ends a parse that runs past its time limit, replaces the thread, and the main thread never waits', async () => {
    // No depth limit to speak of: 40,000 levels take parse5 many seconds.
    const slow = new ListingParser({ timeoutMs: 300, maxDepth: 1_000_000 });
    try {
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const error = await slow
        .parse({ kind: 'html', text: deepDivs(40_000), url: 'https://b.kz/', selector: 'a' })
        .catch((e: unknown) => e);
      clearInterval(ticker);
      expect(error).toBeInstanceOf(InvalidFeedError);
      expect(error).toMatchObject({ reason: 'parse-timeout' });
      // The event loop went on while the thread parsed.
      expect(ticks).toBeGreaterThan(0);
      // A fresh thread took its place.
      expect(
        (await slow.parse({ kind: 'rss', text: GOOD_FEED, url: 'https://a.ma/feed' })).items,
      ).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});

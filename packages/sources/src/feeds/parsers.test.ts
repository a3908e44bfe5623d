import { describe, expect, it } from 'vitest';
import { parseListingPage } from './parse-listing-page.ts';
import { InvalidFeedError, parseFeed } from './parse-rss.ts';
import { parseSitemap } from './parse-sitemap.ts';

describe('feed parsers', () => {
  it('reads RSS 1.0 (RDF)', async () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.kz/"><title>RDF</title><link>https://x.kz/</link><description>d</description></channel>
<item rdf:about="https://x.kz/1"><title>Казахстан и Марокко</title><link>https://x.kz/1</link><dc:date>2025-06-01T10:00:00+05:00</dc:date><description>Текст</description></item>
</rdf:RDF>`;
    const feed = await parseFeed(rdf);
    expect(feed.title).toBe('RDF');
    expect(feed.items).toEqual([
      {
        link: 'https://x.kz/1',
        title: 'Казахстан и Марокко',
        summary: 'Текст',
        publishedAt: '2025-06-01T05:00:00.000Z',
      },
    ]);
  });

  it('reads the ttl of an RSS feed and strips HTML from summaries', async () => {
    const feed = await parseFeed(
      '<rss version="2.0"><channel><title>T</title><ttl>45</ttl><item><title>A</title><link>https://a.ma/1</link><description>&lt;p&gt;Le &lt;b&gt;Maroc&lt;/b&gt;&lt;/p&gt;</description></item></channel></rss>',
    );
    expect(feed.ttlMs).toBe(45 * 60_000);
    expect(feed.items[0]?.summary).toBe('Le Maroc');
  });

  it("refuses invalid XML with the parser's reason", async () => {
    const error = await parseFeed('<rss><channel><item><title>x</title></channel></rss>').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidFeedError);
    expect(String(error)).toMatch(/not a valid RSS\/Atom\/RDF feed: /);
  });

  it('refuses a document that is not a sitemap', () => {
    expect(() => parseSitemap('<html><body>hi</body></html>')).toThrow(/not a sitemap/);
  });

  it('takes lastmod when a sitemap has no news block', () => {
    expect(
      parseSitemap(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.ma/x</loc><lastmod>2025-06-01</lastmod></url></urlset>',
      ).items,
    ).toEqual([{ link: 'https://a.ma/x', publishedAt: '2025-06-01T00:00:00.000Z' }]);
  });

  it('reads links of a listing page inside the selected elements, once each', () => {
    const page = parseListingPage(
      '<div class="card"><h3><a href="/a">A</a></h3></div><div class="card"><a href="/a#x">A again</a></div><div class="card">no link</div>',
      'https://b.kz/news/',
      '.card',
    );
    expect(page.items).toEqual([{ link: 'https://b.kz/a', title: 'A' }]);
  });
});

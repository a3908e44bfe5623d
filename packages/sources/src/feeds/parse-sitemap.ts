import { load } from 'cheerio';
import { cleanText, isoDate, type ListedItem, type ParsedListing } from './listed-item.ts';
import { InvalidFeedError } from './parse-rss.ts';

/**
 * A sitemap (`<urlset>`, with Google News `<news:news>` when present) or a sitemap index
 * (`<sitemapindex>`, whose children the poller fetches in turn).
 */
export function parseSitemap(xml: string): ParsedListing {
  const $ = load(xml, { xml: true });
  const index = $('sitemapindex');
  if (index.length) {
    const sitemaps = index
      .find('sitemap')
      .toArray()
      .flatMap((el) => {
        const url = $(el).children('loc').first().text().trim();
        const lastmod = isoDate($(el).children('lastmod').first().text());
        return url ? [{ url, ...(lastmod ? { lastmod } : {}) }] : [];
      });
    return { items: [], sitemaps };
  }
  const urlset = $('urlset');
  if (!urlset.length) throw new InvalidFeedError('not a sitemap: no <urlset> or <sitemapindex>');
  const items: ListedItem[] = [];
  for (const el of urlset.children('url').toArray()) {
    const node = $(el);
    const link = node.children('loc').first().text().trim();
    if (!link) continue;
    const news = node.children('news\\:news').first();
    const publishedAt =
      isoDate(news.find('news\\:publication_date').first().text()) ??
      isoDate(node.children('lastmod').first().text());
    const title = cleanText(news.find('news\\:title').first().text(), 500);
    items.push({ link, ...(publishedAt ? { publishedAt } : {}), ...(title ? { title } : {}) });
  }
  return { items };
}

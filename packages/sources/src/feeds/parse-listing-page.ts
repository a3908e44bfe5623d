import { load } from 'cheerio';
import { cleanText, type ListedItem, type ParsedListing } from './listed-item.ts';

/**
 * An HTML listing page (a section front, a search result page): the article links are the
 * elements the source's CSS selector picks (links, or elements holding one), resolved against
 * the page's URL.
 */
export function parseListingPage(html: string, pageUrl: string, selector: string): ParsedListing {
  const $ = load(html);
  const items: ListedItem[] = [];
  const seen = new Set<string>();
  for (const el of $(selector).toArray()) {
    const node = $(el);
    const anchor = node.is('a[href]') ? node : node.find('a[href]').first();
    const href = anchor.attr('href');
    if (!href) continue;
    let link: URL;
    try {
      link = new URL(href, pageUrl);
    } catch {
      continue;
    }
    if (link.protocol !== 'http:' && link.protocol !== 'https:') continue;
    link.hash = '';
    if (seen.has(link.href)) continue;
    seen.add(link.href);
    const title = cleanText(anchor.attr('title') ?? anchor.text(), 500);
    const datetime = node.find('time[datetime]').first().attr('datetime');
    const publishedAt =
      datetime && !Number.isNaN(Date.parse(datetime)) ? new Date(datetime).toISOString() : undefined;
    items.push({ link: link.href, ...(title ? { title } : {}), ...(publishedAt ? { publishedAt } : {}) });
  }
  const title = cleanText($('title').first().text(), 500);
  return { items, ...(title ? { title } : {}) };
}

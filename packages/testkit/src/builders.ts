import { type ArticleExtracted, articleIdFor, type EventReport } from '@dyad/contracts';

/**
 * Valid messages for tests, with fixed timestamps so that results do not depend on the clock.
 * Callers override what their test is about.
 */

/** An `official_visit` report on 2025-02-28 in Rabat, with evidence, no participants. */
export function eventReport(overrides: Partial<EventReport> = {}): EventReport {
  return {
    type: 'official_visit',
    cameo: '042',
    date: { value: '2025-02-28', precision: 'day' },
    location: { name: 'Rabat', country: 'MA' },
    participants: [],
    topics: ['politics'],
    agreements: [],
    main: true,
    evidence: [{ field: 'type', text: 'visit', start: 0, end: 5 }],
    ...overrides,
  };
}

/** An `article.extracted` message for `url`, relevant, with the given events. */
export function extractedArticle(
  url: string,
  fields: Partial<Omit<ArticleExtracted, 'articleId' | 'url'>> = {},
): ArticleExtracted {
  return {
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: 'test',
    origin: 'crawl',
    fetchedAt: '2026-11-22T10:00:00.000Z',
    title: url,
    text: `text of ${url}`,
    lang: 'en',
    publishedAt: { value: '2025-03-01', source: 'meta' },
    relevance: { score: 1, relevant: true, reasons: [], assessed: true },
    cleaner: { version: 'test', method: 'test' },
    mentions: { actors: [], places: [], dates: [] },
    events: [],
    extractorVersion: 'test',
    ...fields,
  };
}

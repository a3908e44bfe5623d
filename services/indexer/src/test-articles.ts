import { type ArticleExtracted, articleIdFor, type EventReport, type Participant } from '@dyad/contracts';

/** Builders for this package's tests (not exported from the package). */

export const nurtleu: Participant = {
  actorId: 'kz.nurtleu',
  name: 'مراد نورتليو',
  names: { ar: 'مراد نورتليو', en: 'Murat Nurtleu' },
  country: 'KZ',
};
export const bourita: Participant = {
  actorId: 'ma.bourita',
  name: 'Nasser Bourita',
  names: { en: 'Nasser Bourita' },
  country: 'MA',
};
export const tahir: Participant = {
  actorId: 'ma.tahir',
  name: 'عبد القادر الطاهر',
  names: { ar: 'عبد القادر الطاهر' },
  country: 'MA',
};
export const kuspan: Participant = {
  actorId: 'kz.kuspan',
  name: 'Aigul Kuspan',
  names: { en: 'Aigul Kuspan' },
  country: 'KZ',
};

export function eventReport(overrides: Partial<EventReport> = {}): EventReport {
  return {
    type: 'official_visit',
    cameo: '042',
    date: { value: '2025-02-28', precision: 'day' },
    location: { name: 'Rabat', country: 'MA' },
    participants: [nurtleu, bourita],
    topics: ['politics'],
    agreements: [],
    main: true,
    evidence: [{ field: 'type', text: 'visit', start: 0, end: 5 }],
    ...overrides,
  };
}

export function extractedArticle(
  n: number | string,
  events: EventReport[],
  lang = 'ar',
  text = `text ${n}`,
): ArticleExtracted {
  const url = `https://example.test/article/${n}`;
  return {
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: 'test',
    origin: 'crawl',
    fetchedAt: '2026-11-22T10:00:00.000Z',
    title: `Article ${n}`,
    text,
    lang,
    publishedAt: { value: '2025-03-01', source: 'meta' },
    relevance: { score: 1, relevant: true, reasons: [], assessed: true },
    cleaner: { version: 'test', method: 'test' },
    mentions: { actors: [], places: [], dates: [] },
    events,
    extractorVersion: 'test',
  };
}

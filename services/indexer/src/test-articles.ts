import type { ArticleExtracted, EventReport, Participant } from '@dyad/contracts';
import { extractedArticle as baseArticle, eventReport as baseReport } from '@dyad/testkit';

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
  return baseReport({ participants: [nurtleu, bourita], ...overrides });
}

export function extractedArticle(
  n: number | string,
  events: EventReport[],
  lang = 'ar',
  text = `text ${n}`,
): ArticleExtracted {
  return baseArticle(`https://example.test/article/${n}`, { title: `Article ${n}`, text, lang, events });
}

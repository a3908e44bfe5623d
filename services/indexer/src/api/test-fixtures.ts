import type { ArticleExtracted } from '@dyad/contracts';
import type { Store } from '@dyad/store';
import { indexArticle } from '../index-article.ts';
import { bourita, eventReport, extractedArticle, kuspan, nurtleu, tahir } from '../test-articles.ts';

/** Articles and events for this folder's tests (not exported from the package). */

export const visitAr = extractedArticle(
  'api-ar',
  [eventReport({ topics: ['politics', 'aviation'] })],
  'ar',
  'وصل وزير الخارجية الكازاخستاني إلى الرباط، وبحث الجانبان العلاقات بين المغرب وكازاخستان.',
);
export const visitFr = extractedArticle(
  'api-fr',
  [eventReport({ participants: [nurtleu], location: undefined })],
  'fr',
  'Le ministre kazakh a été reçu à Rabat ; les deux pays veulent renforcer leur coopération.',
);
export const meetingEn = extractedArticle(
  'api-en',
  [
    eventReport({
      type: 'parliamentary_meeting',
      cameo: '040',
      date: { value: '2025-09-22', precision: 'day' },
      participants: [tahir, kuspan],
      location: undefined,
      topics: ['parliament'],
    }),
  ],
  'en',
  'Speaker Abdelkader Tahir met Aigul Kuspan in Astana to discuss parliamentary cooperation.',
);
export const visitAstana = extractedArticle(
  'api-ar-astana',
  [
    eventReport({
      date: { value: '2025-09-21', end: '2025-09-25', precision: 'day' },
      participants: [tahir],
      location: { name: 'Astana', country: 'KZ' },
    }),
  ],
  'ar',
  'بدأ رئيس مجلس النواب المغربي زيارة رسمية إلى أستانا.',
);
export const signingRu = extractedArticle(
  'api-ru',
  [
    eventReport({
      type: 'agreement_signing',
      cameo: '057',
      date: { value: '2024-06', precision: 'month' },
      participants: [bourita],
      topics: ['aviation'],
      agreements: [{ name: 'Air services agreement', status: 'signed' }],
    }),
  ],
  'ru',
  'Казахстан и Марокко подписали соглашение о воздушном сообщении.',
);

export const allArticles: readonly ArticleExtracted[] = [visitAr, visitFr, meetingEn, visitAstana, signingRu];

const ratified =
  'Сенат Казахстана ратифицировал соглашение между Казахстаном и Марокко о воздушном сообщении.';
/**
 * The air services agreement of `signingRu` approved at home: no event (not relevant), one
 * agreement act, as the extractor passes such an article on.
 */
export const approvalRu = {
  ...extractedArticle('api-ru-senate', [], 'ru', ratified),
  title: 'Сенат ратифицировал соглашение с Марокко',
  relevance: {
    score: 0.7,
    relevant: false,
    reasons: ['no event between the two countries in the text'],
    assessed: true,
  },
  agreementActs: [
    {
      name: 'air services agreement',
      step: 'approved' as const,
      country: 'KZ',
      date: { value: '2024-11', precision: 'month' as const, source: 'published' as const },
      evidence: [{ field: 'approved', text: ratified, start: 0, end: ratified.length }],
    },
  ],
} satisfies ArticleExtracted;

/**
 * Indexes the articles one transaction each, as the service does, with event ids ev_1, ev_2, …
 * in order of creation and clock ticks a minute apart (so "latest" is well defined).
 */
export async function indexAll(
  store: Store,
  articles: readonly ArticleExtracted[] = allArticles,
): Promise<void> {
  let ids = 0;
  let minute = 0;
  for (const article of articles) {
    const now = new Date(Date.UTC(2026, 10, 22, 10, minute++)).toISOString();
    await store.transaction((tx) => indexArticle(tx, article, { now, newEventId: () => `ev_${++ids}` }));
  }
}

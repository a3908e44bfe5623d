import { describe, expect, it } from 'vitest';
import { fitArticleExtracted } from './limits.ts';
import { AgreementAct, agreementKey } from './schemas/agreement-act.ts';
import { ArticleExtracted } from './schemas/article-extracted.ts';

const text = 'The Senate ratified the extradition agreement between Kazakhstan and Morocco.';
const act = {
  name: 'extradition agreement',
  step: 'approved',
  country: 'KZ',
  date: { value: '2025-10', precision: 'month', source: 'published' },
  evidence: [{ field: 'approved', text, start: 0, end: text.length }],
};
const article = {
  schema: 1,
  articleId: 'a'.repeat(64),
  url: 'https://example.test/senate',
  sourceId: 'test',
  origin: 'crawl',
  fetchedAt: '2025-10-30T10:00:00.000Z',
  title: 'Senate ratifies',
  text,
  lang: 'en',
  publishedAt: { value: '2025-10-30', source: 'meta' },
  relevance: { score: 0.7, relevant: false, reasons: [], assessed: true },
  cleaner: { version: 'test', method: 'test' },
  mentions: { actors: [], places: [], dates: [] },
  events: [],
  extractorVersion: 'test',
};

describe('agreement acts on article.extracted', () => {
  it('are optional, and carried beside no event', () => {
    expect(ArticleExtracted.safeParse(article).success).toBe(true);
    expect(ArticleExtracted.parse({ ...article, agreementActs: [act] }).agreementActs).toEqual([act]);
  });

  it('refuses an unknown step, a planned approval written as a step, and evidence past the text', () => {
    expect(AgreementAct.safeParse({ ...act, step: 'signed' }).success).toBe(false);
    expect(AgreementAct.safeParse({ ...act, evidence: [] }).success).toBe(false);
    const past = { ...act, evidence: [{ field: 'approved', text, start: 0, end: text.length + 1 }] };
    const parsed = ArticleExtracted.safeParse({ ...article, agreementActs: [past] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['agreementActs', 0, 'evidence', 0, 'end']);
  });

  it('keep their evidence within the limits when the message is fitted', () => {
    const long = 'x'.repeat(5_000);
    const fitted = fitArticleExtracted(
      ArticleExtracted.parse({
        ...article,
        text: long,
        agreementActs: [{ ...act, evidence: [{ field: 'approved', text: long, start: 0, end: 5_000 }] }],
      }),
      1_000_000,
    );
    expect(fitted.agreementActs?.[0]?.evidence[0]?.text.length).toBeLessThanOrEqual(1_000);
    expect('agreementActs' in fitArticleExtracted(ArticleExtracted.parse(article), 1_000_000)).toBe(false);
  });
});

describe('agreementKey', () => {
  it('folds case and spacing, so that events and acts name one agreement alike', () => {
    expect(agreementKey(' Air  services\nAgreement ')).toBe('air services agreement');
    expect(agreementKey('air services agreement')).toBe(agreementKey('Air services agreement'));
  });
});

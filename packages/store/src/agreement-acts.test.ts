import type { AgreementAct } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { contentHash } from './articles.ts';
import { backends, openTarget, sampleArticle } from './test-support.ts';

const TEXT = 'Le Sénat du Kazakhstan a ratifié jeudi l’accord d’extradition entre le Kazakhstan et le Maroc.';

const approved = (name: string, changes: Partial<AgreementAct> = {}): AgreementAct => ({
  name,
  step: 'approved',
  country: 'KZ',
  date: { value: '2025-11-13', precision: 'day', source: 'text' },
  evidence: [{ field: 'approved', text: TEXT, start: 0, end: TEXT.length }],
  ...changes,
});

/** An article that tells approvals and no event, as the extractor passes one on (not relevant). */
const approvalArticle = (n: number, agreementActs: AgreementAct[] | undefined) =>
  sampleArticle(n, {
    text: TEXT,
    events: [],
    mentions: { actors: [], places: [], dates: [] },
    relevance: {
      score: 0.7,
      relevant: false,
      reasons: ['no event between the two countries in the text'],
      assessed: true,
    },
    ...(agreementActs ? { agreementActs } : {}),
  });

for (const [label, test] of backends) {
  describe(`agreement acts on ${label}`, () => {
    test('are stored with the article that tells them, keyed as the agreements page groups names', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        const article = approvalArticle(1, [
          approved('Extradition  Agreement'),
          approved('agreement', { country: undefined }),
        ]);
        expect(await store.saveArticle(article)).toBe('inserted');
        expect(await store.agreementActs()).toEqual([
          {
            key: 'agreement',
            act: approved('agreement', { country: undefined }),
            source: {
              articleId: article.articleId,
              url: article.url,
              title: article.title,
              lang: 'fr',
              publishedAt: '2025-02-03T09:00:00+01:00',
            },
          },
          expect.objectContaining({ key: 'extradition agreement', act: approved('Extradition  Agreement') }),
        ]);
        // The article keeps them too, in its payload.
        expect((await store.getArticle(article.articleId))?.article.agreementActs).toHaveLength(2);
      } finally {
        await store.close();
      }
    });

    test('are replaced with the article’s new content, and left alone by a replay', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        const other = approvalArticle(2, [approved('air services agreement', { country: 'MA' })]);
        await store.saveArticles([
          approvalArticle(1, [approved('extradition agreement'), approved('agreement')]),
          other,
        ]);
        expect(
          await store.saveArticle(
            approvalArticle(1, [approved('extradition agreement'), approved('agreement')]),
          ),
        ).toBe('unchanged');
        expect(
          await store.saveArticle(approvalArticle(1, [approved('mutual legal assistance agreement')])),
        ).toBe('updated');
        expect((await store.agreementActs()).map((a) => [a.key, a.act.country])).toEqual([
          ['air services agreement', 'MA'],
          ['mutual legal assistance agreement', 'KZ'],
        ]);
        expect(await store.saveArticle(approvalArticle(1, undefined))).toBe('updated');
        expect((await store.agreementActs()).map((a) => a.source.articleId)).toEqual([other.articleId]);
      } finally {
        await store.close();
      }
    });
  });
}

describe('contentHash', () => {
  it('is what it was for an article with no acts, and changes with them', () => {
    // Stored articles are not rewritten by a replay because acts exist now.
    const plain = sampleArticle(3);
    expect(contentHash(plain)).toBe(contentHash({ ...plain, agreementActs: undefined }));
    expect(contentHash(plain)).not.toBe(contentHash({ ...plain, agreementActs: [approved('agreement')] }));
  });
});

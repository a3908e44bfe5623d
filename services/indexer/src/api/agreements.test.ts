import { describe, expect, it } from '@dyad/testkit';
import { AgreementsList } from './agreements.ts';
import { backends, useApi } from './test-backends.ts';
import { allArticles, approvalRu, signingRu } from './test-fixtures.ts';

for (const [label, backend] of backends) {
  describe(`GET /agreements.json on ${label}`, () => {
    const api = useApi(backend, [...allArticles, approvalRu]);

    it('gives each agreement’s life: the signing event, then the approval with its article', async () => {
      const res = await api().app.inject({ method: 'GET', url: '/agreements.json' });
      expect(res.statusCode).toBe(200);
      const { agreements } = AgreementsList.parse(res.json());
      expect(agreements).toHaveLength(1);
      const [life] = agreements;
      // "Air services agreement" (the event) and "air services agreement" (the act) are one.
      expect(life).toMatchObject({
        key: 'air services agreement',
        name: 'Air services agreement',
        reached: ['signed', 'approved'],
      });
      expect(life?.steps.map((s) => [s.kind, s.status, s.date?.value])).toEqual([
        ['event', 'signed', '2024-06'],
        ['act', 'approved', '2024-11'],
      ]);
      expect(life?.steps[0]).toMatchObject({
        event: { eventId: 'ev_4', type: 'agreement_signing' },
        sources: [{ articleId: signingRu.articleId, lang: 'ru' }],
      });
      expect(life?.steps[1]).toEqual({
        kind: 'act',
        status: 'approved',
        date: { value: '2024-11', precision: 'month', source: 'published' },
        country: 'KZ',
        sources: [
          {
            articleId: approvalRu.articleId,
            url: approvalRu.url,
            title: approvalRu.title,
            lang: 'ru',
            publishedAt: '2025-03-01',
          },
        ],
        evidence: approvalRu.agreementActs.flatMap((a) => a.evidence),
      });
    });

    it('stores the approval without an event: the article makes none', async () => {
      const { store } = api();
      expect(await store.countEvents()).toBe(4);
      expect((await store.getArticle(approvalRu.articleId))?.article.agreementActs).toEqual(
        approvalRu.agreementActs,
      );
    });
  });
}

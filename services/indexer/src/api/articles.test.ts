import { describe, expect, it } from '@dyad/testkit';
import type { FastifyInstance } from 'fastify';
import { ArticlesPage, ErrorBody } from './schemas.ts';
import { backends, useApi } from './test-backends.ts';
import { meetingEn, signingRu, visitAr, visitFr } from './test-fixtures.ts';

async function search(app: FastifyInstance, query: string) {
  const res = await app.inject({ method: 'GET', url: `/articles?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  const body: unknown = res.json();
  const page = ArticlesPage.parse(body);
  expect(page).toEqual(body);
  return page;
}

const q = (text: string) => `q=${encodeURIComponent(text)}`;

for (const [label, backend] of backends) {
  describe(`GET /articles on ${label}`, () => {
    const api = useApi(backend);

    it('finds Arabic forms of an Arabic query (كازاخستان → وكازاخستان, الكازاخستاني), marked', async () => {
      const { app } = api();
      const page = await search(app, q('كازاخستان'));
      expect(page).toMatchObject({ total: 1, limit: 20, offset: 0, next: null });
      const [hit] = page.articles;
      expect(hit).toMatchObject({
        articleId: visitAr.articleId,
        lang: 'ar',
        url: visitAr.url,
        title: visitAr.title,
      });
      expect(hit?.snippetHtml).toContain('<mark>وكازاخستان</mark>');
      expect(hit?.snippetHtml).toContain('<mark>الكازاخستاني</mark>');
    });

    it('finds another French inflection (coopérations → coopération), in every language or one', async () => {
      const { app } = api();
      const all = await search(app, q('coopérations'));
      expect(all.articles.map((a) => a.articleId).sort()).toEqual(
        [visitFr.articleId, meetingEn.articleId].sort(),
      );
      const fr = all.articles.find((a) => a.lang === 'fr');
      expect(fr?.snippetHtml).toContain('<mark>coopération</mark>');
      const onlyFr = await search(app, `${q('coopérations')}&lang=fr`);
      expect(onlyFr.articles.map((a) => a.articleId)).toEqual([visitFr.articleId]);
      expect(onlyFr.total).toBe(1);
    });

    it('matches names across scripts and stems Russian; pages with a next link', async () => {
      const { app } = api();
      const ru = await search(app, q('Казахстана'));
      expect(ru.articles.map((a) => a.articleId)).toEqual([signingRu.articleId]);
      expect(ru.articles[0]?.snippetHtml).toContain('<mark>Казахстан</mark>');
      // Titles are "Article api-…": every article matches "article", one per page.
      const first = await search(app, 'q=article&limit=2');
      expect(first.total).toBe(5);
      expect(first.next).toBe('/articles?q=article&limit=2&offset=2');
      expect(first.articles[0]?.titleHtml).toMatch(/^<mark>Article<\/mark> api-/);
      const last = await search(app, 'q=article&limit=2&offset=4');
      expect(last.articles).toHaveLength(1);
      expect(last.next).toBeNull();
    });
  });
}

describe('GET /articles with bad parameters', () => {
  const api = useApi('pglite');
  it('answers 400 without q, with an empty q, a bad lang or an unknown parameter', async () => {
    const { app } = api();
    const cases: [string, string[]][] = [
      ['/articles', ['q']],
      ['/articles?q=', ['q']],
      ['/articles?q=a&lang=Arabic', ['lang']],
      ['/articles?q=a&limit=1000&page=2', ['limit', 'page']],
      [`/articles?q=${'a'.repeat(201)}`, ['q']],
    ];
    for (const [url, parameters] of cases) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      const body = ErrorBody.parse(res.json());
      expect(body.issues?.map((i) => i.parameter).sort(), url).toEqual(parameters);
    }
  });
});

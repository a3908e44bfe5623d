import type { FastifyInstance } from 'fastify';
import { page } from './pagination.ts';
import { ArticlesQuery, parseParams } from './params.ts';
import type { ApiStore } from './store.ts';

/** GET /articles?q=: full text across languages, with highlighted title and passages. */
export function articleRoutes(app: FastifyInstance, store: ApiStore): void {
  app.get('/articles', async (request) => {
    const query = parseParams(ArticlesQuery, request.query);
    const { articles, total } = await store.searchArticles(query.q, {
      lang: query.lang,
      limit: query.limit,
      offset: query.offset,
    });
    return { ...page(request.url, total, query.limit, query.offset), articles };
  });
}

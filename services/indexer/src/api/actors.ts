import type { FastifyInstance } from 'fastify';
import { page } from './pagination.ts';
import { ActorsQuery, parseParams } from './params.ts';
import type { ApiStore } from './store.ts';

/** GET /actors: who takes part in events, the most active first, with their names per language. */
export function actorRoutes(app: FastifyInstance, store: ApiStore): void {
  app.get('/actors', async (request) => {
    const query = parseParams(ActorsQuery, request.query);
    const { actors, total } = await store.listActors(query);
    return { ...page(request.url, total, query.limit, query.offset), actors };
  });
}

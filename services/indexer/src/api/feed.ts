import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderAtom } from './atom.ts';
import { FeedQuery, parseParams } from './params.ts';
import type { ApiStore } from './store.ts';

/** Where this request reached the API, for absolute links (Atom requires them). */
function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host || 'localhost'}`;
}

/** GET /feed.atom: the latest created or changed events. */
export function feedRoutes(app: FastifyInstance, store: ApiStore): void {
  app.get('/feed.atom', async (request, reply) => {
    const { limit } = parseParams(FeedQuery, request.query);
    const events = await store.recentEvents(limit);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(renderAtom(events, { baseUrl: baseUrl(request), now: new Date().toISOString() }));
  });
}

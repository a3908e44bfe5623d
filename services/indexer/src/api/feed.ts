import type { FastifyInstance } from 'fastify';
import { renderAtom } from './atom.ts';
import { FeedQuery, parseParams } from './params.ts';
import type { ApiStore } from './store.ts';

/**
 * GET /feed.atom: the latest created or changed events. Its links (Atom requires them absolute)
 * start with `publicUrl` (API_PUBLIC_URL), never with the request's Host header.
 */
export function feedRoutes(app: FastifyInstance, store: ApiStore, publicUrl: () => string): void {
  app.get('/feed.atom', async (request, reply) => {
    const { limit } = parseParams(FeedQuery, request.query);
    const events = await store.recentEvents(limit);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(renderAtom(events, { baseUrl: publicUrl().replace(/\/+$/, ''), now: new Date().toISOString() }));
  });
}

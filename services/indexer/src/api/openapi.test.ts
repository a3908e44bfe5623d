import { EventMessage } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import Fastify from 'fastify';
import { z } from 'zod';
import { openApiDocument } from './openapi.ts';
import { ActorsQuery, ArticlesQuery, EventsQuery, FeedQuery, StreamQuery } from './params.ts';
import { registerRoutes } from './server.ts';
import type { ApiStore } from './store.ts';
import { useApi } from './test-backends.ts';

interface Operation {
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
  responses: Record<string, unknown>;
}
type Doc = {
  openapi: string;
  paths: Record<string, { get: Operation }>;
  components: { schemas: Record<string, unknown> };
};

const doc = openApiDocument('1.2.3') as unknown as Doc;

/** Every "$ref" in a JSON value. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refs(v)));
}

describe('GET /openapi.json', () => {
  const api = useApi('pglite');

  it('serves the OpenAPI 3.1 document', async () => {
    const res = await api().app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const served = res.json<Doc>();
    expect(served.openapi).toBe('3.1.0');
    expect(Object.keys(served.paths)).toEqual(Object.keys(doc.paths));
  });

  it('documents exactly the routes the API registers', async () => {
    const app = Fastify();
    const routes: string[] = [];
    app.addHook('onRoute', (route) => {
      if (route.method === 'GET' || (Array.isArray(route.method) && route.method.includes('GET')))
        routes.push(route.url.replace(/:(\w+)/g, '{$1}'));
    });
    registerRoutes(app, { store: {} as ApiStore, version: 'test' });
    await app.ready();
    expect(routes.sort()).toEqual(Object.keys(doc.paths).sort());
    await app.close();
  });

  it('lists every query parameter each endpoint validates, with its JSON Schema', () => {
    const expected: [string, z.ZodType][] = [
      ['/events', EventsQuery],
      ['/articles', ArticlesQuery],
      ['/actors', ActorsQuery],
      ['/feed.atom', FeedQuery],
      ['/events/stream', StreamQuery],
    ];
    for (const [path, schema] of expected) {
      const params = doc.paths[path]?.get.parameters?.filter((p) => p.in === 'query') ?? [];
      const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> };
      expect(
        params.map((p) => p.name),
        path,
      ).toEqual(Object.keys(json.properties));
    }
    const q = doc.paths['/articles']?.get.parameters?.find((p) => p.name === 'q');
    expect(q).toMatchObject({ required: true, schema: { type: 'string', minLength: 1 } });
    const limit = doc.paths['/events']?.get.parameters?.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    });
    expect(doc.paths['/events/{id}']?.get.parameters).toMatchObject([
      { name: 'id', in: 'path', required: true },
    ]);
    expect(doc.paths['/events/stream']?.get.parameters?.map((p) => p.name)).toContain('Last-Event-ID');
  });

  it('describes EventMessage with the contract’s own JSON Schema, and every $ref resolves', () => {
    const { $schema: _s, ...eventMessage } = z.toJSONSchema(EventMessage) as Record<string, unknown>;
    expect(doc.components.schemas.EventMessage).toEqual(eventMessage);
    const all = refs(doc);
    expect(all).toContain('#/components/schemas/EventMessage');
    for (const ref of all)
      expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(item.get.responses['200'], path).toBeDefined();
      if (item.get.parameters?.length) expect(item.get.responses['400'], path).toBeDefined();
    }
  });
});

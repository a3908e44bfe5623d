import { z } from 'zod';
import { ActorsQuery, ArticlesQuery, EventPath, EventsQuery, FeedQuery, StreamQuery } from './params.ts';
import { responseSchemas } from './schemas.ts';

type Json = Record<string, unknown>;

/** OpenAPI parameters from a zod object of query (or path) parameters. */
function parameters(schema: z.ZodType, where: 'query' | 'path'): Json[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const ref = (id: keyof typeof responseSchemas) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: Json, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const badRequest = json(ref('Error'), 'Invalid parameters: the body names each one and what is wrong.');

/** The components: the response schemas, with references between them as $ref. */
function components(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(responseSchemas)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  // Each becomes a component, not a document of its own.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Json;
      return [id, rest];
    }),
  );
}

/** OpenAPI 3.1 description of every endpoint of the API. */
export function openApiDocument(version: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dyad indexer API',
      version,
      description:
        'Read-only access to the events Dyad found between Morocco and Kazakhstan (one record per ' +
        'real event, with every article and language that reports it), full-text search over the ' +
        'articles, the actors, an Atom feed and a live stream of announcements.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      '/events': {
        get: {
          operationId: 'listEvents',
          summary: 'Events, newest date first, filtered and paginated',
          parameters: parameters(EventsQuery, 'query'),
          responses: { '200': json(ref('EventsPage'), 'A page of events.'), '400': badRequest },
        },
      },
      '/events/{id}': {
        get: {
          operationId: 'getEvent',
          summary: 'One event with its sources, evidence, merge reasons, parent and children',
          parameters: parameters(EventPath, 'path'),
          responses: {
            '200': json(ref('EventDetail'), 'The event.'),
            '400': badRequest,
            '404': json(ref('Error'), 'No event has this id.'),
          },
        },
      },
      '/events/stream': {
        get: {
          operationId: 'streamEvents',
          summary: 'new-event and event-updated as Server-Sent Events, as they are published',
          parameters: [
            ...parameters(StreamQuery, 'query'),
            {
              name: 'Last-Event-ID',
              in: 'header',
              required: false,
              description: 'Resume after this event id (sent by EventSource when it reconnects).',
              schema: { type: 'string', pattern: '^\\d{1,15}$' },
            },
          ],
          responses: {
            '200': {
              description:
                'An endless text/event-stream. Each event: `id:` the stream sequence, `event:` new-event ' +
                'or event-updated, `data:` the event as JSON (components.schemas.EventMessage). ' +
                'Comment lines (`: heartbeat`) keep the connection open.',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            '400': badRequest,
            '503': json(ref('Error'), 'Too many streams open, or no connection to NATS.'),
          },
        },
      },
      '/articles': {
        get: {
          operationId: 'searchArticles',
          summary: 'Full-text search over articles in every language, with highlighted passages',
          parameters: parameters(ArticlesQuery, 'query'),
          responses: {
            '200': json(ref('ArticlesPage'), 'A page of matching articles, best first.'),
            '400': badRequest,
          },
        },
      },
      '/actors': {
        get: {
          operationId: 'listActors',
          summary: 'Participants of events, the most active first, with their names per language',
          parameters: parameters(ActorsQuery, 'query'),
          responses: { '200': json(ref('ActorsPage'), 'A page of actors.'), '400': badRequest },
        },
      },
      '/agreements.json': {
        get: {
          operationId: 'listAgreements',
          summary:
            'Every agreement named, with its life: planned, signed, approved at home (ratified), in force; each step with its sources',
          responses: { '200': json(ref('AgreementsList'), 'The agreements, by name.') },
        },
      },
      '/feed.atom': {
        get: {
          operationId: 'eventFeed',
          summary: 'The latest created or changed events as an Atom 1.0 feed',
          parameters: parameters(FeedQuery, 'query'),
          responses: {
            '200': {
              description: 'An Atom feed (RFC 4287).',
              content: { 'application/atom+xml': { schema: { type: 'string' } } },
            },
            '400': badRequest,
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.') },
        },
      },
    },
    components: { schemas: components() },
  };
}

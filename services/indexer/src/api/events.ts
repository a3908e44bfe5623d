import type { EventMessage } from '@dyad/contracts';
import type { StoredEvent } from '@dyad/store';
import type { FastifyInstance } from 'fastify';
import { page } from './pagination.ts';
import { EventPath, EventsQuery, firstDay, lastDay, parseParams } from './params.ts';
import type { ApiStore } from './store.ts';

/** The event as new-event carries it: list items leave the merge history to the detail. */
function message(event: StoredEvent): EventMessage {
  const { mergeReasons: _m, ...rest } = event;
  return rest;
}

function brief(event: EventMessage) {
  return { eventId: event.eventId, type: event.type, date: event.date, summary: event.summary };
}

/** GET /events and GET /events/:id. */
export function eventRoutes(app: FastifyInstance, store: ApiStore): void {
  app.get('/events', async (request) => {
    const query = parseParams(EventsQuery, request.query);
    const filter = {
      // A month or year stands for all its days: from its first, to its last.
      from: query.from === undefined ? undefined : firstDay(query.from),
      to: query.to === undefined ? undefined : lastDay(query.to),
      type: query.type,
      actor: query.actor,
      country: query.country,
      topic: query.topic,
      place: query.place,
      lang: query.lang,
      limit: query.limit,
      offset: query.offset,
    };
    const { events, total } = query.q
      ? await store.searchEvents({ ...filter, q: query.q })
      : await store.listEvents(filter);
    return { ...page(request.url, total, query.limit, query.offset), events: events.map(message) };
  });

  app.get('/events/:id', async (request, reply) => {
    const { id } = parseParams(EventPath, request.params);
    const event = await store.getEvent(id);
    if (!event) return reply.code(404).send({ error: 'not found', message: `no event with id ${id}` });
    const children = await store.childEvents(id);
    const parent = event.partOf ? await store.getEvent(event.partOf) : undefined;
    return { ...event, parent: parent ? brief(parent) : null, children: children.map(brief) };
  });
}

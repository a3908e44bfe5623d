import type { Logger } from '@dyad/bus';
import { type Actor as KnownActor, loadActors } from '@dyad/knowledge';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agreementLives } from '../api/agreements.ts';
import {
  EventPath,
  EventsQuery,
  firstDay,
  InvalidParametersError,
  lastDay,
  parseParams,
} from '../api/params.ts';
import type { ApiStore } from '../api/store.ts';
import { actorPage } from './actor-page.ts';
import { agreementsPage } from './agreements-page.ts';
import { CLIENT_SCRIPT } from './client.ts';
import { eventPage, type SourceText } from './event-page.ts';
import { type Html, html } from './html.ts';
import { uiLanguage } from './i18n.ts';
import { layout, type PageContext, pageContext } from './page.ts';
import { FAVICON, STYLESHEET } from './style.ts';
import { eventItem } from './timeline.ts';
import { FILTER_KEYS, PAGE_SIZE, type TimelineFilters, timelinePage } from './timeline-page.ts';

export interface WebOptions {
  /** The API's store queries (api/store.ts lists the ones the pages read too). */
  readonly store: ApiStore;
  /** API_PUBLIC_URL (or where the API listens): every absolute link starts with it, never with the Host header. */
  readonly publicUrl: () => string;
  /** The knowledge base's people, for roles with dates; read from @dyad/knowledge when not given. */
  readonly actors?: () => readonly KnownActor[];
  readonly log?: Logger;
}

const UiQuery = z.object({ hl: z.string().optional() });
const FragmentQuery = z.strictObject({
  cue: z.enum(['new', 'updated']).optional(),
  hl: z.string().optional(),
});

function headers(reply: FastifyReply, publicUrl: string): FastifyReply {
  const origin = new URL(publicUrl).origin;
  return reply
    .type('text/html; charset=utf-8')
    .header(
      'content-security-policy',
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; ` +
        `base-uri 'none'; form-action 'self' ${origin}; frame-ancestors 'none'; object-src 'none'`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .header('cache-control', 'no-cache');
}

function splitUi(query: unknown): { hl: string | undefined; rest: Record<string, unknown> } {
  const { hl, ...rest } = (typeof query === 'object' && query !== null ? query : {}) as Record<
    string,
    unknown
  >;
  return { hl: UiQuery.parse({ hl: typeof hl === 'string' ? hl : undefined }).hl, rest };
}

/** The web pages: timeline at `/`, event, actor and agreements pages, their assets and live fragments. */
export function webRoutes(app: FastifyInstance, options: WebOptions): void {
  const { store } = options;
  let known: Map<string, KnownActor> | undefined;
  const knownActor = (id: string): KnownActor | undefined => {
    if (!known) {
      known = new Map();
      try {
        for (const a of options.actors ? options.actors() : loadActors().actors) known.set(a.id, a);
      } catch (error) {
        options.log?.warn(
          { err: error },
          'web: the knowledge base’s actors could not be read; roles come from events only',
        );
      }
    }
    return known.get(id);
  };

  // Aggregates over every event (the chart, the filters' choices) read each event's whole state:
  // kept until an event is created or changed, so that the timeline answers fast between changes.
  let marker = '';
  const aggregates = new Map<string, Promise<unknown>>();
  const cached = async <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    const now = await store.eventsMarker();
    if (now !== marker) {
      aggregates.clear();
      marker = now;
    }
    let value = aggregates.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      aggregates.set(key, value);
      // A failed query is not kept; and the map stays small.
      value.catch(() => aggregates.delete(key));
      if (aggregates.size > 200) aggregates.delete(aggregates.keys().next().value ?? '');
    }
    return value;
  };

  const context = (request: FastifyRequest): PageContext => {
    const { hl } = splitUi(request.query);
    return pageContext(options.publicUrl(), request.url, uiLanguage(hl));
  };

  const send = (reply: FastifyReply, body: Html, status = 200) =>
    headers(reply, options.publicUrl()).code(status).send(body.value);

  const problem = (
    ctx: PageContext,
    reply: FastifyReply,
    status: number,
    title: string,
    lines: readonly string[],
  ) =>
    send(
      reply,
      layout(
        ctx,
        { title, page: 'problem', canonical: ctx.link('') },
        html`<h1>${title}</h1><ul>${lines.map((l) => html`<li>${l}</li>`)}</ul><p><a href="${ctx.link('')}">${ctx.t.timeline}</a></p>`,
      ),
      status,
    );

  // Parameters that do not validate: the page says which, in HTML (the JSON API answers 400 in JSON).
  const guarded =
    (handler: (request: FastifyRequest, reply: FastifyReply, ctx: PageContext) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = context(request);
      try {
        return await handler(request, reply, ctx);
      } catch (error) {
        if (error instanceof InvalidParametersError)
          return problem(
            ctx,
            reply,
            400,
            ctx.t.badRequest,
            error.issues.map((i) => `${i.parameter}: ${i.message}`),
          );
        throw error;
      }
    };

  app.get(
    '/',
    guarded(async (request, reply, ctx) => {
      const { rest } = splitUi(request.query);
      const query = parseParams(EventsQuery, { limit: String(PAGE_SIZE), ...rest });
      const filters: TimelineFilters = Object.fromEntries(
        FILTER_KEYS.map((k) => [k, query[k]]).filter(([, v]) => v !== undefined),
      );
      const listFilter = {
        ...filters,
        from: query.from === undefined ? undefined : firstDay(query.from),
        to: query.to === undefined ? undefined : lastDay(query.to),
        limit: query.limit,
        offset: query.offset,
      };
      const [{ events, total }, counts, facets, { actors }] = await Promise.all([
        query.q ? store.searchEvents({ ...listFilter, q: query.q }) : store.listEvents(listFilter),
        cached(`counts:${JSON.stringify({ ...filters, from: undefined, to: undefined })}`, () =>
          store.eventMonthCounts({ ...listFilter, q: query.q }),
        ),
        cached('facets', () => store.eventFacets()),
        cached('actors', () => store.listActors({ limit: 200 })),
      ]);
      return send(
        reply,
        timelinePage(ctx, {
          filters,
          offset: query.offset,
          limit: query.limit,
          events,
          total,
          counts,
          facets,
          actors,
        }),
      );
    }),
  );

  app.get(
    '/event/:id',
    guarded(async (request, reply, ctx) => {
      const { id } = parseParams(EventPath, request.params);
      const event = await store.getEvent(id);
      if (!event) return problem(ctx, reply, 404, ctx.t.notFound, [ctx.t.noSuchEvent]);
      const [parent, children, history, articles] = await Promise.all([
        event.partOf ? store.getEvent(event.partOf) : undefined,
        store.childEvents(id),
        store.eventHistory(id),
        Promise.all(event.sources.map((s) => store.getArticle(s.articleId))),
      ]);
      const texts = new Map<string, SourceText>();
      for (const stored of articles)
        if (stored)
          texts.set(stored.article.articleId, {
            articleId: stored.article.articleId,
            sourceId: stored.article.sourceId,
            text: stored.article.text,
          });
      return send(reply, eventPage(ctx, { event, parent, children, history, texts }));
    }),
  );

  app.get(
    '/actor/:id',
    guarded(async (request, reply, ctx) => {
      const { id } = parseParams(EventPath, request.params);
      const [{ events, total }, counts] = await Promise.all([
        store.listEvents({ actor: id, limit: 100 }),
        store.eventMonthCounts({ actor: id }),
      ]);
      const knownEntry = knownActor(id);
      if (total === 0 && !knownEntry) return problem(ctx, reply, 404, ctx.t.notFound, [ctx.t.noSuchActor]);
      return send(reply, actorPage(ctx, { actorId: id, known: knownEntry, events, total, counts }));
    }),
  );

  app.get(
    '/agreements',
    guarded(async (_request, reply, ctx) =>
      send(
        reply,
        agreementsPage(ctx, agreementLives(await store.agreementEvents(), await store.agreementActs())),
      ),
    ),
  );

  // One timeline item, for the page's script to insert when the stream announces the event.
  app.get(
    '/fragments/event/:id',
    guarded(async (request, reply, ctx) => {
      const { id } = parseParams(EventPath, request.params);
      const { cue } = parseParams(FragmentQuery, request.query);
      const event = await store.getEvent(id);
      if (!event) return headers(reply, options.publicUrl()).code(404).send('');
      return send(reply, eventItem(ctx, event, cue));
    }),
  );

  const asset = (path: string, type: string, body: string) =>
    app.get(path, async (_request, reply) =>
      reply
        .type(type)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=300')
        .send(body),
    );
  asset('/static/dyad.css', 'text/css; charset=utf-8', STYLESHEET);
  asset('/static/dyad.js', 'text/javascript; charset=utf-8', CLIENT_SCRIPT);
  asset('/static/favicon.svg', 'image/svg+xml', FAVICON);
}

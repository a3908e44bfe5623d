import type { Logger } from '@dyad/bus';
import { loadActors } from '@dyad/knowledge';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { webRoutes } from '../web/routes.ts';
import { actorRoutes } from './actors.ts';
import { agreementRoutes } from './agreements.ts';
import { articleRoutes } from './articles.ts';
import type { EventFeed } from './event-feed.ts';
import { eventRoutes } from './events.ts';
import { feedRoutes } from './feed.ts';
import { openApiDocument } from './openapi.ts';
import { InvalidParametersError } from './params.ts';
import type { ApiStore } from './store.ts';
import { streamRoutes } from './stream.ts';

export interface ApiOptions {
  readonly store: ApiStore;
  /** What /events/stream reads; without it the stream answers 503. */
  readonly feed?: EventFeed;
  readonly log?: Logger;
  readonly version: string;
  readonly heartbeatMs?: number;
  readonly maxStreams?: number;
  /**
   * API_PUBLIC_URL: absolute links (web pages, Atom) start with it, never with the request's Host
   * header. A function when it is known only once listening (startApi: where it listens).
   */
  readonly publicUrl?: string | (() => string);
  /** DYAD_PROFILE: whose actors the web pages show the roles of. */
  readonly profile?: string;
}

/** Every route of the API on `app` (exported so that tests can list what gets registered). */
export function registerRoutes(app: FastifyInstance, options: ApiOptions): void {
  eventRoutes(app, options.store);
  articleRoutes(app, options.store);
  actorRoutes(app, options.store);
  agreementRoutes(app, options.store);
  feedRoutes(app, options.store, publicUrlOf(options));
  streamRoutes(app, {
    feed: options.feed,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxStreams: options.maxStreams,
  });
  const document = openApiDocument(options.version);
  app.get('/openapi.json', async () => document);
}

function publicUrlOf(options: ApiOptions): () => string {
  const given = options.publicUrl ?? 'http://127.0.0.1:8080';
  return typeof given === 'function' ? given : () => given;
}

/** The API, not listening yet: `inject()` it, or `listen()`. */
export function buildApi(options: ApiOptions): FastifyInstance {
  const logger: FastifyBaseLogger | undefined = options.log?.child({ component: 'api' });
  const app: FastifyInstance = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // One log line per request would drown the indexer's own; failures are logged below.
    logController: new LogController({ disableRequestLogging: true }),
  });

  // A NUL in a path or a parameter: no id, date or word has one, and PostgreSQL refuses it.
  // Answered here, before any route, for the API and the web pages alike.
  app.addHook('onRequest', async (request, reply) => {
    const where = nulIn(request.url);
    if (where) {
      return reply.code(400).send({
        error: 'invalid parameters',
        message: `${where}: contains a NUL character`,
        issues: [{ parameter: where, message: 'contains a NUL character' }],
      });
    }
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof InvalidParametersError) {
      return reply
        .code(400)
        .send({ error: 'invalid parameters', message: error.message, issues: error.issues });
    }
    // Fastify's own errors (a malformed URL, a bad header) carry their status.
    const status = statusOf(error);
    if (status < 500) return reply.code(status).send({ error: 'bad request', message: messageOf(error) });
    request.log.error({ err: error, url: request.url }, 'api request failed');
    return reply
      .code(status)
      .send({ error: 'internal error', message: 'the request failed; see the indexer log' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: 'not found',
      message: `no such endpoint: ${request.method} ${request.url.split('?')[0]}; see /openapi.json`,
    }),
  );
  registerRoutes(app, options);
  // The web pages (the timeline at /) beside the API; not part of its OpenAPI document.
  // The profile's people, read once (a bad DYAD_PROFILE fails the start, not a page).
  const actors = options.profile ? loadActors(options.profile).actors : undefined;
  webRoutes(app, {
    store: options.store,
    publicUrl: publicUrlOf(options),
    log: options.log,
    ...(actors ? { actors: () => actors } : {}),
  });
  return app;
}

/** Where a raw request URL holds a NUL (written %00 or as it is), if it does. */
function nulIn(url: string): '(path)' | '(query)' | undefined {
  const has = (part: string) => part.toLowerCase().includes('%00') || part.includes(String.fromCharCode(0));
  const q = url.indexOf('?');
  if (q >= 0 && has(url.slice(q))) return '(query)';
  return has(q >= 0 ? url.slice(0, q) : url) ? '(path)' : undefined;
}

function statusOf(error: unknown): number {
  const status = error instanceof Error ? Reflect.get(error, 'statusCode') : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface RunningApi {
  readonly port: number;
  readonly url: string;
  /** Ends open event streams, then stops listening once requests in progress are answered. */
  close(): Promise<void>;
}

/** Builds the API and listens on host:port (0: any free port). */
export async function startApi(options: ApiOptions & { host: string; port: number }): Promise<RunningApi> {
  let listening = '';
  const app = buildApi({ ...options, publicUrl: options.publicUrl ?? (() => listening) });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  listening = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  return {
    port,
    url: listening,
    close: () => app.close(),
  };
}

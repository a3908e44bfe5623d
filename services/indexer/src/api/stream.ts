import { EventMessage } from '@dyad/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EventFeed, FeedMessage } from './event-feed.ts';
import { InvalidParametersError, parseParams, StreamQuery } from './params.ts';

export interface StreamOptions {
  readonly feed: EventFeed | undefined;
  /** A comment line this often keeps idle connections (and proxies) open. */
  readonly heartbeatMs: number;
  /** Streams at once; more get 503, since each holds a consumer on the NATS server. */
  readonly maxStreams?: number;
}

/** One SSE event: `id` is the stream sequence, `event` the subject, `data` the event JSON. */
export function sseFrame(message: FeedMessage): string {
  const data = message.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n');
  return `id: ${message.seq}\nevent: ${message.subject}\n${data}\n\n`;
}

function lastEventId(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && /^\d{1,15}$/.test(value)) return Number(value);
  throw new InvalidParametersError([
    { parameter: 'Last-Event-ID', message: 'expected the id (a stream sequence) of an event of this stream' },
  ]);
}

/** Whether the message is an event as new-event/event-updated carry it; anything else is not forwarded. */
function isEvent(data: string): boolean {
  try {
    return EventMessage.safeParse(JSON.parse(data)).success;
  } catch {
    return false;
  }
}

/**
 * GET /events/stream: new-event and event-updated as Server-Sent Events, read from stream EVENTS.
 * Ends when the client goes away or the API closes.
 */
export function streamRoutes(app: FastifyInstance, options: StreamOptions): void {
  const open = new Set<() => Promise<void>>();
  const maxStreams = options.maxStreams ?? 200;

  // Ends every stream (and removes its consumer, while NATS is still connected) before the server
  // waits for its connections to close.
  app.addHook('preClose', async () => {
    await Promise.all([...open].map((end) => end()));
  });

  app.get('/events/stream', { exposeHeadRoute: false }, async (request, reply: FastifyReply) => {
    const query = parseParams(StreamQuery, request.query);
    const after = query.after ?? lastEventId(request.headers['last-event-id']);
    if (!options.feed || open.size >= maxStreams) {
      return reply
        .code(503)
        .header('retry-after', '10')
        .send({ error: 'unavailable', message: 'the event stream is not available now; retry later' });
    }
    let subscription: Awaited<ReturnType<EventFeed['open']>>;
    try {
      subscription = await options.feed.open(after);
    } catch (error) {
      request.log.warn({ err: error }, 'event stream: cannot read stream EVENTS');
      return reply
        .code(503)
        .header('retry-after', '10')
        .send({ error: 'unavailable', message: 'cannot read the event stream from NATS now; retry later' });
    }
    const res = reply.hijack().raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.write(': connected\nretry: 3000\n\n');

    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        open.delete(end);
        clearInterval(heartbeat);
        res.end();
      }
      return subscription.stop();
    };
    open.add(end);
    res.on('close', () => void end());

    void (async () => {
      try {
        for await (const message of subscription) {
          if (ended) break;
          if (!isEvent(message.data)) {
            request.log.warn(
              { seq: message.seq, subject: message.subject },
              'event stream: not an event; skipped',
            );
            continue;
          }
          // A slow client: wait for its buffer to drain rather than queue without bound.
          if (!res.write(sseFrame(message)))
            await new Promise<void>((resolve) => {
              res.once('drain', resolve);
              res.once('close', resolve);
            });
        }
      } catch (error) {
        request.log.warn({ err: error }, 'event stream: reading EVENTS failed; closing');
      } finally {
        await end();
      }
    })();
  });
}

import { request } from 'node:http';

/** A Server-Sent Events client for this folder's tests (not exported from the package). */

export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

export interface SseConnection {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly events: SseEvent[];
  readonly comments: string[];
  /** Resolves when the server ends the response. */
  readonly ended: Promise<void>;
  /** Resolves with the `count`-th event (1-based) once it has arrived. */
  nth(count: number, timeoutMs?: number): Promise<SseEvent>;
  /** Goes away as a browser tab would: the socket is destroyed. */
  disconnect(): void;
}

/** Opens `url` and parses the stream as the EventSource specification says. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      let fields: { id?: string; event?: string; data: string[] } = { data: [] };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let newline = buffer.search(/\r\n|\r|\n/);
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (fields.data.length)
              events.push({ id: fields.id, event: fields.event ?? 'message', data: fields.data.join('\n') });
            fields = { data: [] };
            for (const wake of [...waiters]) wake();
          } else if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'data') fields.data.push(value);
            else if (name === 'id') fields.id = value;
            else if (name === 'event') fields.event = value;
          }
          newline = buffer.search(/\r\n|\r|\n/);
        }
      });
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        ended,
        nth(count, timeoutMs = 20_000) {
          return new Promise((found, fail) => {
            const check = () => {
              const event = events[count - 1];
              if (!event) return;
              waiters.delete(check);
              clearTimeout(timer);
              found(event);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no event #${count} within ${timeoutMs} ms (got ${events.length})`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        disconnect: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

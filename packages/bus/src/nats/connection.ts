import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { natsServers } from '../runtime/secrets.ts';

export interface NatsOptions {
  readonly url: string;
  readonly name: string;
  readonly user?: string;
  readonly password?: string;
  readonly log?: Logger;
}

/**
 * A connection that reconnects for ever (a broker restart must not end a service) and logs its
 * status changes. Credentials written inside the URL (`nats://user:pw@host`, `nats://token@host`)
 * are used, and taken out of the server list; `user`/`password` (NATS_USER, NATS_PASSWORD) win.
 */
export async function connectNats(options: NatsOptions): Promise<NatsConnection> {
  const { servers, user, pass, token } = natsServers(options.url);
  const nc = await connect({
    servers,
    name: options.name,
    user: options.user ?? user,
    pass: options.password ?? pass,
    ...(token !== undefined && options.user === undefined && user === undefined ? { token } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    timeout: 5_000,
    // Without it every request (each publish and confirmed ack) builds two Error objects up front,
    // only for the caller's stack should it time out: ~0.5 ms an article in each service. A
    // request's error still says what failed (subject, timeout, no responders).
    noAsyncTraces: true,
  });
  const log = options.log;
  if (log) {
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect' || status.type === 'error')
          log.warn({ nats: status.type }, 'nats connection');
        else if (status.type === 'reconnect') log.info({ nats: status.type }, 'nats reconnected');
      }
    })();
  }
  return nc;
}

/** Lets queued publishes and acks reach the server, then closes. Safe to call twice. */
export async function closeNats(nc: NatsConnection): Promise<void> {
  if (nc.isClosed()) return;
  try {
    await nc.drain();
  } catch {
    await nc.close().catch(() => undefined);
  }
}

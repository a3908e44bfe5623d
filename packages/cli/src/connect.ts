import { NatsBus, redactUrl } from '@dyad/bus';
import { Redis } from 'ioredis';
import type { CliConfig } from './config.ts';
import { CommandError, errorMessage } from './errors.ts';

/**
 * Connects to NATS (5 s connect timeout). Unreachable → a CommandError naming the URL.
 * `ensureStreams: false` leaves the servers untouched (status and dlq only read).
 */
export async function connectBus(config: CliConfig, options: { ensureStreams: boolean }): Promise<NatsBus> {
  try {
    return await NatsBus.connect({
      url: config.natsUrl,
      name: 'dyad-cli',
      names: config.names,
      user: config.natsUser,
      password: config.natsPassword,
      ensureStreams: options.ensureStreams,
      streamReplicas: config.streamReplicas,
      streamLimits: config.streamLimits,
    });
  } catch (error) {
    throw new CommandError(
      `cannot use NATS at ${redactUrl(config.natsUrl)}: ${errorMessage(error).replace(/\.$/, '')}. ` +
        'Is nats-server (with JetStream, -js) running? Start it with `pnpm stack` or ' +
        '`docker compose up -d nats`, or set NATS_URL.',
      { cause: error },
    );
  }
}

/** Connects to Redis once, failing within `timeoutMs` instead of retrying for ever. */
export async function connectRedis(url: string, timeoutMs = 3_000): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: () => null,
  });
  // connect() rejects with only "Connection is closed"; the cause comes as an 'error' event.
  let cause: unknown;
  redis.on('error', (error: unknown) => {
    cause ??= error;
  });
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = errorMessage(cause ?? error).replace(/\.$/, '');
    throw new CommandError(
      `cannot reach Redis at ${redactUrl(url)}: ${reason}. Is redis-server running? Start it with ` +
        '`pnpm stack` or `docker compose up -d redis`, or set REDIS_URL.',
      { cause: error },
    );
  }
}

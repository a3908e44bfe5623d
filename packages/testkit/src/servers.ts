import { connect as connectNats } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import pg from 'pg';
import { GenericContainer, type StartedTestContainer } from 'testcontainers';

/**
 * The real servers integration tests run against: taken from NATS_URL, REDIS_URL and
 * DATABASE_URL when set (CI, `bash infra/dev.sh pnpm test`), else started once per test worker
 * with testcontainers (a laptop with Docker). Never a mock and never a skip: when neither way
 * works the test fails and says how to provide them.
 */

export type ServerKind = 'nats' | 'redis' | 'postgres';

const HOW_TO =
  'Integration tests need real NATS (JetStream), Redis and PostgreSQL. Either set ' +
  'NATS_URL=nats://127.0.0.1:4222 REDIS_URL=redis://127.0.0.1:6379 ' +
  'DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/test, or run the tests with ' +
  '`bash infra/dev.sh pnpm test` (it starts them from Debian packages), or start Docker so that ' +
  'testcontainers can run them.';

export class TestServerUnavailableError extends Error {
  readonly kind: ServerKind;
  constructor(kind: ServerKind, detail: string, options?: { cause?: unknown }) {
    super(`${kind}: ${detail}\n${HOW_TO}`, options);
    this.name = 'TestServerUnavailableError';
    this.kind = kind;
  }
}

const ENV: Record<ServerKind, string> = { nats: 'NATS_URL', redis: 'REDIS_URL', postgres: 'DATABASE_URL' };

const resolved = new Map<ServerKind, Promise<string>>();
const containers: StartedTestContainer[] = [];

/** URL of a reachable server of this kind; the first call per process checks it or starts it. */
export function serverUrl(kind: ServerKind): Promise<string> {
  let url = resolved.get(kind);
  if (!url) {
    url = resolve(kind);
    resolved.set(kind, url);
  }
  return url;
}

/** Throws TestServerUnavailableError, saying how to provide the server, when `url` does not answer. */
export async function checkServer(kind: ServerKind, url: string): Promise<void> {
  try {
    await probe(kind, url);
  } catch (cause) {
    throw new TestServerUnavailableError(
      kind,
      `${ENV[kind]}=${url} is set but not reachable (${errorText(cause)})`,
      {
        cause,
      },
    );
  }
}

async function resolve(kind: ServerKind): Promise<string> {
  const fromEnv = process.env[ENV[kind]];
  if (fromEnv) {
    await checkServer(kind, fromEnv);
    return fromEnv;
  }
  let url: string;
  try {
    url = await startContainer(kind);
  } catch (cause) {
    throw new TestServerUnavailableError(
      kind,
      `${ENV[kind]} is unset and testcontainers could not start one (${errorText(cause)})`,
      { cause },
    );
  }
  await probe(kind, url);
  return url;
}

async function startContainer(kind: ServerKind): Promise<string> {
  switch (kind) {
    case 'nats': {
      const c = await new GenericContainer('nats:2.10-alpine')
        .withCommand(['-js'])
        .withExposedPorts(4222)
        .start();
      containers.push(c);
      return `nats://${c.getHost()}:${c.getMappedPort(4222)}`;
    }
    case 'redis': {
      const c = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
      containers.push(c);
      return `redis://${c.getHost()}:${c.getMappedPort(6379)}`;
    }
    case 'postgres': {
      const c = await new GenericContainer('postgres:16-alpine')
        .withEnvironment({ POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'test' })
        .withExposedPorts(5432)
        .start();
      containers.push(c);
      return `postgres://postgres:postgres@${c.getHost()}:${c.getMappedPort(5432)}/test`;
    }
  }
}

async function probe(kind: ServerKind, url: string): Promise<void> {
  switch (kind) {
    case 'nats': {
      const nc = await connectNats({ servers: url, timeout: 3_000, maxReconnectAttempts: 0 });
      try {
        // JetStream must be enabled, not only core NATS.
        const reply = await nc.request('$JS.API.INFO', undefined, { timeout: 3_000 });
        const info = reply.json<{ error?: { description: string } }>();
        if (info.error) throw new Error(`JetStream is not enabled: ${info.error.description}`);
      } finally {
        await nc.close();
      }
      return;
    }
    case 'redis': {
      const redis = new Redis(url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      });
      // connect() rejects with the error; this keeps ioredis from also printing it as unhandled.
      redis.on('error', () => undefined);
      try {
        await redis.connect();
        await redis.ping();
      } finally {
        redis.disconnect();
      }
      return;
    }
    case 'postgres': {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
      try {
        await client.connect();
        await client.query('select 1');
      } finally {
        await client.end().catch(() => undefined);
      }
      return;
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

/** Stops the containers this process started (testcontainers' reaper does it too on exit). */
export async function stopContainers(): Promise<void> {
  await Promise.allSettled(containers.splice(0).map((c) => c.stop()));
}

/**
 * `docker compose up` without Docker: every service of docker-compose.yml runs as the process its
 * container would run, with the environment compose would give it (see compose-processes.ts for
 * the substitutions: host names → 127.0.0.1 and free ports; PostgreSQL → the `postgres` fixture's
 * URL and schema; `node dist/main.js` → `node --conditions=dyad:source src/main.ts`).
 */
import { once } from 'node:events';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { NatsBus } from '@dyad/bus';
import { articleIdFor, type EventMessage, names, seedUrl } from '@dyad/contracts';
import { describe, eventually, expect, it, TestProcess } from '@dyad/testkit';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { parse } from 'yaml';
import { portMappings, serviceEnvironment } from './compose-file.ts';
import {
  dyadProcess,
  emptySourcesDir,
  isolatedEnv,
  mapServiceUrl,
  replaySeeds,
  runHealthcheck,
  runToEnd,
  startComposeNats,
  startComposeRedis,
  startComposeStack,
  startProcess,
  uncleanExits,
  Volumes,
} from './compose-processes.ts';
import { dyadImageServices, loadProject, prometheusConfigPath, userSettings } from './compose-project.ts';
import { imageConfig } from './dockerfile.ts';
import { repoRoot, seedFiles } from './pipeline.ts';

/** The fetcher's mounted sources folder: an empty list (the shipped sources are real outlets). */
const sourcesDir = emptySourcesDir();
afterAll(() => rmSync(sourcesDir, { recursive: true, force: true }));
/** .env as a user writes it: .env.example with passwords of their own. */
const project = loadProject(userSettings({ DYAD_SOURCES_DIR: sourcesDir }));
const expectedIds = seedFiles.map((f) => articleIdFor(seedUrl(f))).sort();
/** What a client outside the stack is given: the cli's credentials. */
const clientEnv = serviceEnvironment(project.compose.doc.services.cli ?? {});

describe('compose as processes: the pieces', () => {
  it('compose: maps URLs of compose services to this machine and refuses ones it has no port for', () => {
    const ports = new Map([
      ['nats:4222', 14222],
      ['redis:6379', 16379],
    ]);
    const services = ['nats', 'redis', 'postgres'];
    expect(mapServiceUrl('nats://nats:4222', services, ports)).toBe('nats://127.0.0.1:14222');
    expect(mapServiceUrl('nats://nats:4222,nats://nats', services, ports)).toBe(
      'nats://127.0.0.1:14222,nats://127.0.0.1:14222',
    );
    expect(mapServiceUrl('redis://:pw@redis:6379/0', services, ports)).toBe('redis://:pw@127.0.0.1:16379/0');
    expect(mapServiceUrl('https://example.org/x', services, ports)).toBe('https://example.org/x');
    expect(() => mapServiceUrl('postgres://u:p@postgres:5432/db', services, ports)).toThrow(/postgres:5432/);
  });

  it('compose: the cli service runs `dyad replay seeds` on the image’s own copy of seeds/', () => {
    const cli = dyadImageServices(project.compose).find((i) => i.service === 'cli');
    if (!cli) throw new Error('no cli service');
    const ports = new Map([
      ['nats:4222', 1],
      ['redis:6379', 2],
      ['indexer:8080', 3],
    ]);
    const spec = dyadProcess(project, cli, { ports, runArgs: ['replay', 'seeds'] });
    expect(spec.args).toEqual(['--conditions=dyad:source', 'src/main.ts', 'replay', join(repoRoot, 'seeds')]);
    expect(spec.cwd).toBe(join(repoRoot, 'packages', 'cli'));
    expect(spec.env).toMatchObject({
      NATS_URL: 'nats://127.0.0.1:1',
      REDIS_URL: expect.stringMatching(/@127\.0\.0\.1:2$/),
    });
    expect(imageConfig(project.dockerfile, 'cli').cmd).toEqual(['--help']);
  });
});

describe('compose as processes: the whole stack', () => {
  it('compose: runs every service of docker-compose.yml as a process: healthy, `cli replay seeds` stores the five seeds, `cli subscribe` and `cli status` work, Prometheus targets answer, SIGTERM drains', async ({
    postgres,
  }) => {
    const stack = await startComposeStack(project, postgres);
    let exits: Awaited<ReturnType<typeof stack.stop>> | undefined;
    let subscriber: TestProcess | undefined;
    try {
      expect([...stack.services.keys()].sort()).toEqual(['cleaner', 'extractor', 'fetcher', 'indexer']);

      // The servers demand the credentials of .env.example, as configured in compose.
      await expect(
        connect({ servers: `nats://127.0.0.1:${stack.nats.port}`, reconnect: false }),
      ).rejects.toThrow(/authorization/i);
      expect(await redisReply(stack.redis.port, 'PING')).toMatch(/^-NOAUTH/);
      const redisUrl = stack.services.get('fetcher')?.spec.env.REDIS_URL ?? '';
      const authed = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
      await authed.connect();
      expect(await authed.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await authed.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      authed.disconnect();

      // The image's own HEALTHCHECK (Dockerfile) passes too, not only compose's.
      for (const [name, s] of stack.services) {
        const hc = imageConfig(project.dockerfile, s.image.target).healthcheck;
        if (!hc || hc === 'NONE') throw new Error(`${name}: no HEALTHCHECK`);
        const check = runHealthcheck({ healthcheck: { test: ['CMD', ...hc.argv] } }, s.spec.env, {
          cwd: s.spec.cwd,
        });
        expect(check.status, `${name}: ${check.stderr}`).toBe(0);
      }

      // docker compose run --rm cli subscribe --json
      subscriber = startProcess(stack.cli(['subscribe', '--json']));
      await subscriber.waitForLine(/listening on EVENTS/, 20_000);

      // docker compose run --rm cli replay seeds
      const { replay, stored } = await replaySeeds(stack, postgres, 45_000);
      expect(replay.code, replay.output).toBe(0);
      expect(replay.output).toMatch(/5 published/);
      expect(stored).toEqual(expectedIds);

      // docker compose run --rm cli events | search: the indexer's API inside the stack (DYAD_API_URL).
      const events = await runToEnd(stack.cli(['events', '--json']));
      expect(events.code, events.output).toBe(0);
      expect(jsonOutput<{ total: number }>(events.output).total).toBeGreaterThan(0);
      const search = await runToEnd(stack.cli(['search', 'Kazakhstan', '--json']));
      expect(search.code, search.output).toBe(0);
      expect(jsonOutput<{ total: number }>(search.output).total).toBeGreaterThan(0);

      // sources.yaml in the mounted folder, edited while the fetcher runs: picked up, no restart.
      // (A disabled source: it is scheduled for nothing, so nothing reaches the internet.)
      const fetcher = stack.services.get('fetcher')?.process;
      expect(fetcher?.output()).toMatch(/"sources":0,.*poll schedules in sync/);
      writeFileSync(
        join(sourcesDir, 'sources.yaml'),
        'sources:\n  - { id: edited-in-place, name: Edited, url: https://example.test/feed.xml, kind: rss, lang: en, enabled: false }\n',
      );
      await fetcher?.waitForLine(/"sources":1,.*poll schedules in sync/, 30_000);

      // The ports compose publishes answer: the indexer's events API.
      for (const [name, s] of stack.services) {
        for (const published of portMappings(s.image.definition)) {
          const port = stack.ports.get(`${name}:${published.target}`);
          expect(port, `${name}:${published.target} is a port the service listens on`).toBeDefined();
          const res = await fetch(`http://127.0.0.1:${port}/openapi.json`);
          expect(res.status, `${name}:${published.target}/openapi.json`).toBe(200);
        }
      }

      // docker compose run --rm cli status: NATS and Redis with their passwords.
      const status = await runToEnd(stack.cli(['status']));
      expect(status.code, status.output).toBe(0);

      // What Prometheus scrapes (infra/prometheus/prometheus.yml), by compose name and port.
      const config = parse(readFileSync(prometheusConfigPath, 'utf8')) as {
        scrape_configs: {
          job_name: string;
          metrics_path?: string;
          dns_sd_configs?: { names: string[]; port: number }[];
        }[];
      };
      let scraped = 0;
      for (const job of config.scrape_configs) {
        for (const sd of job.dns_sd_configs ?? []) {
          for (const host of sd.names) {
            const port = stack.ports.get(`${host}:${sd.port}`);
            expect(port, `${job.job_name}: ${host}:${sd.port} is a service of the stack`).toBeDefined();
            const res = await fetch(`http://127.0.0.1:${port}${job.metrics_path ?? '/metrics'}`);
            expect(res.status, `${job.job_name} /metrics`).toBe(200);
            expect(await res.text()).toMatch(/^# HELP /m);
            scraped++;
          }
        }
      }
      expect(scraped).toBe(4);
    } finally {
      const subscribed = subscriber ? await subscriber.stop() : undefined;
      exits = await stack.stop();
      if (subscriber) expect(subscribed, subscriber.output()).toEqual({ code: 0, signal: null });
    }
    // docker compose stop: SIGTERM, and each service drains and exits 0 within stop_grace_period.
    expect(uncleanExits(stack, exits)).toEqual([]);
  }, 300_000);

  it('compose: the README’s Node example receives new-event from outside the stack, with the .env credentials', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const example = /```js\n(\/\/ new-event\.mjs[\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README.md has the ```js block starting with // new-event.mjs').toBeDefined();
    expect(example?.trim().split('\n').length).toBeLessThanOrEqual(12);
    const volumes = new Volumes();
    const nats = await startComposeNats(project, volumes);
    let subscriber: TestProcess | undefined;
    try {
      const url = `nats://127.0.0.1:${nats.port}`;
      const bus = await NatsBus.connect({
        url,
        user: clientEnv.NATS_USER,
        password: clientEnv.NATS_PASSWORD,
        name: 'compose-test',
        names: names(''),
      });
      try {
        // Not the pipeline's output: an announcement as the indexer publishes it, to drive the example.
        await bus.publisher.publish('newEvent', sampleEvent());
      } finally {
        await bus.close();
      }
      // `node new-event.mjs` beside an install of @nats-io/transport-node and @nats-io/jetstream.
      subscriber = new TestProcess({
        name: 'readme-example',
        command: process.execPath,
        args: ['--input-type=module', '--eval', example ?? ''],
        cwd: join(repoRoot, 'packages', 'e2e'),
        env: isolatedEnv({
          NATS_URL: url,
          NATS_USER: clientEnv.NATS_USER ?? '',
          NATS_PASSWORD: clientEnv.NATS_PASSWORD ?? '',
        }),
      });
      const line = await subscriber.waitForLine(/official_visit/, 20_000);
      expect(line).toContain('2025-02-28');
      expect(line).toContain('https://example.test/news/readme');
    } finally {
      await subscriber?.stop(5_000);
      await nats.process.stop();
      volumes.cleanup();
    }
  }, 60_000);

  it('compose: `cli subscribe` receives new-event for the replayed seeds, once per event', async ({
    postgres,
  }) => {
    const stack = await startComposeStack(project, postgres);
    const subscriber = startProcess(stack.cli(['subscribe', '--json', '--since', 'all']));
    try {
      await subscriber.waitForLine(/listening on EVENTS/, 20_000);
      const replay = await runToEnd(stack.cli(['replay', 'seeds']));
      expect(replay.code, replay.output).toBe(0);
      const events = await eventually(
        async () => {
          const lines = subscriber
            .output()
            .split('\n')
            .map((l) => l.replace(/^\[[^\]]+\] /, ''))
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as { subject: string; event: EventMessage });
          const announced = lines.filter((l) => l.subject === 'new-event');
          return announced.length > 0 ? announced : undefined;
        },
        60_000,
        'new-event messages from the indexer',
      );
      const ids = events.map((e) => e.event.eventId);
      expect(new Set(ids).size, 'one new-event per event').toBe(ids.length);
      for (const { event } of events)
        for (const source of event.sources) expect(expectedIds).toContain(source.articleId);
    } finally {
      await subscriber.stop();
      await stack.stop();
    }
  }, 180_000);
});

describe('compose as processes: credentials', () => {
  it.each(['123456', '1.5', 'true', '007'])(
    'compose: nats-server starts from infra/nats/nats.conf with the NATS password %s, and a client gets in with it',
    async (password) => {
      const settings = userSettings({ NATS_PASSWORD: password, DYAD_SOURCES_DIR: sourcesDir });
      const withPassword = loadProject(settings);
      const volumes = new Volumes();
      const nats = await startComposeNats(withPassword, volumes);
      try {
        const client = serviceEnvironment(withPassword.compose.doc.services.cli ?? {});
        expect(client.NATS_PASSWORD).toBe(password);
        const servers = `nats://127.0.0.1:${nats.port}`;
        const nc = await connect({ servers, user: client.NATS_USER, pass: password, reconnect: false });
        await nc.close();
        await expect(
          connect({ servers, user: client.NATS_USER, pass: `${password}0`, reconnect: false }),
        ).rejects.toThrow(/authorization/i);
      } finally {
        await nats.process.stop();
        volumes.cleanup();
      }
    },
    30_000,
  );

  it('compose: the Redis password is on no command line: not in the compose command, not in the running server’s', async () => {
    const password = serviceEnvironment(project.compose.doc.services.redis ?? {}).REDIS_PASSWORD ?? '';
    expect(password).toMatch(/^pw-/);
    expect(JSON.stringify(project.compose.doc.services.redis?.command)).not.toContain(password);
    const volumes = new Volumes();
    const redis = await startComposeRedis(project, volumes);
    try {
      const pid = redis.process.pid;
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(password);
      expect(await redisReply(redis.port, 'PING')).toMatch(/^-NOAUTH/);
      expect(await redisReply(redis.port, `AUTH ${password}`)).toBe('+OK');
    } finally {
      await redis.process.stop();
      volumes.cleanup();
    }
  });
});

/** What a process printed as JSON, without the `[name] ` prefix TestProcess puts on each line. */
function jsonOutput<T>(output: string): T {
  return JSON.parse(output.replace(/^\[[^\]]+\] /gm, '')) as T;
}

/** One inline command to Redis without authenticating; its raw reply line. */
async function redisReply(port: number, command: string): Promise<string> {
  const socket = createConnection({ port, host: '127.0.0.1' });
  try {
    socket.write(`${command}\r\n`);
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    return chunk.toString('utf8').trim();
  } finally {
    socket.destroy();
  }
}

function sampleEvent(): EventMessage {
  const url = 'https://example.test/news/readme';
  return {
    schema: 1,
    eventId: 'evt-readme',
    version: 1,
    type: 'official_visit',
    cameo: '042',
    date: { value: '2025-02-28', precision: 'day' },
    participants: [{ actorId: 'kz.tokayev', name: 'Kassym-Jomart Tokayev', names: {}, country: 'KZ' }],
    topics: ['trade'],
    agreements: [],
    summary: 'A visit in Rabat',
    sources: [
      {
        articleId: articleIdFor(url),
        url,
        title: 'A visit',
        lang: 'en',
        publishedAt: null,
        main: true,
        evidence: [],
      },
    ],
    firstSeenAt: '2025-02-28T10:00:00.000Z',
    updatedAt: '2025-02-28T10:00:00.000Z',
  };
}

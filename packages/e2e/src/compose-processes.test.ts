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
      ['api-proxy:8080', 3],
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
      expect([...stack.services.keys()].sort()).toEqual([
        'cleaner',
        'extractor',
        'fetcher',
        'indexer',
        'indexer-api',
      ]);
      expect([...stack.proxies.keys()]).toEqual(['api-proxy']);

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

      // docker compose run --rm cli events | search: the indexer's API through api-proxy (DYAD_API_URL).
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

      // The ports compose publishes for Dyad answer: the indexer's events API, through api-proxy.
      let published = 0;
      for (const name of [...stack.services.keys(), ...stack.proxies.keys()]) {
        for (const mapping of portMappings(project.compose.doc.services[name] ?? {})) {
          const port = stack.ports.get(`${name}:${mapping.target}`);
          expect(port, `${name}:${mapping.target} is a port the service listens on`).toBeDefined();
          const res = await fetch(`http://127.0.0.1:${port}/openapi.json`);
          expect(res.status, `${name}:${mapping.target}/openapi.json`).toBe(200);
          published++;
        }
      }
      expect(published).toBe(1);

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
      // The four stages, the API's replicas and the proxy.
      expect(scraped).toBe(6);
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

describe('compose as processes: the API behind api-proxy', () => {
  it('compose: `--scale indexer-api=2`: requests through the one published port reach both replicas, /events/stream and the pages pass through with API_PUBLIC_URL links (not the Host header), and a stopped replica is left out', async ({
    postgres,
  }) => {
    const stack = await startComposeStack(project, postgres);
    let second: TestProcess | undefined;
    let stream: AbortController | undefined;
    try {
      const proxy = `http://127.0.0.1:${stack.proxies.get('api-proxy')?.port}`;
      const first = stack.services.get('indexer-api');
      if (!first) throw new Error('no indexer-api');
      // A second container of indexer-api: an address of its own, the same ports.
      const address = '127.0.1.2';
      const listenPorts = { PORT: Number(first.spec.env.PORT), API_PORT: Number(first.spec.env.API_PORT) };
      second = startProcess({
        ...dyadProcess(project, first.image, {
          ports: stack.ports,
          listenPorts,
          postgres,
          overrides: { HOST: address },
        }),
        name: 'indexer-api-2',
      });
      await eventually(
        async () => ((await fetchOk(`http://${address}:${listenPorts.PORT}/readyz`)) ? true : undefined),
        60_000,
        'the second indexer-api replica ready',
      );
      // Compose's DNS now names both replicas; HAProxy asks again within seconds.
      stack.dns.set('indexer-api', ['127.0.0.1', address]);
      const answered = await eventually(
        async () => {
          for (let i = 0; i < 10; i++) expect((await fetch(`${proxy}/events`)).status).toBe(200);
          const servers = await proxyServerResponses(proxy, stack.ports.get('api-proxy:8404'));
          return servers.size >= 2 ? servers : undefined;
        },
        60_000,
        'requests through api-proxy answered by two indexer-api replicas',
      );
      expect([...answered.values()].every((n) => n > 0)).toBe(true);

      // /events/stream through the proxy: a new-event arrives while the stream is open.
      stream = new AbortController();
      const res = await fetch(`${proxy}/events/stream`, { signal: stream.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body?.getReader();
      if (!reader) throw new Error('no body');
      const replay = await runToEnd(stack.cli(['replay', 'seeds']));
      expect(replay.code, replay.output).toBe(0);
      let received = '';
      while (!/^event: new-event$/m.test(received)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`stream ended: ${received}`);
        received += new TextDecoder().decode(chunk.value);
      }
      stream.abort();

      // Absolute links come from API_PUBLIC_URL, whatever Host the request names.
      const publicUrl = serviceEnvironment(project.compose.doc.services['indexer-api'] ?? {}).API_PUBLIC_URL;
      expect(publicUrl).toMatch(/^http/);
      for (const path of ['/feed.atom', '/']) {
        const page = await fetch(`${proxy}${path}`, { headers: { host: 'attacker.example' } });
        expect(page.status, path).toBe(200);
        const body = await page.text();
        expect(body, path).toContain(publicUrl?.replace(/\/$/, ''));
        expect(body, path).not.toContain('attacker.example');
      }

      // docker compose up --scale indexer-api=1: the second replica stops and leaves compose's DNS.
      const exit = await second.stop();
      expect(exit, second.output()).toEqual({ code: 0, signal: null });
      stack.dns.set('indexer-api', ['127.0.0.1']);
      await eventually(
        async () =>
          (await activeServers(proxy, stack.ports.get('api-proxy:8404'))) === 1 ? true : undefined,
        60_000,
        'api-proxy down to one indexer-api replica',
      );
      for (let i = 0; i < 20; i++) expect((await fetch(`${proxy}/events`)).status).toBe(200);
    } finally {
      stream?.abort();
      await second?.stop();
      await stack.stop();
    }
  }, 240_000);
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

/** Whether a GET of `url` answers 2xx (false when nothing listens). */
async function fetchOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** HAProxy's exporter (api-proxy's monitoring port): 2xx responses per server of backend indexer-api. */
async function proxyServerResponses(
  proxy: string,
  monitorPort: number | undefined,
): Promise<Map<string, number>> {
  const text = await (
    await fetch(`${new URL(proxy).origin.replace(/:\d+$/, '')}:${monitorPort}/metrics`)
  ).text();
  const out = new Map<string, number>();
  for (const match of text.matchAll(
    /^haproxy_server_http_responses_total\{proxy="indexer-api",server="([^"]+)",code="2xx"\} (\d+)/gm,
  ))
    if (Number(match[2]) > 0) out.set(match[1] ?? '', Number(match[2]));
  return out;
}

/** HAProxy's exporter: how many servers of backend indexer-api are up. */
async function activeServers(proxy: string, monitorPort: number | undefined): Promise<number> {
  const text = await (
    await fetch(`${new URL(proxy).origin.replace(/:\d+$/, '')}:${monitorPort}/metrics`)
  ).text();
  return Number(
    /^haproxy_backend_active_servers\{proxy="indexer-api"\} (\d+)/m.exec(text)?.[1] ?? Number.NaN,
  );
}

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

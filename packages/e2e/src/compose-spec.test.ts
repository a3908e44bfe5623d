// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose's ${VAR} syntax, not template literals
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from '@dyad/testkit/processes';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  dependencyProblems,
  fileProblems,
  proxyProblems,
  scaleProblems,
  startOrder,
  validateComposeSpec,
} from './compose-checks.ts';
import {
  argv,
  buildOf,
  type ComposeDocument,
  dependsOn,
  healthcheckCommand,
  parseComposeYaml,
  portMappings,
  resolveCompose,
  serviceEnvironment,
  volumeMounts,
} from './compose-file.ts';
import { parseDotenv } from './compose-interpolate.ts';
import {
  clusterComposeFile,
  composeFile,
  dyadImageServices,
  envExampleFile,
  loadProject,
  prometheusConfigPath,
} from './compose-project.ts';
import { repoRoot } from './pipeline.ts';

const { compose } = loadProject();
const doc = compose.doc;
const envExample = parseDotenv(readFileSync(envExampleFile, 'utf8'));

/** Services that `docker compose up --scale NAME=N` may multiply: the stages and the API's replicas. */
const SCALABLE = ['fetcher', 'cleaner', 'extractor', 'indexer', 'indexer-api'];
/** The Dyad services `docker compose up` starts: the four stages and the indexer's API. */
const STAGES = ['fetcher', 'cleaner', 'extractor', 'indexer', 'indexer-api'];
const haproxyConfigPath = join(repoRoot, 'infra', 'haproxy', 'haproxy.cfg');
/** Variables compose itself reads from .env, not through ${…}. */
const COMPOSE_SETTINGS = ['COMPOSE_PROJECT_NAME', 'COMPOSE_PROFILES', 'COMPOSE_FILE'];

const alwaysOn = Object.keys(doc.services).filter(
  (name) => (doc.services[name]?.profiles ?? []).length === 0,
);

function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

describe('compose file: Compose Specification and .env.example', () => {
  it('compose: interpolates with .env.example alone, with no error and no unset variable', () => {
    expect(compose.errors).toEqual([]);
    expect([...compose.unset]).toEqual([]);
  });

  it('compose: every ${VAR} it uses is defined in .env.example, and .env.example defines nothing unused', () => {
    const missing = [...compose.variables].filter((v) => !(v in envExample));
    expect(missing, 'used by docker-compose.yml, missing from .env.example').toEqual([]);
    const unused = Object.keys(envExample).filter(
      (v) => !compose.variables.has(v) && !COMPOSE_SETTINGS.includes(v),
    );
    expect(unused, 'in .env.example, used nowhere').toEqual([]);
  });

  it('compose: refuses to start without the credentials (each is ${VAR:?…})', () => {
    const resolved = resolveCompose(compose.raw, {}, composeFile);
    const missing = new Set(resolved.errors.map((e) => /required variable (\w+)/.exec(e)?.[1]));
    for (const secret of ['NATS_USER', 'NATS_PASSWORD', 'REDIS_PASSWORD', 'POSTGRES_PASSWORD'])
      expect(missing.has(secret), `${secret} is required`).toBe(true);
  });

  it('compose: validates against the Compose Specification JSON Schema', () => {
    expect(validateComposeSpec(doc)).toEqual([]);
  });

  it('compose: the schema check rejects a broken copy (unknown key, bad duration, bad depends_on)', () => {
    const broken = deepCopy(doc) as { services: Record<string, Record<string, unknown>> };
    const cleaner = broken.services.cleaner ?? {};
    cleaner.dependz_on = ['nats'];
    cleaner.healthcheck = { ...(cleaner.healthcheck as object), interval: 'ten seconds' };
    cleaner.depends_on = { nats: { condition: 'service_ready' } };
    const errors = validateComposeSpec(broken as unknown as ComposeDocument).join('\n');
    expect(errors).toMatch(/dependz_on/);
    expect(errors).toMatch(/interval/);
    expect(errors).toMatch(/depends_on/);
  });

  it('compose: depends_on names services, waits only for healthchecks that exist, has no cycle, agrees with profiles', () => {
    expect(dependencyProblems(doc)).toEqual([]);
    // The checks themselves: a copy that breaks each rule.
    const broken = deepCopy(doc) as { services: Record<string, Record<string, unknown>> };
    broken.services.cleaner = {
      ...broken.services.cleaner,
      depends_on: { natz: { condition: 'service_healthy' } },
    };
    broken.services.extractor = {
      ...broken.services.extractor,
      depends_on: { prometheus: { condition: 'service_started' } },
    };
    broken.services.fetcher = {
      ...broken.services.fetcher,
      depends_on: { cli: { condition: 'service_healthy' } },
    };
    broken.services.nats = { ...broken.services.nats, depends_on: ['indexer'] };
    const problems = dependencyProblems(broken as unknown as ComposeDocument).join('\n');
    expect(problems).toMatch(/cleaner: depends_on natz, which is not a service/);
    expect(problems).toMatch(
      /extractor: depends_on prometheus, which starts only with profile observability/,
    );
    expect(problems).toMatch(/fetcher: waits for cli to be healthy, but cli has no healthcheck/);
    expect(problems).toMatch(/depends_on cycle: .*nats → indexer/);
  });

  it('compose: the servers start before the stages', () => {
    const order = startOrder(doc, alwaysOn);
    for (const stage of STAGES) {
      for (const dep of dependsOn(doc.services[stage] ?? {})) {
        expect(order.indexOf(dep.service)).toBeLessThan(order.indexOf(stage));
        expect(dep.condition).toBe('service_healthy');
      }
    }
    for (const indexer of ['indexer', 'indexer-api'])
      expect(
        dependsOn(doc.services[indexer] ?? {})
          .map((d) => d.service)
          .sort(),
        indexer,
      ).toEqual(['nats', 'postgres']);
    expect(
      dependsOn(doc.services.fetcher ?? {})
        .map((d) => d.service)
        .sort(),
    ).toEqual(['nats', 'redis']);
  });

  it('compose: bind mounts, named volumes, build contexts and Dockerfiles exist', () => {
    expect(fileProblems(compose)).toEqual([]);
    expect(volumeMounts(doc.services.postgres ?? {}, compose.dir)).toContainEqual(
      expect.objectContaining({
        type: 'volume',
        source: 'postgres-data',
        target: '/var/lib/postgresql/data',
      }),
    );
  });

  it('compose: the pipeline stages scale (--scale cleaner=3): no fixed host port, no container_name', () => {
    expect(scaleProblems(doc, SCALABLE)).toEqual([]);
    const broken = deepCopy(doc) as { services: Record<string, Record<string, unknown>> };
    broken.services.cleaner = { ...broken.services.cleaner, ports: ['9102:9102'], container_name: 'cleaner' };
    expect(scaleProblems(broken as unknown as ComposeDocument, SCALABLE)).toEqual([
      'cleaner: container_name prevents --scale',
      'cleaner: publishes host port 9102, which prevents --scale',
    ]);
  });

  it('compose: every always-on service has a healthcheck, a restart policy, resource limits and rotated logs', () => {
    expect(alwaysOn.sort()).toEqual([
      'api-proxy',
      'cleaner',
      'extractor',
      'fetcher',
      'indexer',
      'indexer-api',
      'nats',
      'postgres',
      'redis',
    ]);
    for (const name of alwaysOn) {
      const service = doc.services[name] ?? {};
      expect(service.healthcheck?.test, `${name}: healthcheck`).toBeDefined();
      expect(service.restart, `${name}: restart`).toBe('unless-stopped');
      expect(service.deploy?.resources?.limits?.memory, `${name}: memory limit`).toMatch(/^\d+[MG]$/);
      expect(service.deploy?.resources?.limits?.cpus, `${name}: cpu limit`).toBeDefined();
      expect(service.logging, `${name}: log rotation`).toMatchObject({
        options: { 'max-size': expect.any(String) },
      });
    }
    for (const stage of STAGES) {
      // Longer than SHUTDOWN_TIMEOUT_MS (+2 s hard stop), so docker stop lets a stage drain.
      const grace = Number(/^(\d+)s$/.exec(String(doc.services[stage]?.stop_grace_period))?.[1]);
      const timeout = Number(serviceEnvironment(doc.services[stage] ?? {}).SHUTDOWN_TIMEOUT_MS ?? 8000);
      expect(grace * 1000, `${stage}: stop_grace_period`).toBeGreaterThan(timeout + 2000);
    }
  });

  it('compose: nats has JetStream config from infra/nats and credentials; redis appendonly with a password; postgres a volume', () => {
    const nats = doc.services.nats ?? {};
    expect(volumeMounts(nats, compose.dir)).toContainEqual(
      expect.objectContaining({ type: 'bind', source: `${repoRoot}/infra/nats/nats.conf`, readOnly: true }),
    );
    const conf = readFileSync(`${repoRoot}/infra/nats/nats.conf`, 'utf8');
    expect(conf).toMatch(/^jetstream\s*\{/m);
    expect(conf).toMatch(/user:\s*\$NATS_USER/);
    expect(conf).toMatch(/password:\s*\$NATS_PASSWORD/);
    expect(conf).toMatch(/max_file_store:\s*\$NATS_MAX_FILE_STORE/);
    // nats.conf parses a variable's value as a config value: quoted, it stays a string.
    expect(serviceEnvironment(nats)).toMatchObject({
      NATS_USER: `"${envExample.NATS_USER}"`,
      NATS_PASSWORD: `"${envExample.NATS_PASSWORD}"`,
      NATS_MAX_FILE_STORE: envExample.NATS_MAX_FILE_STORE,
    });
    const redisCommand = (doc.services.redis?.command ?? []) as string[];
    expect(redisCommand.join(' ')).toMatch(/--appendonly yes/);
    expect(redisCommand.join(' ')).toMatch(/requirepass \$REDIS_PASSWORD/);
    expect(redisCommand.join(' ')).not.toContain(envExample.REDIS_PASSWORD);
    expect(serviceEnvironment(doc.services.redis ?? {}).REDIS_PASSWORD).toBe(envExample.REDIS_PASSWORD);
  });

  it('compose: the fetcher reads sources.yaml from a mounted folder (DYAD_SOURCES_DIR), the shipped list by default', () => {
    const fetcher = doc.services.fetcher ?? {};
    const sourcesFile = serviceEnvironment(fetcher).SOURCES_FILE ?? '';
    const mount = volumeMounts(fetcher, compose.dir).find((m) => sourcesFile.startsWith(`${m.target}/`));
    // A folder, read-only: an editor replacing the file still reaches the container.
    expect(mount).toMatchObject({
      type: 'bind',
      readOnly: true,
      source: join(repoRoot, 'packages', 'sources', 'data'),
    });
    expect(existsSync(join(mount?.source ?? '', sourcesFile.slice((mount?.target.length ?? 0) + 1)))).toBe(
      true,
    );
  });

  it('compose: every client uses the credentials its server gets', () => {
    const natsEnv = serviceEnvironment(doc.services.nats ?? {});
    const redisPassword = serviceEnvironment(doc.services.redis ?? {}).REDIS_PASSWORD;
    const pgEnv = serviceEnvironment(doc.services.postgres ?? {});
    for (const { service, definition } of dyadImageServices(compose)) {
      const env = serviceEnvironment(definition);
      expect(env.NATS_URL, service).toBe('nats://nats:4222');
      expect([`"${env.NATS_USER}"`, `"${env.NATS_PASSWORD}"`], service).toEqual([
        natsEnv.NATS_USER,
        natsEnv.NATS_PASSWORD,
      ]);
      if (env.REDIS_URL) expect(new URL(env.REDIS_URL).password, service).toBe(redisPassword);
      if (env.DATABASE_URL) {
        const url = new URL(env.DATABASE_URL);
        expect([url.username, url.password, url.hostname, url.pathname], service).toEqual([
          pgEnv.POSTGRES_USER,
          pgEnv.POSTGRES_PASSWORD,
          'postgres',
          `/${pgEnv.POSTGRES_DB}`,
        ]);
      }
    }
    expect(serviceEnvironment(doc.services['redis-exporter'] ?? {}).REDIS_PASSWORD).toBe(redisPassword);
    expect(
      new URL(serviceEnvironment(doc.services['postgres-exporter'] ?? {}).DATA_SOURCE_NAME ?? '').password,
    ).toBe(pgEnv.POSTGRES_PASSWORD);
  });

  it('compose: cli in profile tools; Prometheus and exporters in observability; NATS and the API (through api-proxy) published', () => {
    expect(doc.services.cli?.profiles).toEqual(['tools']);
    for (const name of ['prometheus', 'nats-exporter', 'redis-exporter', 'postgres-exporter'])
      expect(doc.services[name]?.profiles, name).toEqual(['observability']);
    expect(portMappings(doc.services['api-proxy'] ?? {})).toEqual([
      { hostIp: envExample.DYAD_BIND_ADDRESS, published: envExample.INDEXER_API_PORT, target: 8080 },
    ]);
    for (const name of ['indexer', 'indexer-api'])
      expect(portMappings(doc.services[name] ?? {}), `${name} publishes nothing`).toEqual([]);
    expect(serviceEnvironment(doc.services['indexer-api'] ?? {})).toMatchObject({
      PORT: '9104',
      API_PORT: '8080',
    });
    expect(portMappings(doc.services.nats ?? {})).toEqual([
      { hostIp: envExample.DYAD_BIND_ADDRESS, published: envExample.NATS_PORT, target: 4222 },
    ]);
  });

  it('compose: Prometheus scrapes every service, at the port compose gives it', () => {
    const prometheus = doc.services.prometheus ?? {};
    const configMount = volumeMounts(prometheus, compose.dir).find((m) => m.source === prometheusConfigPath);
    expect(configMount, 'infra/prometheus/prometheus.yml is mounted').toBeDefined();
    expect(prometheus.command).toContain(`--config.file=${configMount?.target}`);
    const config = parse(readFileSync(prometheusConfigPath, 'utf8')) as {
      scrape_configs: {
        job_name: string;
        metrics_path?: string;
        dns_sd_configs?: { names: string[]; port: number; type?: string }[];
        static_configs?: { targets: string[] }[];
      }[];
    };
    const targets = config.scrape_configs.flatMap((job) => [
      ...(job.dns_sd_configs ?? []).flatMap((sd) =>
        sd.names.map((host) => ({ job: job.job_name, host, port: sd.port })),
      ),
      ...(job.static_configs ?? []).flatMap((sc) =>
        sc.targets.map((t) => ({
          job: job.job_name,
          host: t.split(':')[0] ?? '',
          port: Number(t.split(':')[1]),
        })),
      ),
    ]);
    for (const stage of STAGES) {
      const port = Number(serviceEnvironment(doc.services[stage] ?? {}).PORT);
      expect(targets, `${stage} scraped by DNS (every replica) on PORT ${port}`).toContainEqual({
        job: stage,
        host: stage,
        port,
      });
    }
    // HAProxy's exporter, on the monitoring port its healthcheck uses.
    const monitorPort = Number(
      /127\.0\.0\.1:(\d+)\//.exec(
        healthcheckCommand(doc.services['api-proxy'] ?? {})?.args.join(' ') ?? '',
      )?.[1],
    );
    expect(targets).toContainEqual({ job: 'api-proxy', host: 'api-proxy', port: monitorPort });
    // The servers, through exporters that run in the same profile and reach them.
    for (const [server, exporter] of [
      ['nats', 'nats-exporter'],
      ['redis', 'redis-exporter'],
      ['postgres', 'postgres-exporter'],
    ] as const) {
      expect(
        targets.some((t) => t.host === exporter),
        `${server} scraped through ${exporter}`,
      ).toBe(true);
      expect(dependsOn(doc.services[exporter] ?? {}).map((d) => d.service)).toEqual([server]);
    }
    for (const target of targets) {
      if (target.host === '127.0.0.1') continue;
      expect(Object.keys(doc.services), `scrape target ${target.host}`).toContain(target.host);
    }
  });

  it('compose: a YAML anchor change reaches every service that merges it', () => {
    const text = readFileSync(composeFile, 'utf8').replace(
      '  LOG_LEVEL: ${LOG_LEVEL:-info}',
      '  LOG_LEVEL: debug',
    );
    const changed = resolveCompose(parseComposeYaml(text), envExample, composeFile).doc;
    for (const stage of STAGES)
      expect(serviceEnvironment(changed.services[stage] ?? {}).LOG_LEVEL).toBe('debug');
  });

  it('compose: the indexer runs as two services of one image, `indexer` (INDEXER_ROLE=consumer) and `indexer-api` (api), on one PostgreSQL; the API gets API_PUBLIC_URL', () => {
    const consumer = doc.services.indexer ?? {};
    const api = doc.services['indexer-api'] ?? {};
    expect([consumer.image, buildOf(consumer)?.target]).toEqual([api.image, buildOf(api)?.target]);
    expect(buildOf(api)?.target).toBe('indexer');
    const consumerEnv = serviceEnvironment(consumer);
    const apiEnv = serviceEnvironment(api);
    expect([consumerEnv.INDEXER_ROLE, apiEnv.INDEXER_ROLE]).toEqual(['consumer', 'api']);
    expect(consumerEnv.DATABASE_URL).toBe(apiEnv.DATABASE_URL);
    // The consumer serves nothing: no API settings that would suggest otherwise.
    expect(Object.keys(consumerEnv).filter((k) => k.startsWith('API_'))).toEqual([]);
    // Where people reach the API: .env.example's value, which is the published address.
    expect(apiEnv.API_PUBLIC_URL).toBe(envExample.API_PUBLIC_URL);
    const published = new URL(envExample.API_PUBLIC_URL ?? '');
    expect([published.hostname, published.port]).toEqual([
      envExample.DYAD_BIND_ADDRESS,
      envExample.INDEXER_API_PORT,
    ]);
    // Required: absolute links from a wrong default would be silently broken.
    const { API_PUBLIC_URL: _, ...withoutUrl } = envExample;
    expect(resolveCompose(compose.raw, withoutUrl, composeFile).errors.join('\n')).toMatch(
      /required variable API_PUBLIC_URL/,
    );
    // `cli events` and `cli search` go through the proxy, as users do.
    const proxyPort = portMappings(doc.services['api-proxy'] ?? {})[0]?.target;
    expect(serviceEnvironment(doc.services.cli ?? {}).DYAD_API_URL).toBe(`http://api-proxy:${proxyPort}`);
  });

  it('compose: api-proxy (HAProxy, infra/haproxy/haproxy.cfg) sends its published port to every ready indexer-api replica, found through compose’s DNS', () => {
    expect(proxyProblems(compose, 'api-proxy')).toEqual([]);
    expect(dependsOn(doc.services['api-proxy'] ?? {})).toEqual([
      { service: 'indexer-api', condition: 'service_healthy' },
    ]);
    // The checks themselves: copies that break each rule.
    const text = readFileSync(haproxyConfigPath, 'utf8');
    const broken = (from: RegExp, to: string) => {
      expect(text, `haproxy.cfg matches ${from}`).toMatch(from);
      return proxyProblems(compose, 'api-proxy', text.replace(from, to)).join('\n');
    };
    expect(broken(/indexer-api:8080/, 'indexer-api:8081')).toMatch(/indexer-api listens on no port 8081/);
    expect(broken(/ port 9104 /, ' port 8080 ')).toMatch(/health is checked on port 8080, not its PORT 9104/);
    expect(broken(/option httpchk GET \/readyz/, 'option httpchk GET /healthz')).toMatch(
      /no health check on \/readyz/,
    );
    expect(broken(/bind :8080/, 'bind :8081')).toMatch(/publishes 8080, which no frontend binds/);
    expect(broken(/127\.0\.0\.11:53/, '8.8.8.8:53')).toMatch(/not compose's DNS/);
    expect(
      broken(
        /server-template indexer-api- 1-10 indexer-api:8080/,
        'server-template indexer-api- 1-10 indexr-api:8080',
      ),
    ).toMatch(/indexr-api:8080 is not a compose service/);
  });

  // Debian's haproxy: `bash infra/dev.sh` installs it, so this never skips in CI.
  it('compose: haproxy -c accepts infra/haproxy/haproxy.cfg', () => {
    const executable = findExecutable('haproxy');
    if (!executable) throw new Error('haproxy is not installed: `bash infra/dev.sh true` installs it');
    const result = spawnSync(executable, ['-c', '-f', haproxyConfigPath], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status, result.stderr + result.stdout).toBe(0);
  });

  // Debian's docker-compose (v1): `bash infra/dev.sh` installs it, so this never skips in CI.
  it.each([
    ['docker-compose.yml', [composeFile]],
    ['docker-compose.yml + docker-compose.cluster.yml', [composeFile, clusterComposeFile]],
  ])(
    'compose: docker-compose config accepts %s with every profile and resolves the same environments and commands',
    (_, files) => {
      const executable = findExecutable('docker-compose');
      if (!executable)
        throw new Error('docker-compose is not installed: `bash infra/dev.sh true` installs it');
      const merged = loadProject(undefined, files).compose.doc;
      const profiles = [...new Set(Object.values(merged.services).flatMap((s) => s.profiles ?? []))].sort();
      expect(profiles).toEqual(['observability', 'tools']);
      // No profile (what `docker compose up` starts), each profile alone, then all of them.
      for (const selected of [[], ...profiles.map((p) => [p]), profiles]) {
        const result = spawnSync(
          executable,
          [
            '--env-file',
            envExampleFile,
            ...files.flatMap((f) => ['-f', f]),
            ...selected.flatMap((p) => ['--profile', p]),
            'config',
          ],
          { encoding: 'utf8', cwd: repoRoot, timeout: 60_000 },
        );
        expect(result.status, `profiles [${selected.join(', ')}]: ${result.stderr}`).toBe(0);
        // docker-compose 1.29's `config` prints every service whatever the profiles.
        const resolved = parse(result.stdout) as ComposeDocument;
        expect(Object.keys(resolved.services).sort()).toEqual(Object.keys(merged.services).sort());
        for (const [name, service] of Object.entries(merged.services)) {
          const theirs = resolved.services[name] ?? {};
          expect(serviceEnvironment(theirs), name).toEqual(serviceEnvironment(service));
          // docker-compose config writes a literal $ as $$ again.
          const command = theirs.command;
          expect(
            Array.isArray(command) ? command.map((c) => c.replaceAll('$$', '$')) : command,
            name,
          ).toEqual(service.command);
          expect(
            volumeMounts(theirs, repoRoot)
              .map((m) => m.target)
              .sort(),
            name,
          ).toEqual(
            volumeMounts(service, repoRoot)
              .map((m) => m.target)
              .sort(),
          );
          expect(Object.keys(theirs.depends_on ?? {}).sort(), name).toEqual(
            dependsOn(service)
              .map((d) => d.service)
              .sort(),
          );
        }
      }
    },
    120_000,
  );
});

describe('compose file: the 3-node NATS cluster (docker-compose.cluster.yml over docker-compose.yml)', () => {
  const cluster = loadProject(undefined, [composeFile, clusterComposeFile]).compose;
  const nodes = ['nats', 'nats-2', 'nats-3'];
  const option = (command: readonly string[], flag: string) => command[command.indexOf(flag) + 1];

  it('compose: the merged file interpolates with .env.example, validates, and uses only variables .env.example has', () => {
    expect(cluster.errors).toEqual([]);
    expect([...cluster.variables].filter((v) => !(v in envExample))).toEqual([]);
    expect(validateComposeSpec(cluster.doc)).toEqual([]);
    expect(dependencyProblems(cluster.doc)).toEqual([]);
    expect(fileProblems(cluster)).toEqual([]);
  });

  it('compose: three nats nodes with the single node’s configuration, one store each, routes to all three, full /healthz', () => {
    const base = doc.services.nats ?? {};
    const commands = nodes.map((n) => argv(cluster.doc.services[n]?.command) ?? []);
    // The same command but for the server name, which is unique.
    const names = commands.map((c) => option(c, '--server_name'));
    expect(new Set(names).size).toBe(3);
    for (const command of commands) {
      expect(command.map((a, i) => (command[i - 1] === '--server_name' ? '*' : a))).toEqual(
        (commands[0] ?? []).map((a, i) => ((commands[0] ?? [])[i - 1] === '--server_name' ? '*' : a)),
      );
      // docker-compose.yml's own arguments come first: config file and store.
      expect(command.slice(0, (argv(base.command) ?? []).length)).toEqual(argv(base.command));
      expect(option(command, '--routes')?.split(',')).toEqual(nodes.map((n) => `nats://${n}:6222`));
      expect(option(command, '--cluster')).toBe('nats://0.0.0.0:6222');
    }
    const stores = new Set<string | undefined>();
    for (const node of nodes) {
      const service = cluster.doc.services[node] ?? {};
      expect(serviceEnvironment(service), node).toEqual(serviceEnvironment(base));
      const mounts = volumeMounts(service, cluster.dir);
      expect(mounts.find((m) => m.target === '/etc/nats/nats.conf')?.source, node).toBe(
        volumeMounts(base, compose.dir).find((m) => m.target === '/etc/nats/nats.conf')?.source,
      );
      stores.add(mounts.find((m) => m.target === '/data')?.source);
      expect(healthcheckCommand(service)?.args.at(-1), node).toBe('http://127.0.0.1:8222/healthz');
      expect(service.restart, node).toBe('unless-stopped');
    }
    expect(stores.size, 'a volume per node').toBe(3);
    // Only the first node is published (NATS_PORT), as in docker-compose.yml.
    expect(portMappings(cluster.doc.services.nats ?? {})).toEqual(portMappings(base));
    expect(portMappings(cluster.doc.services['nats-2'] ?? {})).toEqual([]);
  });

  it('compose: every Dyad process knows the three nodes, creates streams with 3 replicas, and waits for all three', () => {
    for (const { service, definition } of dyadImageServices(cluster)) {
      const env = serviceEnvironment(definition);
      expect(env.NATS_URL?.split(','), service).toEqual(nodes.map((n) => `nats://${n}:4222`));
      expect(env.STREAM_REPLICAS, service).toBe('3');
      const deps = dependsOn(definition);
      for (const node of nodes)
        expect(deps.find((d) => d.service === node)?.condition, `${service} → ${node}`).toBe(
          'service_healthy',
        );
    }
  });
});

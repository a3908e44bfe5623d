/**
 * docker-compose.yml run as processes on this machine, for the tests that stand in for
 * `docker compose up` where there is no Docker engine. Each compose service becomes the process
 * its container would run, with the environment compose would give it, and these substitutions
 * (each one what a container gets from Docker rather than from the compose file):
 *
 * - host names of compose services (nats, redis) → 127.0.0.1, and their container ports → free
 *   ports of this machine (containers have a network namespace each; processes share one);
 * - HOST → 127.0.0.1 and PORT, API_PORT → free ports for the Dyad services (same reason);
 * - the fetcher's sources folder (DYAD_SOURCES_DIR, mounted) is a temporary folder holding an
 *   empty list (`emptySourcesDir`), set by the test: the shipped sources are real outlets, and
 *   tests never reach the internet;
 * - PostgreSQL is the test's `postgres` fixture: DATABASE_URL → its URL and DATABASE_SCHEMA → its
 *   schema (the one server of the machine, shared by tests, one schema each);
 * - paths inside a container (in arguments and in the environment) → the paths they come from:
 *   bind mounts, named volumes (a temporary folder each), files the image COPYs from the build
 *   context, and WORKDIR /app → the workspace package that `pnpm deploy` put there;
 * - the image's init (`/usr/bin/tini --`) is left out, and `node dist/main.js` runs as
 *   `node --conditions=dyad:source src/main.ts` in the package folder (`pnpm test` does not build;
 *   the Dockerfile test checks that the build turns src/main.ts into dist/main.js);
 * - nats-server and redis-server are this machine's binaries, with the compose command's
 *   arguments (config file, store dir; redis's start script and options) plus the port overrides
 *   above;
 * - compose's `user:` is not applied: every process runs as this test's user;
 * - compose's DNS (127.0.0.11) is a DNS server of the test (compose-dns.ts) answering each
 *   service's name with 127.0.0.1 (or, for replicas, an address each: 127.0.1.1, 127.0.1.2, …);
 *   HAProxy (api-proxy) runs from a copy of its mounted configuration with its listen addresses,
 *   the DNS server and its backends' ports mapped as above (`haproxyConfigForHost`).
 *
 * Given the images built from their context (image-build.ts), a container's filesystem is its
 * image's folder instead, and `node dist/main.js` runs as is from its WORKDIR.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, TestProcess } from '@dyad/testkit';
import { findExecutable, freePort } from '@dyad/testkit/processes';
import { startOrder } from './compose-checks.ts';
import { type ComposeDns, startComposeDns } from './compose-dns.ts';
import { containerEnvironment } from './compose-env.ts';
import {
  argv,
  type ComposeService,
  containerPathMapper,
  dependsOn,
  healthcheckCommand,
  mapContainerArgs,
  portMappings,
  serviceEnvironment,
  volumeMounts,
} from './compose-file.ts';
import { type DyadImageService, dyadImageServices, type ProjectFiles } from './compose-project.ts';
import { imageConfig } from './dockerfile.ts';
import { NO_SOURCES, postgresEnv, repoRoot, seedFiles, storedArticles } from './pipeline.ts';

/** Variables naming a port a Dyad service listens on (PORT, API_PORT). */
const LISTEN_PORT = /(^|_)PORT$/;

/** `<service>:<container port>` → the port on this machine that stands for it. */
export type PortMap = ReadonlyMap<string, number>;

const URL_AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?)([^:/?#,]+)(?::(\d+))?/i;
const DEFAULT_PORTS: Record<string, number> = {
  nats: 4222,
  redis: 6379,
  postgres: 5432,
  postgresql: 5432,
  http: 80,
};

/**
 * Points URLs at compose services to this machine: `nats://nats:4222` → `nats://127.0.0.1:<port>`.
 * Comma-separated lists (NATS clusters) too. A URL naming a compose service that has no port here
 * is an error: the test would otherwise pass by reaching something else.
 */
export function mapServiceUrl(value: string, services: readonly string[], ports: PortMap): string {
  return value
    .split(',')
    .map((part) => {
      const match = URL_AUTHORITY.exec(part);
      if (!match?.[1] || !match[2] || !services.includes(match[2])) return part;
      const scheme = match[1].split(':')[0]?.toLowerCase() ?? '';
      const containerPort = Number(match[3] ?? DEFAULT_PORTS[scheme]);
      const port = ports.get(`${match[2]}:${containerPort}`);
      if (port === undefined) throw new Error(`${part}: nothing runs here for ${match[2]}:${containerPort}`);
      return `${match[1]}127.0.0.1:${port}${part.slice(match[0].length)}`;
    })
    .join(',');
}

export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
}

export interface DyadProcessOptions {
  readonly ports: PortMap;
  /**
   * Ports this process listens on, by variable (PORT, API_PORT): each container has the ports
   * of its image to itself, processes share this machine's.
   */
  readonly listenPorts?: Readonly<Record<string, number>>;
  /** Replaces variables of the container's environment (e.g. SOURCES_FILE in tests). */
  readonly overrides?: Readonly<Record<string, string>>;
  readonly postgres?: { readonly url: string; readonly schema: string };
  /** `docker compose run --rm SERVICE ARGS…`: ARGS replace the command. */
  readonly runArgs?: readonly string[];
  /**
   * The images built from the build context (image-build.ts): the folder standing for `/` of
   * each target's image. A container's files are then its image's, and `node dist/main.js` runs
   * as is.
   */
  readonly images?: ReadonlyMap<string, string>;
}

/**
 * Where each path of a Dyad image's container comes from on this machine: the image's folder
 * when it was built, or else WORKDIR → the workspace package and each file COPYed from the
 * build context → itself; then compose's bind mounts.
 */
export function imagePathMapper(project: ProjectFiles, image: DyadImageService, imageRoot?: string) {
  const config = imageConfig(project.dockerfile, image.target);
  const appDir = image.pkg?.dir;
  const mounts = [
    ...(imageRoot
      ? [{ target: '/', hostPath: imageRoot }]
      : [
          ...(appDir ? [{ target: config.workdir, hostPath: appDir }] : []),
          ...config.copies
            .filter((c) => c.from === undefined && c.sources.length === 1)
            .map((c) => ({ target: c.destination, hostPath: join(repoRoot, c.sources[0] ?? '') })),
        ]),
    ...volumeMounts(image.definition, project.compose.dir)
      .filter((m) => m.type === 'bind' && m.source)
      .map((m) => ({ target: m.target, hostPath: m.source ?? '' })),
  ];
  return { workdir: config.workdir, map: containerPathMapper(mounts) };
}

/** The process a Dyad image's container runs for a compose service (see the module comment). */
export function dyadProcess(
  project: ProjectFiles,
  image: DyadImageService,
  options: DyadProcessOptions,
): ProcessSpec {
  if (!image.pkg) throw new Error(`${image.service}: no workspace package for target ${image.target}`);
  const config = imageConfig(project.dockerfile, image.target);
  const entrypoint = argv(image.definition.entrypoint);
  const command = options.runArgs ?? argv(image.definition.command);
  let args = [...(entrypoint ?? config.entrypoint), ...(command ?? (entrypoint ? [] : config.cmd))];
  if (args[0] === '/usr/bin/tini' || args[0] === 'tini') args = args.slice(args[1] === '--' ? 2 : 1);
  if (args[0] !== 'node' || !args[1]?.startsWith('dist/') || !args[1].endsWith('.js'))
    throw new Error(`${image.service}: runs ${args.join(' ')}, not node dist/….js`);
  const imageRoot = options.images?.get(image.target);
  const appDir = imageRoot ? join(imageRoot, config.workdir) : image.pkg.dir;
  const script = imageRoot
    ? [args[1]]
    : ['--conditions=dyad:source', args[1].replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')];
  const { workdir, map } = imagePathMapper(project, image, imageRoot);
  const rest = mapContainerArgs(args.slice(2), workdir, map, existsSync);

  const services = Object.keys(project.compose.doc.services);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(containerEnvironment(project, image))) {
    if (key === 'DATABASE_URL' && options.postgres) {
      env.DATABASE_URL = options.postgres.url;
      env.DATABASE_SCHEMA = options.postgres.schema;
    } else if (value.startsWith('/')) {
      // A path inside the container (e.g. SOURCES_FILE in a bind mount) → where it comes from.
      env[key] = mapContainerArgs([value], workdir, map, existsSync)[0] ?? value;
    } else env[key] = mapServiceUrl(value, services, options.ports);
  }
  if ('HOST' in env) env.HOST = '127.0.0.1';
  for (const [key, port] of Object.entries(options.listenPorts ?? {})) env[key] = String(port);
  Object.assign(env, options.overrides);
  return {
    name: image.service,
    command: process.execPath,
    args: [...script, ...rest],
    cwd: appDir,
    env,
  };
}

/** Runs a compose healthcheck command for a service once; true when it exits 0. */
export function runHealthcheck(
  service: ComposeService,
  env: Record<string, string>,
  options: { cwd?: string; ports?: PortMap; name?: string } = {},
): SpawnSyncReturns<string> {
  const hc = healthcheckCommand(service);
  if (!hc) throw new Error('no healthcheck');
  // Ports a check names on the container's loopback are the mapped ones here.
  const rewrite = (arg: string) =>
    arg.replace(/(127\.0\.0\.1|localhost):(\d+)/g, (all, host, port) => {
      const mapped = options.ports?.get(`${options.name}:${port}`);
      return mapped === undefined ? all : `${host}:${mapped}`;
    });
  const args = hc.args.map(rewrite);
  const [command = '', ...rest] = hc.shell ? ['/bin/sh', '-c', args.join(' ')] : args;
  const resolved = command === 'node' ? process.execPath : command;
  return spawnSync(resolved, rest, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 10_000,
  });
}

/** Polls a compose healthcheck until it passes (compose's `service_healthy`). */
export async function waitHealthy(
  check: () => SpawnSyncReturns<string>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: SpawnSyncReturns<string> | undefined;
  while (Date.now() < deadline) {
    last = check();
    if (last.status === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${what}: healthcheck did not pass within ${timeoutMs} ms: ${last?.stderr ?? ''}${last?.stdout ?? ''}`,
  );
}

/**
 * A folder for DYAD_SOURCES_DIR holding `sources.yaml` with no sources (the shipped ones are real
 * outlets; tests never reach the internet). The caller removes it.
 */
export function emptySourcesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-sources-'));
  copyFileSync(NO_SOURCES, join(dir, 'sources.yaml'));
  return dir;
}

/** Temporary folders standing for named volumes, removed by `cleanup()`. */
export class Volumes {
  private readonly dirs = new Map<string, string>();
  path(name: string): string {
    let dir = this.dirs.get(name);
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), `dyad-compose-${name}-`));
      this.dirs.set(name, dir);
    }
    return dir;
  }
  cleanup(): void {
    for (const dir of this.dirs.values()) rmSync(dir, { recursive: true, force: true });
    this.dirs.clear();
  }
}

/** A server's compose command with its container paths mapped (bind mounts, named volumes). */
function serverArgs(project: ProjectFiles, name: string, volumes: Volumes): string[] {
  const service = project.compose.doc.services[name];
  const command = argv(service?.command);
  if (!service || !command) throw new Error(`compose service ${name} has no command`);
  const map = containerPathMapper(
    volumeMounts(service, project.compose.dir).flatMap((m) => {
      if (m.type === 'bind' && m.source) return [{ target: m.target, hostPath: m.source }];
      if (m.type === 'volume' && m.source) return [{ target: m.target, hostPath: volumes.path(m.source) }];
      return [];
    }),
  );
  return mapContainerArgs(command, '/', map, existsSync);
}

export interface ServerProcess {
  readonly process: TestProcess;
  readonly port: number;
}

/** The compose services that run nats-server: `nats`, and `nats-2`, `nats-3` with the cluster file. */
export function natsServices(project: ProjectFiles): string[] {
  return Object.entries(project.compose.doc.services)
    .filter(([, s]) => argv(s.command)?.[0] === 'nats-server' && (s.profiles ?? []).length === 0)
    .map(([name]) => name);
}

/** A nats-server container's ports: clients, routes (cluster), monitoring. */
const NATS_PORTS = [4222, 6222, 8222] as const;

/**
 * A nats node's compose arguments for this machine: a listen address `scheme://0.0.0.0:PORT` →
 * 127.0.0.1 and this node's port for PORT; URLs naming compose services (routes) → their ports.
 */
export function natsNodeArgs(
  args: readonly string[],
  name: string,
  services: readonly string[],
  ports: PortMap,
): string[] {
  return args.map((arg) => {
    const listen = /^([a-z][a-z0-9+.-]*:\/\/)0\.0\.0\.0:(\d+)$/i.exec(arg);
    if (!listen) return mapServiceUrl(arg, services, ports);
    const port = ports.get(`${name}:${listen[2]}`);
    if (port === undefined) throw new Error(`${name}: no port here for ${arg}`);
    return `${listen[1]}127.0.0.1:${port}`;
  });
}

/** A nats-server of the stack, which a test may kill and start again (same store, same ports). */
export interface NatsNode extends ServerProcess {
  readonly name: string;
  readonly monitorPort: number;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
  /** Starts it again with the same command, store and ports; resolves when it is ready. */
  restart(): Promise<void>;
}

/**
 * A compose service running nats-server (`nats` by default): this machine's nats-server with its
 * compose command and environment. Its ports here are taken from `ports` (`<name>:4222`, `:6222`,
 * `:8222`), or chosen and added to it when missing.
 */
export async function startComposeNats(
  project: ProjectFiles,
  volumes: Volumes,
  name = 'nats',
  ports: Map<string, number> = new Map(),
): Promise<NatsNode> {
  for (const containerPort of NATS_PORTS)
    if (!ports.has(`${name}:${containerPort}`)) ports.set(`${name}:${containerPort}`, await freePort());
  const [binary = '', ...composeArgs] = serverArgs(project, name, volumes);
  const executable = findExecutable(binary);
  if (!executable) throw new Error(`${binary} is not installed: bash infra/dev.sh installs it`);
  const port = ports.get(`${name}:4222`) ?? 0;
  const monitorPort = ports.get(`${name}:8222`) ?? 0;
  const args = [
    ...natsNodeArgs(composeArgs, name, Object.keys(project.compose.doc.services), ports),
    ...['--addr', '127.0.0.1', '--port', String(port), '--http_port', String(monitorPort)],
  ];
  const env = isolatedEnv(serviceEnvironment(project.compose.doc.services[name] ?? {}));
  const launch = async () => {
    const proc = new TestProcess({ name, command: executable, args, env });
    try {
      await proc.waitForLine(/Server is ready/, 15_000);
    } catch (error) {
      proc.signal('SIGKILL');
      throw error;
    }
    return proc;
  };
  let current = await launch();
  return {
    name,
    port,
    monitorPort,
    get process() {
      return current;
    },
    async kill() {
      current.signal('SIGKILL');
      await current.exited;
    },
    async restart() {
      current = await launch();
    },
  };
}

/** The compose `redis` service: this machine's redis-server with its compose arguments (password, appendonly). */
export async function startComposeRedis(project: ProjectFiles, volumes: Volumes): Promise<ServerProcess> {
  const [binary = '', ...args] = serverArgs(project, 'redis', volumes);
  const executable = findExecutable(binary);
  if (!executable) throw new Error(`${binary} is not installed: bash infra/dev.sh installs it`);
  const port = await freePort();
  const dir = volumes.path('redis-data');
  const proc = new TestProcess({
    name: 'redis',
    command: executable,
    // The image's WORKDIR /data (the redis-data volume) is where it writes.
    args: [...args, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
    cwd: dir,
    env: isolatedEnv(serviceEnvironment(project.compose.doc.services.redis ?? {})),
  });
  try {
    await proc.waitForLine(/Ready to accept connections/, 15_000);
  } catch (error) {
    proc.signal('SIGKILL');
    throw error;
  }
  return { process: proc, port };
}

/** The compose services that run HAProxy (api-proxy). */
export function haproxyServices(project: ProjectFiles): string[] {
  return Object.entries(project.compose.doc.services)
    .filter(([, s]) => argv(s.command)?.[0] === 'haproxy' && (s.profiles ?? []).length === 0)
    .map(([name]) => name);
}

/** Compose's DNS inside every container. */
export const COMPOSE_DNS = '127.0.0.11:53';

/**
 * An HAProxy configuration for this machine, as `name`'s container would run it: each `bind
 * :PORT` listens on 127.0.0.1 at the port standing for `name:PORT`; the resolvers' nameserver,
 * compose's DNS, is `dns`; a backend's servers (`server`, `server-template`) name
 * `service:port`, which becomes `service:<its port here>`, and a `port N` on those lines or the
 * backend's `default-server` (the health check's port) becomes the port standing for
 * `service:N`. Any other address is refused: the test would reach something else.
 */
export function haproxyConfigForHost(
  text: string,
  name: string,
  ports: PortMap,
  dns: { readonly host: string; readonly port: number },
): string {
  const mapped = (key: string) => {
    const port = ports.get(key);
    if (port === undefined) throw new Error(`${name}: nothing runs here for ${key}`);
    return port;
  };
  const lines = text.split('\n');
  // Each backend's service (its servers' host), for its default-server's `port N`.
  const backendService = new Map<string, string>();
  let section = '';
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    if (/^\S/.test(line)) section = line.trim();
    if (words[0] === 'server' || words[0] === 'server-template') {
      const address = words[words[0] === 'server' ? 2 : 3] ?? '';
      backendService.set(section, address.split(':')[0] ?? '');
    }
  }
  section = '';
  return lines
    .map((line) => {
      if (/^\S/.test(line)) section = line.trim();
      const words = line.trim().split(/\s+/);
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      const keyword = words[0];
      if (keyword === 'bind') {
        const port = /^(?:\*|0\.0\.0\.0)?:(\d+)$/.exec(words[1] ?? '')?.[1];
        if (!port) throw new Error(`${name}: bind ${words[1]}: expected :PORT`);
        return `${indent}bind 127.0.0.1:${mapped(`${name}:${port}`)} ${words.slice(2).join(' ')}`.trimEnd();
      }
      if (keyword === 'nameserver') {
        if (words[2] !== COMPOSE_DNS) throw new Error(`${name}: nameserver ${words[2]}: not compose's DNS`);
        return `${indent}nameserver ${words[1]} ${dns.host}:${dns.port}`;
      }
      if (keyword === 'server' || keyword === 'server-template' || keyword === 'default-server') {
        const service = backendService.get(section) ?? '';
        const out = words.map((word, i) => {
          const isAddress = i === (keyword === 'server' ? 2 : 3) && keyword !== 'default-server';
          if (isAddress) {
            const [host = '', port = ''] = word.split(':');
            return `${host}:${mapped(`${host}:${port}`)}`;
          }
          if (words[i - 1] === 'port') return String(mapped(`${service}:${word}`));
          return word;
        });
        return `${indent}${out.join(' ')}`;
      }
      return line;
    })
    .join('\n');
}

/**
 * An HAProxy service of the stack (api-proxy): this machine's haproxy with the compose command
 * and a mapped copy of its mounted configuration (`haproxyConfigForHost`). Its ports here are
 * taken from `ports` (`<name>:<port>` for each `bind`), or chosen and added to it when missing.
 */
export async function startComposeHaproxy(
  project: ProjectFiles,
  volumes: Volumes,
  name: string,
  ports: Map<string, number>,
  dns: ComposeDns,
): Promise<ServerProcess> {
  const service = project.compose.doc.services[name];
  const command = argv(service?.command);
  if (!service || !command) throw new Error(`compose service ${name} has no command`);
  const configIndex = command.indexOf('-f') + 1;
  const mount = volumeMounts(service, project.compose.dir).find((m) => m.target === command[configIndex]);
  if (configIndex === 0 || !mount?.source) throw new Error(`${name}: its -f file is not a bind mount`);
  const text = readFileSync(mount.source, 'utf8');
  for (const match of text.matchAll(/^\s*bind\s+\S*:(\d+)/gm))
    if (!ports.has(`${name}:${match[1]}`)) ports.set(`${name}:${match[1]}`, await freePort());
  const config = join(volumes.path(`${name}-config`), 'haproxy.cfg');
  writeFileSync(config, haproxyConfigForHost(text, name, ports, dns));
  const [binary = '', ...args] = command.map((arg, i) => (i === configIndex ? config : arg));
  const executable = findExecutable(binary);
  if (!executable) throw new Error(`${binary} is not installed: bash infra/dev.sh installs it`);
  const proc = new TestProcess({ name, command: executable, args, env: isolatedEnv({}) });
  const published = portMappings(service)[0]?.target;
  try {
    // Listening once its published port takes a connection.
    const port = ports.get(`${name}:${published}`) ?? 0;
    await eventually(
      async () => {
        if (!proc.running) throw new Error(`${name} exited at start:\n${proc.output()}`);
        return (await accepts(port)) ? true : undefined;
      },
      15_000,
      `${name} listening on ${port}`,
    );
  } catch (error) {
    proc.signal('SIGKILL');
    throw error;
  }
  return { process: proc, port: ports.get(`${name}:${published}`) ?? 0 };
}

/** Whether something on 127.0.0.1 accepts a TCP connection on `port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** What a process keeps of this test's own environment: a container inherits nothing from the host. */
const KEPT = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL'];

/** Exactly `env` (plus PATH and the like): variables of the test runner are unset, not inherited. */
export function isolatedEnv(env: Record<string, string>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) if (!KEPT.includes(key)) out[key] = undefined;
  return { ...out, ...env };
}

/** Starts a spec as a TestProcess, with exactly its environment. */
export function startProcess(spec: ProcessSpec): TestProcess {
  return new TestProcess({
    name: spec.name,
    command: spec.command,
    args: spec.args,
    cwd: spec.cwd,
    env: isolatedEnv(spec.env),
  });
}

/** Runs a spec to its end, feeding nothing; resolves with its exit code and output. */
export async function runToEnd(
  spec: ProcessSpec,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  const proc = startProcess(spec);
  const timer = setTimeout(() => proc.signal('SIGKILL'), timeoutMs);
  try {
    const { code } = await proc.exited;
    return { code, output: proc.output() };
  } finally {
    clearTimeout(timer);
  }
}

export interface StackService {
  readonly image: DyadImageService;
  readonly spec: ProcessSpec;
  readonly process: TestProcess;
}

export interface ComposeStack {
  readonly project: ProjectFiles;
  readonly ports: PortMap;
  /** The `nats` service (the first node with the cluster file). */
  readonly nats: NatsNode;
  /** Every nats-server service, by name (one, or three with the cluster file). */
  readonly natsNodes: ReadonlyMap<string, NatsNode>;
  readonly redis: ServerProcess;
  /** Compose's DNS: each service's name → 127.0.0.1 (`set` adds replicas). */
  readonly dns: ComposeDns;
  /** The HAProxy services (api-proxy), by name; `port` is the one standing for the published port. */
  readonly proxies: ReadonlyMap<string, ServerProcess>;
  /** The Dyad services `docker compose up` starts (no profile), by compose service name. */
  readonly services: ReadonlyMap<string, StackService>;
  /** `docker compose run --rm cli ARGS…` as a process spec. */
  cli(args: readonly string[]): ProcessSpec;
  /** `docker compose stop`: SIGTERM to every service (exit results by name), then the servers. */
  stop(): Promise<Map<string, { code: number | null; signal: NodeJS.Signals | null }>>;
}

/**
 * `docker compose up` as processes: every nats-server service (three with the cluster file) and
 * redis from their compose commands, PostgreSQL from
 * the test's fixture, then each Dyad service once the services it depends on pass their
 * healthchecks; resolves when every service passes its own compose healthcheck and has started.
 */
export async function startComposeStack(
  project: ProjectFiles,
  postgres: { readonly url: string; readonly schema: string },
  options: {
    readonly images?: ReadonlyMap<string, string>;
    /** Variables replaced in a service's environment, by service. */
    readonly overrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  } = {},
): Promise<ComposeStack> {
  const volumes = new Volumes();
  const stoppers: (() => Promise<unknown>)[] = [];
  try {
    const ports = new Map<string, number>();
    const doc = project.compose.doc;
    // Every node's ports first: a cluster node's routes name the others'.
    const natsNames = natsServices(project);
    for (const name of natsNames)
      for (const containerPort of NATS_PORTS) ports.set(`${name}:${containerPort}`, await freePort());
    const natsNodes = new Map<string, NatsNode>();
    for (const name of natsNames) {
      const node = await startComposeNats(project, volumes, name, ports);
      natsNodes.set(name, node);
      stoppers.push(() => node.process.stop(5_000));
    }
    const nats = natsNodes.get('nats');
    if (!nats) throw new Error('docker-compose.yml has no nats service');
    const redis = await startComposeRedis(project, volumes);
    stoppers.push(() => redis.process.stop(5_000));
    ports.set('redis:6379', redis.port);
    // Each node's own compose healthcheck (wget on the monitoring port), when wget is here: with
    // the cluster file, healthy once the cluster has formed.
    if (findExecutable('wget'))
      await Promise.all(
        natsNames.map((name) =>
          waitHealthy(() => runHealthcheck(doc.services[name] ?? {}, {}, { ports, name }), name, 30_000),
        ),
      );

    const images = dyadImageServices(project.compose).filter(
      (i) => (i.definition.profiles ?? []).length === 0,
    );
    const byName = new Map(images.map((i) => [i.service, i]));
    const services = new Map<string, StackService>();
    const healthy = new Map<string, Promise<void>>();
    for (const name of startOrder(
      doc,
      images.map((i) => i.service),
    )) {
      const image = byName.get(name);
      if (!image) continue; // a server, started above
      const deps = dependsOn(image.definition);
      await Promise.all(deps.map((d) => healthy.get(d.service)).filter(Boolean));
      const listenPorts: Record<string, number> = {};
      for (const [key, value] of Object.entries(containerEnvironment(project, image))) {
        if (!LISTEN_PORT.test(key)) continue;
        listenPorts[key] = await freePort();
        ports.set(`${name}:${value}`, listenPorts[key]);
      }
      const spec = dyadProcess(project, image, {
        ports,
        listenPorts,
        postgres,
        overrides: options.overrides?.[name],
        images: options.images,
      });
      const proc = startProcess(spec);
      stoppers.push(() => proc.stop(5_000));
      services.set(name, { image, spec, process: proc });
      healthy.set(
        name,
        (async () => {
          await waitHealthy(() => runHealthcheck(image.definition, spec.env, { cwd: spec.cwd }), name);
          await proc.waitForLine(/"msg":"started"/, 30_000);
        })(),
      );
    }
    await Promise.all(healthy.values());

    // Compose's DNS, then the HAProxy services: they depend on the Dyad services they proxy.
    const dns = await startComposeDns(
      Object.fromEntries(Object.keys(doc.services).map((name) => [name, ['127.0.0.1']])),
    );
    stoppers.push(() => dns.close());
    const proxies = new Map<string, ServerProcess>();
    for (const name of haproxyServices(project)) {
      const proxy = await startComposeHaproxy(project, volumes, name, ports, dns);
      stoppers.push(() => proxy.process.stop(5_000));
      proxies.set(name, proxy);
      if (findExecutable('wget'))
        await waitHealthy(() => runHealthcheck(doc.services[name] ?? {}, {}, { ports, name }), name, 30_000);
    }

    const cliImage = dyadImageServices(project.compose).find((i) => i.service === 'cli');
    return {
      project,
      ports,
      nats,
      natsNodes,
      redis,
      dns,
      proxies,
      services,
      cli(args) {
        if (!cliImage) throw new Error('docker-compose.yml has no cli service');
        return dyadProcess(project, cliImage, { ports, runArgs: args, images: options.images });
      },
      async stop() {
        const exits = new Map<string, { code: number | null; signal: NodeJS.Signals | null }>();
        await Promise.all(
          [...services].map(async ([name, s]) => {
            exits.set(name, await s.process.stop(20_000));
          }),
        );
        await Promise.all([...proxies.values()].map((p) => p.process.stop(5_000)));
        await dns.close();
        await Promise.all([...[...natsNodes.values()].map((n) => n.process.stop()), redis.process.stop()]);
        volumes.cleanup();
        return exits;
      },
    };
  } catch (error) {
    await Promise.all(stoppers.map((stop) => stop()));
    volumes.cleanup();
    throw error;
  }
}

/**
 * `docker compose run --rm cli replay seeds` on a running stack, then the ids of the articles the
 * indexer stored (sorted) once there are as many as seed files, or the last count after `timeoutMs`.
 */
export async function replaySeeds(
  stack: ComposeStack,
  postgres: { readonly url: string; readonly schema: string },
  timeoutMs = 60_000,
): Promise<{ replay: { code: number | null; output: string }; stored: string[] }> {
  const replay = await runToEnd(stack.cli(['replay', 'seeds']));
  if (replay.code !== 0) return { replay, stored: [] };
  const rows = await eventually(
    async () => {
      const r = await storedArticles(postgresEnv(postgres));
      return r.length === seedFiles.length ? r : undefined;
    },
    timeoutMs,
    'the seed articles stored by the indexer',
  );
  return { replay, stored: rows.map((r) => r.article_id).sort() };
}

/** `docker compose stop`'s outcome: each service that did not exit 0 on SIGTERM, with its output. */
export function uncleanExits(
  stack: ComposeStack,
  exits: ReadonlyMap<string, { code: number | null; signal: NodeJS.Signals | null }>,
): string[] {
  return [...exits]
    .filter(([, exit]) => exit.code !== 0 || exit.signal !== null)
    .map(
      ([name, exit]) =>
        `${name}: exit ${exit.code ?? exit.signal}\n${stack.services.get(name)?.process.output() ?? ''}`,
    );
}

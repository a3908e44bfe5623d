import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, redactUrl } from '@dyad/bus';
import type { StageName } from '@dyad/contracts';
import { parseCommandArgs, positiveInt, printedHelp } from '../args.ts';
import { type CliConfig, loadConfig } from '../config.ts';
import { CommandError, errorMessage, UsageError } from '../errors.ts';
import { type Io, type Output, println } from '../io.ts';
import { Child, type ChildExit, describeExit } from '../stack/child.ts';
import { findBinary, hostPort, isListening, waitForPort } from '../stack/net.ts';
import { type Colour, paint, prefix, renderLogLine } from '../stack/render.ts';

export const stackUsage = `Usage: dyad stack [--namespace NS] [--port-base N]

Runs the pipeline on this machine: fetcher, cleaner, extractor and indexer as child processes
(node --conditions=dyad:source services/<name>/src/main.ts), with their output prefixed by
their name. When nothing listens at NATS_URL or REDIS_URL, nats-server (JetStream, data in
.data/nats) or redis-server (no persistence) is started first, as a child of the stack.
The indexer keeps its database in .data/ (PGlite) unless DATABASE_URL is set.

Ctrl-C (or SIGTERM) stops the services (SIGTERM, then SIGKILL after 15 s), then the servers
it started. When a service exits on its own, everything is stopped and the exit status is 1.

Options:
  --namespace NS   namespace of streams, subjects and queues (default: $DYAD_NAMESPACE or none)
  --port-base N    HTTP ports N, N+1, N+2, N+3 for fetcher, cleaner, extractor, indexer,
                   and N+4 for the indexer's API (default 8080)
                   (default: 9101-9104), e.g. to run a second stack beside the first

Environment: NATS_URL, REDIS_URL, DYAD_NAMESPACE, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS, DATABASE_URL.`;

export const SERVICES: readonly StageName[] = ['fetcher', 'cleaner', 'extractor', 'indexer'];

const COLOURS: Record<string, Colour> = {
  fetcher: 'cyan',
  cleaner: 'magenta',
  extractor: 'yellow',
  indexer: 'blue',
  nats: 'green',
  redis: 'red',
  dyad: 'bold',
};

/** The repository root: services/ and .data/ live there (this file is packages/cli/src/commands/). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface StackOptions {
  readonly root: string;
  readonly config: CliConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: Output;
  readonly colour: boolean;
  readonly signal: AbortSignal;
  /** How long each service gets to exit after SIGTERM before SIGKILL. */
  readonly graceMs?: number;
  /** How long a started broker gets to listen. */
  readonly startTimeoutMs?: number;
  /** Finds a broker's binary (default: PATH, then /usr/sbin, /usr/bin, …). */
  readonly findBinary?: (name: string) => string | undefined;
  /** HTTP port of each service (default: the services' own defaults, 9101-9104). */
  readonly ports?: Readonly<Record<StageName, number>>;
  /** The indexer's HTTP API (default 8080). */
  readonly apiPort?: number;
}

/** The indexer API's port when `--port-base` is not given (the indexer's own default). */
const DEFAULT_API_PORT = 8080;

/** Ports from `--port-base N`: N, N+1, N+2, N+3 in SERVICES order. */
export function servicePorts(base: number | undefined): Record<StageName, number> {
  if (base === undefined) return { ...defaultPorts };
  return Object.fromEntries(SERVICES.map((name, i) => [name, base + i])) as Record<StageName, number>;
}

interface Broker {
  readonly name: 'nats' | 'redis';
  readonly binary: string;
  readonly url: string;
  readonly defaultPort: number;
  readonly args: (host: string, port: number) => string[];
  readonly debianPackage: string;
}

/** The command line a broker is started with. */
export function brokerArgs(name: 'nats' | 'redis', host: string, port: number, root: string): string[] {
  return name === 'nats'
    ? ['-js', '-a', host, '-p', String(port), '-sd', join(root, '.data', 'nats')]
    : ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no'];
}

/** What to tell the user when a broker is not running and its binary is missing. */
export function missingBinaryMessage(binary: string, debianPackage: string, url: string): string {
  const service = binary === 'nats-server' ? 'nats' : 'redis';
  return (
    `nothing listens at ${redactUrl(url)} and ${binary} is not installed (looked on PATH and in /usr/sbin, /usr/bin). ` +
    `Install it (Debian/Ubuntu: sudo apt-get install ${debianPackage}), ` +
    `or run \`docker compose up -d nats redis\` and start the stack again (it then uses ${service} from there).`
  );
}

/**
 * Runs the stack until `signal` aborts (exit 0) or a child exits on its own (exit 1). Brokers
 * already listening are used as they are; missing ones are started and stopped last.
 */
export async function runStack(options: StackOptions): Promise<number> {
  const { root, config, out, colour } = options;
  const graceMs = options.graceMs ?? 15_000;
  const ports = options.ports ?? defaultPorts;
  const apiPort = options.apiPort ?? DEFAULT_API_PORT;
  const say = (line: string) => println(out, `${prefix('dyad', 'bold', colour)}${line}`);
  const missing = SERVICES.filter((s) => !existsSync(join(root, 'services', s, 'src', 'main.ts')));
  if (missing.length) {
    throw new CommandError(
      `cannot start the stack: ${missing.map((s) => `services/${s}/src/main.ts`).join(', ')} not found under ${root}`,
    );
  }
  const busy: string[] = [];
  for (const name of SERVICES)
    if (await isListening('127.0.0.1', ports[name])) busy.push(`${ports[name]} (${name})`);
  if (await isListening('127.0.0.1', apiPort)) busy.push(`${apiPort} (indexer API)`);
  if (busy.length) {
    throw new CommandError(
      `port ${busy.join(', ')} already in use: is another stack or service running? ` +
        'Stop it, or give this one other ports with --port-base N.',
    );
  }
  const children: Child[] = [];
  const killAll = () => {
    for (const child of children) child.kill();
  };
  // A second Ctrl-C or a crash ends the stack at once: its children must not outlive it.
  process.on('exit', killAll);
  const spawnChild = (
    name: string,
    command: string,
    args: string[],
    env: Record<string, string | undefined>,
  ) => {
    const label = prefix(name, COLOURS[name] ?? 'bold', colour);
    const child = new Child({
      name,
      command,
      args,
      env,
      cwd: root,
      onLine: (line) => println(out, label + renderLogLine(line, colour)),
    });
    children.push(child);
    return child;
  };
  try {
    const brokers: Child[] = [];
    const brokerSpecs: Broker[] = [
      {
        name: 'nats',
        binary: 'nats-server',
        url: config.natsUrl,
        defaultPort: 4222,
        args: (h, p) => brokerArgs('nats', h, p, root),
        debianPackage: 'nats-server',
      },
      {
        name: 'redis',
        binary: 'redis-server',
        url: config.redisUrl,
        defaultPort: 6379,
        args: (h, p) => brokerArgs('redis', h, p, root),
        debianPackage: 'redis-server',
      },
    ];
    for (const spec of brokerSpecs) {
      let where: { host: string; port: number };
      try {
        where = hostPort(spec.url, spec.defaultPort);
      } catch (error) {
        throw new CommandError(`${spec.name}: ${errorMessage(error)}`);
      }
      if (await isListening(where.host, where.port)) {
        say(`${spec.name}: using the server already at ${redactUrl(spec.url)}`);
        continue;
      }
      const binary = options.findBinary
        ? options.findBinary(spec.binary)
        : findBinary(spec.binary, options.env.PATH);
      if (!binary) throw new CommandError(missingBinaryMessage(spec.binary, spec.debianPackage, spec.url));
      if (spec.name === 'nats') mkdirSync(join(root, '.data', 'nats'), { recursive: true });
      say(`${spec.name}: starting ${binary} on ${where.host}:${where.port}`);
      const child = spawnChild(spec.name, binary, spec.args(where.host, where.port), { ...options.env });
      brokers.push(child);
      const up = await waitForPort(
        where.host,
        where.port,
        options.startTimeoutMs ?? 15_000,
        () => child.running,
      );
      if (!up) {
        const exit = child.running ? undefined : await child.exited;
        throw new CommandError(
          `${spec.binary} did not start on ${where.host}:${where.port}` +
            (exit ? ` (it ${describeExit(exit)}; its output is above)` : ' in time'),
        );
      }
    }

    say(`namespace ${config.namespace ? `"${config.namespace}"` : '(none)'}; health, readiness and metrics:`);
    for (const name of SERVICES) {
      const base = `http://127.0.0.1:${ports[name]}`;
      say(`  ${name.padEnd(9)} ${base}/healthz  ${base}/readyz  ${base}/metrics`);
    }
    say(`  API       http://127.0.0.1:${apiPort}/events  /articles?q=  /feed.atom  /openapi.json`);
    say('Ctrl-C stops everything');

    const services = SERVICES.map((name) =>
      spawnChild(
        name,
        process.execPath,
        ['--conditions=dyad:source', join('services', name, 'src', 'main.ts')],
        {
          ...options.env,
          NATS_URL: config.natsUrl,
          REDIS_URL: config.redisUrl,
          DYAD_NAMESPACE: config.namespace,
          PORT: String(ports[name]),
          ...(name === 'indexer' ? { API_PORT: String(apiPort) } : {}),
          LOG_LEVEL: options.env.LOG_LEVEL || 'info',
        },
      ),
    );

    // Whichever comes first: a stop request, or a child ending on its own.
    const stopped = new Promise<'signal'>((resolve) => {
      if (options.signal.aborted) resolve('signal');
      options.signal.addEventListener('abort', () => resolve('signal'), { once: true });
    });
    const ended = children.map((child) => child.exited.then((exit) => ({ child, exit })));
    const first = await Promise.race<'signal' | { child: Child; exit: ChildExit }>([stopped, ...ended]);
    let code = 0;
    if (first === 'signal') {
      say('stopping: services first, then the servers the stack started');
    } else {
      say(paint(colour, 'red', `${first.child.name} ${describeExit(first.exit)}; stopping everything`));
      code = 1;
    }
    await Promise.all(
      services.map(async (child) => {
        const exit = await child.stop(graceMs);
        if (child !== (first === 'signal' ? undefined : first.child))
          say(`${child.name} ${describeExit(exit)}`);
      }),
    );
    for (const broker of brokers.reverse()) {
      // nats-server exits with 1 on SIGTERM: any exit after our request is a stop.
      await broker.stop(5_000);
      if (broker !== (first === 'signal' ? undefined : first.child)) say(`${broker.name} stopped`);
    }
    return code;
  } catch (error) {
    // Failed to start: stop whatever did start (servers get SIGTERM, then SIGKILL).
    await Promise.all(children.map((child) => child.stop(5_000)));
    throw error;
  } finally {
    killAll();
    process.off('exit', killAll);
  }
}

/** `dyad stack` */
export async function stackCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('stack', args, { 'port-base': { type: 'string' } });
  if (printedHelp(values, io, stackUsage)) return 0;
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`, 'stack');
  const config = loadConfig(io.env, values.namespace);
  const base =
    values['port-base'] === undefined ? undefined : positiveInt('stack', '--port-base', values['port-base']);
  if (base !== undefined && base + SERVICES.length > 65_535)
    throw new UsageError('--port-base is too high', 'stack');
  return runStack({
    ports: servicePorts(base),
    apiPort: base === undefined ? DEFAULT_API_PORT : base + SERVICES.length,
    root: REPO_ROOT,
    config,
    env: io.env,
    out: io.stdout,
    colour: io.color,
    signal: io.signal,
  });
}

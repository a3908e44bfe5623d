/**
 * docker-compose.yml as compose reads it: YAML with anchors and merge keys resolved, then every
 * value interpolated from an env file; and the normalized views of a service that the checks and
 * the compose-as-processes test need (environment, depends_on, ports, volumes, profiles).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { type Env, interpolateDocument, parseDotenv } from './compose-interpolate.ts';

export interface ComposeHealthcheck {
  readonly test?: string | readonly string[];
  readonly interval?: string;
  readonly timeout?: string;
  readonly retries?: number;
  readonly start_period?: string;
  readonly disable?: boolean;
}

export interface ComposeBuild {
  readonly context?: string;
  readonly dockerfile?: string;
  readonly target?: string;
  readonly args?: Record<string, string> | readonly string[];
}

/** The parts of a service these checks read; the JSON Schema checks the rest. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: string | ComposeBuild;
  readonly command?: string | readonly string[];
  readonly entrypoint?: string | readonly string[];
  readonly working_dir?: string;
  readonly environment?: Record<string, string | number | boolean | null> | readonly string[];
  readonly env_file?: string | readonly string[];
  readonly depends_on?: readonly string[] | Record<string, { condition: string }>;
  readonly healthcheck?: ComposeHealthcheck;
  readonly ports?: readonly (string | number | { target: number; published?: number | string })[];
  readonly volumes?: readonly (
    | string
    | { type: string; source?: string; target: string; read_only?: boolean }
  )[];
  readonly profiles?: readonly string[];
  readonly restart?: string;
  readonly container_name?: string;
  readonly deploy?: { resources?: { limits?: { cpus?: string | number; memory?: string } } };
  readonly [key: string]: unknown;
}

export interface ComposeDocument {
  readonly services: Record<string, ComposeService>;
  readonly volumes?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export interface LoadedCompose {
  readonly file: string;
  /** Folder of the compose file: relative paths in it resolve against this. */
  readonly dir: string;
  /** YAML with anchors and merge keys resolved, before interpolation. */
  readonly raw: ComposeDocument;
  /** After interpolation with `env`. */
  readonly doc: ComposeDocument;
  readonly env: Env;
  readonly variables: ReadonlySet<string>;
  readonly errors: readonly string[];
  readonly unset: ReadonlySet<string>;
}

/** Parses compose YAML: anchors, aliases and `<<` merge keys resolved (YAML 1.1 merge). */
export function parseComposeYaml(text: string): ComposeDocument {
  const doc = parse(text, { merge: true, maxAliasCount: -1 }) as ComposeDocument | null;
  if (!doc || typeof doc !== 'object') throw new Error('compose file: not a YAML mapping');
  return doc;
}

export function resolveCompose(raw: ComposeDocument, env: Env, file: string): LoadedCompose {
  const result = interpolateDocument(raw, env);
  return {
    file,
    dir: dirname(file),
    raw,
    doc: result.value,
    env,
    variables: result.variables,
    errors: result.errors,
    unset: result.unset,
  };
}

/** Reads a compose file and interpolates it with the variables of an env file (e.g. .env.example). */
export function loadCompose(file: string, envFile: string): LoadedCompose {
  const raw = parseComposeYaml(readFileSync(file, 'utf8'));
  return resolveCompose(raw, parseDotenv(readFileSync(envFile, 'utf8')), file);
}

/** Sequences of a service that `-f a -f b` merges by an identity instead of replacing (the Compose Specification's merge rules). */
const MERGED_SEQUENCES: Record<string, (item: unknown) => string> = {
  // A mount is identified by where it goes in the container.
  volumes: (item) =>
    typeof item === 'string' ? (item.split(':')[1] ?? item) : String((item as { target?: string }).target),
  ports: (item) => JSON.stringify(item),
  expose: (item) => String(item),
  dns: (item) => String(item),
};

function mergeValue(base: unknown, override: unknown, key: string | undefined, depth: number): unknown {
  if (override === undefined) return base;
  const isMap = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isMap(base) && isMap(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(override)) out[k] = mergeValue(base[k], v, k, depth + 1);
    return out;
  }
  // A service's own key (depth 3: root → services → name → key): some sequences merge by identity.
  const identity = depth === 3 && key !== undefined ? MERGED_SEQUENCES[key] : undefined;
  if (identity && Array.isArray(base) && Array.isArray(override)) {
    const byId = new Map(base.map((item) => [identity(item), item] as const));
    for (const item of override) byId.set(identity(item), item);
    return [...byId.values()];
  }
  // Anything else (command, entrypoint, healthcheck.test, scalars) is replaced.
  return override;
}

/**
 * `docker compose -f base -f override`: the files merged before interpolation, as compose does
 * (mappings merged key by key, `command` and other sequences replaced, `volumes` merged by their
 * container path, `ports` added). Each file's anchors and merge keys are its own.
 */
export function mergeComposeDocuments(base: ComposeDocument, override: ComposeDocument): ComposeDocument {
  return mergeValue(base, override, undefined, 0) as ComposeDocument;
}

/** Reads compose files as `-f first -f second …` and interpolates them with an env file's variables. */
export function loadComposeFiles(files: readonly string[], env: Env): LoadedCompose {
  const [first, ...rest] = files;
  if (!first) throw new Error('no compose file');
  const raw = rest.reduce(
    (doc, file) => mergeComposeDocuments(doc, parseComposeYaml(readFileSync(file, 'utf8'))),
    parseComposeYaml(readFileSync(first, 'utf8')),
  );
  return resolveCompose(raw, env, first);
}

/** A service's `environment`, dict or list form, as strings; `null`/bare `KEY` (host passthrough) is omitted. */
export function serviceEnvironment(service: ComposeService): Record<string, string> {
  const env = service.environment;
  if (env === undefined) return {};
  const out: Record<string, string> = {};
  if (Array.isArray(env)) {
    for (const entry of env as readonly string[]) {
      const eq = entry.indexOf('=');
      if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    return out;
  }
  for (const [key, value] of Object.entries(env)) {
    if (value !== null && value !== undefined) out[key] = String(value);
  }
  return out;
}

export interface Dependency {
  readonly service: string;
  readonly condition: string;
}

export function dependsOn(service: ComposeService): Dependency[] {
  const deps = service.depends_on;
  if (deps === undefined) return [];
  if (Array.isArray(deps))
    return deps.map((name: string) => ({ service: name, condition: 'service_started' }));
  return Object.entries(deps as Record<string, { condition: string }>).map(([name, spec]) => ({
    service: name,
    condition: spec.condition,
  }));
}

export interface PortMapping {
  readonly hostIp?: string;
  /** Published host port (or range); undefined when compose picks an ephemeral one. */
  readonly published?: string;
  readonly target: number;
}

/** Short (`[ip:][host:]container[/proto]`) and long port syntax. */
export function portMappings(service: ComposeService): PortMapping[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'number') return { target: port };
    if (typeof port === 'object') {
      return {
        target: port.target,
        ...(port.published === undefined ? {} : { published: String(port.published) }),
      };
    }
    const spec = port.replace(/\/(tcp|udp|sctp)$/, '');
    // An IPv6 host address is bracketed: [::1]:8080:80.
    const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
    const parts = v6 ? [v6[1] ?? '', ...(v6[2] ?? '').split(':')] : spec.split(':');
    const target = Number(parts.at(-1));
    if (parts.length === 1) return { target };
    if (parts.length === 2) return { published: parts[0], target };
    return { hostIp: parts[0], published: parts[1] || undefined, target };
  });
}

export interface Mount {
  readonly type: 'bind' | 'volume' | 'tmpfs';
  /** Host path (bind, resolved against the compose folder) or volume name; undefined for anonymous. */
  readonly source?: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/** Short (`src:dst[:mode]`) and long volume syntax; bind sources resolved against the compose folder. */
export function volumeMounts(service: ComposeService, composeDir: string): Mount[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume === 'object') {
      const type = volume.type === 'bind' || volume.type === 'tmpfs' ? volume.type : 'volume';
      const source =
        type === 'bind' && volume.source ? resolve(composeDir, volume.source) : (volume.source ?? undefined);
      return { type, source, target: volume.target, readOnly: volume.read_only === true };
    }
    const parts = volume.split(':');
    if (parts.length === 1) return { type: 'volume', target: parts[0] ?? '', readOnly: false };
    const [source = '', target = '', mode = ''] = parts;
    const readOnly = mode.split(',').includes('ro');
    const isPath = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
    return isPath
      ? { type: 'bind', source: resolve(composeDir, source), target, readOnly }
      : { type: 'volume', source, target, readOnly };
  });
}

/** `command`/`entrypoint` as an argv: the string form is split on spaces (as compose does, without a shell). */
export function argv(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [...value];
}

export function buildOf(service: ComposeService): ComposeBuild | undefined {
  if (service.build === undefined) return undefined;
  return typeof service.build === 'string' ? { context: service.build } : service.build;
}

export function healthcheckCommand(service: ComposeService): { shell: boolean; args: string[] } | undefined {
  const hc = service.healthcheck;
  if (!hc || hc.disable || hc.test === undefined) return undefined;
  if (typeof hc.test === 'string') return { shell: true, args: [hc.test] };
  const [kind, ...rest] = hc.test;
  if (kind === 'NONE') return undefined;
  if (kind === 'CMD-SHELL') return { shell: true, args: [rest.join(' ')] };
  if (kind === 'CMD') return { shell: false, args: rest };
  throw new Error(`healthcheck test must start with CMD, CMD-SHELL or NONE, not ${kind}`);
}

/**
 * Maps a path inside a container to a path on this machine: mounts first (longest target wins),
 * then the given image folders (e.g. the image's /app → the package's workspace folder).
 * Undefined when nothing covers the path.
 */
export function containerPathMapper(
  mounts: readonly { target: string; hostPath: string }[],
): (containerPath: string) => string | undefined {
  const sorted = [...mounts].sort((a, b) => b.target.length - a.target.length);
  return (containerPath) => {
    const path = posix.normalize(containerPath);
    for (const mount of sorted) {
      const target = posix.normalize(mount.target).replace(/\/$/, '');
      if (path === target) return mount.hostPath;
      if (path.startsWith(`${target}/`)) return join(mount.hostPath, path.slice(target.length + 1));
    }
    return undefined;
  };
}

/**
 * Rewrites the arguments that name paths inside the container (absolute, or relative to its
 * working directory) to the paths they reach on this machine, when a mount or image folder other
 * than the working directory itself covers them. Other arguments are returned unchanged.
 */
export function mapContainerArgs(
  args: readonly string[],
  workingDir: string,
  map: (containerPath: string) => string | undefined,
  exists: (hostPath: string) => boolean,
): string[] {
  const working = map(workingDir);
  return args.map((arg) => {
    if (arg.startsWith('-') || arg.includes('=') || arg === '') return arg;
    const containerPath = isAbsolute(arg) ? arg : posix.join(workingDir, arg);
    const host = map(containerPath);
    if (host === undefined || !exists(host)) return arg;
    // Inside the working directory's own folder a relative argument already reaches it.
    if (!isAbsolute(arg) && working !== undefined && host === join(working, arg)) return arg;
    return host;
  });
}

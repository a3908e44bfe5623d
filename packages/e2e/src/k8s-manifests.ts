/**
 * infra/k8s as `kubectl kustomize` builds it, for tests on a machine with no cluster: the subset
 * of kustomize that its kustomization.yaml files use (resources, namespace, patches holding a
 * strategic-merge patch of mappings, replicas), refusing every other field so that a feature is
 * implemented here before a test can pass on it (k8s.test.ts compares the result with
 * `kubectl kustomize` where kubectl is installed); then the objects checked against the
 * Kubernetes object schemas of the `kubernetes-models` package — its validators for types,
 * formats and required fields, and its TypeScript interfaces for fields that do not exist
 * (the validators let unknown fields through).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

export interface K8sMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A Kubernetes object as a manifest gives it: the parts every object has, the rest unknown. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: K8sMetadata;
  readonly [field: string]: unknown;
}

/** Objects without a namespace; `namespace:` leaves them alone. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
]);

const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches', 'replicas']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectId(object: K8sObject): string {
  return `${object.kind}/${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

/** Every YAML document of a file that is not empty, each a Kubernetes object. */
export function readManifests(file: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS({ maxAliasCount: -1 });
    if (value === null || value === undefined) continue;
    if (!isMap(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string')
      throw new Error(`${file}: a document that is not a Kubernetes object`);
    const metadata = value.metadata;
    if (!isMap(metadata) || typeof metadata.name !== 'string')
      throw new Error(`${file}: ${value.kind} without metadata.name`);
    out.push(value as unknown as K8sObject);
  }
  return out;
}

/** A strategic-merge patch of mappings: keys merged, scalars replaced, null deletes. */
function mergePatch(target: JsonMap, patch: JsonMap, path: string): JsonMap {
  const out: JsonMap = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (Array.isArray(value))
      throw new Error(`${path}.${key}: a list in a patch (merged by key in kustomize): not supported here`);
    if (value === null) delete out[key];
    else if (isMap(value)) out[key] = mergePatch(isMap(out[key]) ? out[key] : {}, value, `${path}.${key}`);
    else out[key] = value;
  }
  return out;
}

/** `kubectl kustomize DIR`, for the fields KUSTOMIZATION_FIELDS names (see the module comment). */
export function kustomizeBuild(dir: string): K8sObject[] {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
    .map((name) => join(dir, name))
    .find((f) => existsSync(f));
  if (!file) throw new Error(`${dir}: no kustomization.yaml`);
  const [doc, ...more] = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as unknown);
  if (!isMap(doc) || more.length > 0) throw new Error(`${file}: not one mapping`);
  const unknown = Object.keys(doc).filter((k) => !KUSTOMIZATION_FIELDS.has(k));
  if (unknown.length > 0) throw new Error(`${file}: ${unknown.join(', ')}: not supported by this builder`);
  if (doc.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || doc.kind !== 'Kustomization')
    throw new Error(`${file}: not a kustomize.config.k8s.io/v1beta1 Kustomization`);

  let objects: K8sObject[] = [];
  const seen = new Set<string>();
  for (const entry of asList(doc.resources, `${file}: resources`)) {
    if (typeof entry !== 'string') throw new Error(`${file}: a resource that is not a path`);
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new Error(`${file}: resource ${entry} does not exist`);
    for (const object of statSync(path).isDirectory() ? kustomizeBuild(path) : readManifests(path)) {
      const id = objectId(object);
      if (seen.has(id)) throw new Error(`${file}: ${id} is given twice`);
      seen.add(id);
      objects.push(object);
    }
  }

  for (const entry of asList(doc.patches, `${file}: patches`)) {
    if (!isMap(entry)) throw new Error(`${file}: a patch that is not a mapping`);
    const extra = Object.keys(entry).filter((k) => k !== 'path' && k !== 'patch');
    if (extra.length > 0)
      throw new Error(`${file}: patch fields ${extra.join(', ')}: not supported by this builder`);
    const patches =
      typeof entry.path === 'string'
        ? readManifests(resolve(dir, entry.path))
        : parseAllDocuments(String(entry.patch ?? '')).map((d) => d.toJS() as K8sObject);
    for (const patch of patches) {
      const matches = objects.filter(
        (o) =>
          o.kind === patch.kind &&
          o.metadata.name === patch.metadata.name &&
          (patch.metadata.namespace === undefined || o.metadata.namespace === patch.metadata.namespace),
      );
      if (matches.length !== 1)
        throw new Error(
          `${file}: the patch of ${patch.kind}/${patch.metadata.name} matches ${matches.length} objects`,
        );
      objects = objects.map((o) =>
        o === matches[0]
          ? (mergePatch(
              o as unknown as JsonMap,
              patch as unknown as JsonMap,
              objectId(o),
            ) as unknown as K8sObject)
          : o,
      );
    }
  }

  if (doc.namespace !== undefined) {
    if (typeof doc.namespace !== 'string') throw new Error(`${file}: namespace is not a string`);
    const namespace = doc.namespace;
    objects = objects.map((o) =>
      CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace } },
    );
  }

  for (const entry of asList(doc.replicas, `${file}: replicas`)) {
    if (!isMap(entry) || typeof entry.name !== 'string' || typeof entry.count !== 'number')
      throw new Error(`${file}: replicas entries are {name, count}`);
    const { name, count } = entry;
    const targets = objects.filter(
      (o) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind) && o.metadata.name === name,
    );
    if (targets.length !== 1) throw new Error(`${file}: replicas of ${name} match ${targets.length} objects`);
    objects = objects.map((o) =>
      o === targets[0] ? { ...o, spec: { ...(isMap(o.spec) ? o.spec : {}), replicas: count } } : o,
    );
  }
  return objects;
}

function asList(value: unknown, what: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${what}: not a list`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes object schemas (kubernetes-models)

const here = dirname(fileURLToPath(import.meta.url));

/** The module of kubernetes-models for an apiVersion: `apps/v1` → kubernetes-models/apps/v1, `v1` → kubernetes-models/v1. */
export function modelModule(apiVersion: string): string {
  return `kubernetes-models/${apiVersion}`;
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/**
 * Validates each object with its kubernetes-models class (types, formats, enums, required fields);
 * returns the problems, `Kind/name: message`. An apiVersion or kind the package does not know is
 * a problem too.
 */
export async function schemaProblems(objects: readonly K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    let models: Record<string, unknown>;
    try {
      models = (await import(modelModule(object.apiVersion))) as Record<string, unknown>;
    } catch {
      problems.push(`${objectId(object)}: no schema for apiVersion ${object.apiVersion}`);
      continue;
    }
    const Model = models[object.kind] as ModelClass | undefined;
    if (typeof Model !== 'function') {
      problems.push(`${objectId(object)}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(structuredClone(object)).validate();
    } catch (error) {
      problems.push(`${objectId(object)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

/** The interface kubernetes-models declares for an object: `apps/v1` Deployment → IDeployment in kubernetes-models/apps/v1/Deployment. */
function modelType(object: K8sObject): { module: string; name: string } {
  return { module: `${modelModule(object.apiVersion)}/${object.kind}`, name: `I${object.kind}` };
}

/**
 * Fields the Kubernetes schemas do not have (a misspelt `readinesProbe` is silently dropped by
 * the API server's non-strict decoding), found by TypeScript's excess-property check: each
 * object is written as a literal of its kubernetes-models interface and type-checked.
 */
export function unknownFieldProblems(objects: readonly K8sObject[]): string[] {
  const file = join(here, '__k8s_objects__.ts');
  const lines: string[] = [];
  const owners: { from: number; object: K8sObject }[] = [];
  objects.forEach((object, i) => {
    const { module, name } = modelType(object);
    lines.push(`import type { ${name} as T${i} } from '${module}';`);
  });
  objects.forEach((object, i) => {
    owners.push({ from: lines.length, object });
    lines.push(...`export const o${i}: T${i} = ${JSON.stringify(object, null, 2)};`.split('\n'));
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);
  const sourceFile = program.getSourceFile(file);
  return ts
    .getPreEmitDiagnostics(program, sourceFile)
    .filter((d) => d.file?.fileName === file)
    .map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const owner = [...owners].reverse().find((o) => o.from <= line);
      const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      return `${owner ? objectId(owner.object) : 'imports'}: ${text}`;
    });
}

// ---------------------------------------------------------------------------------------------
// What the Deployments must be for Dyad (beyond the schemas)

/** The fields of a Deployment these checks read (the schemas check the rest). */
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
  };
}

interface Probe {
  readonly httpGet?: { readonly path?: string; readonly port: number | string };
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly {
    readonly configMapRef?: { readonly name: string };
    readonly secretRef?: { readonly name: string };
  }[];
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly resources?: {
    readonly requests?: Readonly<Record<string, string | number>>;
    readonly limits?: Readonly<Record<string, string | number>>;
  };
  readonly securityContext?: {
    readonly allowPrivilegeEscalation?: boolean;
    readonly readOnlyRootFilesystem?: boolean;
  };
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string }[];
}

export interface PodSpec {
  readonly containers: readonly Container[];
  readonly automountServiceAccountToken?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  readonly securityContext?: { readonly runAsNonRoot?: boolean };
  readonly volumes?: readonly { readonly name: string; readonly configMap?: { readonly name: string } }[];
}

export interface Deployment extends K8sObject {
  readonly kind: 'Deployment';
  readonly spec: {
    readonly replicas?: number;
    readonly selector: { readonly matchLabels?: Readonly<Record<string, string>> };
    readonly template: {
      readonly metadata?:
        | K8sMetadata
        | {
            readonly labels?: Readonly<Record<string, string>>;
            readonly annotations?: Readonly<Record<string, string>>;
          };
      readonly spec: PodSpec;
    };
  };
}

export function deployments(objects: readonly K8sObject[]): Deployment[] {
  return objects.filter((o): o is Deployment => o.kind === 'Deployment');
}

export function configMapData(
  objects: readonly K8sObject[],
  name: string,
): Record<string, string> | undefined {
  const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
  return map ? { ...((map.data as Record<string, string> | undefined) ?? {}) } : undefined;
}

/**
 * The environment a Deployment's container starts with: the image's ENV, then `envFrom`
 * ConfigMaps, then `env` (values, ConfigMap keys and Secret keys, the latter from `secrets`,
 * the Secret's keys as a user fills them in). Problems: a ConfigMap or Secret key that does not
 * exist, an envFrom of a whole Secret (every service would get every secret).
 */
export function containerEnv(
  container: Container,
  objects: readonly K8sObject[],
  imageEnv: Readonly<Record<string, string>>,
  secrets: Readonly<Record<string, Readonly<Record<string, string>>>>,
): { env: Record<string, string>; problems: string[] } {
  const env: Record<string, string> = { ...imageEnv };
  const problems: string[] = [];
  for (const from of container.envFrom ?? []) {
    if (from.secretRef)
      problems.push(`envFrom the whole Secret ${from.secretRef.name}: name each key (secretKeyRef)`);
    if (from.configMapRef) {
      const data = configMapData(objects, from.configMapRef.name);
      if (!data) problems.push(`envFrom ConfigMap ${from.configMapRef.name}, which no manifest defines`);
      Object.assign(env, data);
    }
  }
  for (const variable of container.env ?? []) {
    const secretRef = variable.valueFrom?.secretKeyRef;
    const mapRef = variable.valueFrom?.configMapKeyRef;
    if (secretRef) {
      const value = secrets[secretRef.name]?.[secretRef.key];
      if (value === undefined)
        problems.push(`${variable.name}: Secret ${secretRef.name} has no key ${secretRef.key}`);
      else env[variable.name] = value;
    } else if (mapRef) {
      const value = configMapData(objects, mapRef.name)?.[mapRef.key];
      if (value === undefined)
        problems.push(`${variable.name}: ConfigMap ${mapRef.name} has no key ${mapRef.key}`);
      else env[variable.name] = value;
    } else env[variable.name] = variable.value ?? '';
  }
  return { env, problems };
}

/** A quantity (`250m`, `1`, `512Mi`, `1Gi`) in base units, for comparing requests with limits. */
export function quantity(value: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(value));
  if (!match) throw new Error(`${value}: not a quantity these checks read`);
  const factor: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] ? (factor[match[2]] ?? 1) : 1);
}

/**
 * A Dyad Deployment as these manifests promise it (README "From one machine to a cluster"):
 * probes on the health port — readiness /readyz, liveness /healthz — where the service's PORT
 * is; Prometheus annotations at that port; requests and limits of cpu and memory, requests not
 * above limits; non-root, no privilege escalation, read-only root filesystem, no service account
 * token; a grace period longer than SHUTDOWN_TIMEOUT_MS plus NATS' drain (2 s); selector labels
 * on the pods; a PodDisruptionBudget that selects exactly its pods.
 */
export function deploymentProblems(
  deployment: Deployment,
  env: Readonly<Record<string, string>>,
  objects: readonly K8sObject[],
): string[] {
  const problems: string[] = [];
  const pod = deployment.spec.template.spec;
  const labels = deployment.spec.template.metadata?.labels ?? {};
  const annotations = deployment.spec.template.metadata?.annotations ?? {};
  const [container, ...others] = pod.containers;
  if (!container || others.length > 0) return ['not one container'];
  const port = (ref: number | string | undefined) =>
    typeof ref === 'number' ? ref : container.ports?.find((p) => p.name === ref)?.containerPort;
  const healthPort = Number(env.PORT);
  if (!Number.isInteger(healthPort)) problems.push('PORT is not set (image or manifest)');
  if (!container.ports?.some((p) => p.containerPort === healthPort))
    problems.push(`no containerPort for PORT ${healthPort}`);
  const checks: [string, Probe | undefined, string][] = [
    ['readinessProbe', container.readinessProbe, '/readyz'],
    ['livenessProbe', container.livenessProbe, '/healthz'],
  ];
  for (const [name, probe, path] of checks) {
    if (!probe?.httpGet) problems.push(`no ${name}`);
    else if (probe.httpGet.path !== path || port(probe.httpGet.port) !== healthPort)
      problems.push(
        `${name}: ${probe.httpGet.path} on ${port(probe.httpGet.port)}, not ${path} on PORT ${healthPort}`,
      );
  }
  if (annotations['prometheus.io/scrape'] !== 'true') problems.push('no prometheus.io/scrape: "true"');
  if (annotations['prometheus.io/port'] !== String(healthPort))
    problems.push(`prometheus.io/port ${annotations['prometheus.io/port']}, not PORT ${healthPort}`);
  if ((annotations['prometheus.io/path'] ?? '/metrics') !== '/metrics')
    problems.push('prometheus.io/path is not /metrics');
  for (const resource of ['cpu', 'memory']) {
    const request = container.resources?.requests?.[resource];
    const limit = container.resources?.limits?.[resource];
    if (request === undefined || limit === undefined) problems.push(`${resource}: no request or no limit`);
    else if (quantity(request) > quantity(limit))
      problems.push(`${resource}: request ${request} above limit ${limit}`);
  }
  if (pod.securityContext?.runAsNonRoot !== true) problems.push('runAsNonRoot is not true');
  if (container.securityContext?.allowPrivilegeEscalation !== false)
    problems.push('allowPrivilegeEscalation is not false');
  if (container.securityContext?.readOnlyRootFilesystem !== true)
    problems.push('readOnlyRootFilesystem is not true');
  if (pod.automountServiceAccountToken !== false) problems.push('a service account token is mounted');
  const shutdownMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 8000);
  if ((pod.terminationGracePeriodSeconds ?? 30) * 1000 <= shutdownMs + 2000)
    problems.push(
      `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} is not above SHUTDOWN_TIMEOUT_MS + 2 s`,
    );
  const selector = deployment.spec.selector.matchLabels ?? {};
  if (Object.keys(selector).length === 0 || Object.entries(selector).some(([k, v]) => labels[k] !== v))
    problems.push('the selector does not match the pod labels');
  const budgets = objects.filter(
    (o) =>
      o.kind === 'PodDisruptionBudget' &&
      o.metadata.namespace === deployment.metadata.namespace &&
      selects(
        (o.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels,
        labels,
      ),
  );
  if (budgets.length !== 1) problems.push(`${budgets.length} PodDisruptionBudgets select its pods, not 1`);
  for (const mount of container.volumeMounts ?? [])
    if (!pod.volumes?.some((v) => v.name === mount.name))
      problems.push(`volumeMount ${mount.name}: no such volume`);
  return problems;
}

/** Whether a label selector (matchLabels) selects pods with `labels`; an empty one selects nothing here. */
export function selects(
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

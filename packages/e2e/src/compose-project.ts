/**
 * The deployment files of this repository and how they relate to the workspace: which compose
 * services are Dyad images, which Dockerfile target each builds, and which workspace package
 * that target deploys.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PLACEHOLDER_SECRET } from '@dyad/bus';
import { buildOf, type ComposeService, type LoadedCompose, loadComposeFiles } from './compose-file.ts';
import { parseDotenv } from './compose-interpolate.ts';
import { type Dockerfile, dockerignore, parseDockerfile } from './dockerfile.ts';
import { repoRoot } from './pipeline.ts';

export const composeFile = join(repoRoot, 'docker-compose.yml');
/** Over docker-compose.yml: a 3-node NATS cluster and streams with 3 replicas. */
export const clusterComposeFile = join(repoRoot, 'docker-compose.cluster.yml');
export const envExampleFile = join(repoRoot, '.env.example');
export const dockerfilePath = join(repoRoot, 'infra', 'docker', 'Dockerfile');
export const dockerignorePath = `${dockerfilePath}.dockerignore`;
export const prometheusConfigPath = join(repoRoot, 'infra', 'prometheus', 'prometheus.yml');

export interface WorkspacePackage {
  readonly name: string;
  /** Absolute folder. */
  readonly dir: string;
  readonly manifest: {
    readonly name: string;
    readonly files?: readonly string[];
    readonly scripts?: Readonly<Record<string, string>>;
    readonly dependencies?: Readonly<Record<string, string>>;
    readonly bin?: string | Readonly<Record<string, string>>;
  };
}

/** The packages of pnpm-workspace.yaml (packages/*, services/*), by name. */
export function workspacePackages(): Map<string, WorkspacePackage> {
  const out = new Map<string, WorkspacePackage>();
  for (const group of ['packages', 'services']) {
    for (const entry of readdirSync(join(repoRoot, group), { withFileTypes: true })) {
      const dir = join(repoRoot, group, entry.name);
      const manifestFile = join(dir, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestFile)) continue;
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as WorkspacePackage['manifest'];
      out.set(manifest.name, { name: manifest.name, dir, manifest });
    }
  }
  return out;
}

/** Workspace packages that `name` needs at run time (its `dependencies`, transitively), itself first. */
export function runtimeClosure(name: string, packages: Map<string, WorkspacePackage>): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  const visit = (n: string) => {
    const pkg = packages.get(n);
    if (!pkg || out.includes(pkg)) return;
    out.push(pkg);
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) visit(dep);
  };
  visit(name);
  return out;
}

export interface ProjectFiles {
  readonly compose: LoadedCompose;
  readonly dockerfile: Dockerfile;
  readonly ignored: (path: string) => boolean;
}

/**
 * `.env.example` as a user fills it in ("then set the passwords in .env"): each placeholder
 * password replaced by a random one, then `overrides`. The services refuse the placeholders.
 */
export function userSettings(overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const settings = parseDotenv(readFileSync(envExampleFile, 'utf8'));
  for (const [key, value] of Object.entries(settings))
    if (value.startsWith(PLACEHOLDER_SECRET)) settings[key] = `pw-${randomBytes(8).toString('hex')}`;
  return { ...settings, ...overrides };
}

/**
 * The deployment files: compose (`files`, as `-f` gives them; docker-compose.yml alone by
 * default) interpolated with `settings` (a .env), or with `.env.example` as it is.
 */
export function loadProject(
  settings?: Readonly<Record<string, string>>,
  files: readonly string[] = [composeFile],
): ProjectFiles {
  return {
    compose: loadComposeFiles(files, settings ?? parseDotenv(readFileSync(envExampleFile, 'utf8'))),
    dockerfile: parseDockerfile(readFileSync(dockerfilePath, 'utf8')),
    ignored: dockerignore(existsSync(dockerignorePath) ? readFileSync(dockerignorePath, 'utf8') : ''),
  };
}

export interface DyadImageService {
  /** The compose service. */
  readonly service: string;
  readonly definition: ComposeService;
  /** The Dockerfile target it builds. */
  readonly target: string;
  /** The workspace package the target deploys: services/<target> or packages/<target>. */
  readonly pkg: WorkspacePackage | undefined;
}

/** Compose services built from infra/docker/Dockerfile. */
export function dyadImageServices(compose: LoadedCompose): DyadImageService[] {
  const packages = [...workspacePackages().values()];
  const out: DyadImageService[] = [];
  for (const [service, definition] of Object.entries(compose.doc.services)) {
    const build = buildOf(definition);
    if (!build) continue;
    const dockerfile = resolve(compose.dir, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
    if (dockerfile !== dockerfilePath) continue;
    const target = build.target ?? '';
    const pkg = packages.find((p) =>
      ['services', 'packages'].some((g) => relative(repoRoot, p.dir) === `${g}/${target}`),
    );
    out.push({ service, definition, target, pkg });
  }
  return out;
}

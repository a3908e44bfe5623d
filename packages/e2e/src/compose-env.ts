/**
 * The environment a container of a compose service starts with — the image's ENV (from the
 * Dockerfile target) overlaid by the service's `environment` — and its check against the
 * service's own configuration schema.
 */
import { ConfigError, parseEnv } from '@dyad/bus';
import { serviceEnvironment } from './compose-file.ts';
import type { DyadImageService, ProjectFiles } from './compose-project.ts';
import { imageConfig } from './dockerfile.ts';

/** Read by Node itself, not by a service's schema. */
export const NODE_RUNTIME_VARIABLES: readonly string[] = [
  'NODE_ENV',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'TZ',
];

export function containerEnvironment(
  project: ProjectFiles,
  service: DyadImageService,
): Record<string, string> {
  return {
    ...imageConfig(project.dockerfile, service.target).env,
    ...serviceEnvironment(project.compose.doc.services[service.service] ?? service.definition),
  };
}

/** What `parseEnv(service, schema, env)` takes, and a zod object's `shape` (its variable names). */
export type EnvSchema = Parameters<typeof parseEnv>[1] & {
  readonly shape: Readonly<Record<string, unknown>>;
};

/**
 * Problems of an environment for a service: variables the schema does not read (a rename or a
 * typo, which zod would silently drop) and the ConfigError issues of parsing it.
 */
export function envProblems(
  service: string,
  known: readonly string[],
  env: Record<string, string>,
  schema?: EnvSchema,
): string[] {
  const problems = Object.keys(env)
    .filter((key) => !known.includes(key) && !NODE_RUNTIME_VARIABLES.includes(key))
    .map((key) => `${key}: not read by ${service} (renamed or misspelt?)`);
  if (schema) {
    try {
      parseEnv(service, schema, env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.issues);
    }
  }
  return problems;
}

/** The environment variables a function reads (e.g. the CLI's loadConfig), found by watching it read. */
export function variablesRead(read: (env: Record<string, string | undefined>) => unknown): string[] {
  const seen = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get(_, key) {
      if (typeof key === 'string') seen.add(key);
      return undefined;
    },
  });
  read(env);
  return [...seen];
}

import {
  byteSizeSchema,
  type StreamLimits,
  secretSchema,
  streamReplicasSchema,
  urlWithSecretSchema,
} from '@dyad/bus';
import { InvalidNamespaceError, type Names, names } from '@dyad/contracts';
import { CommandError, UsageError } from './errors.ts';

/** What every command reads from the environment (localhost defaults) and `--namespace`. */
export interface CliConfig {
  readonly natsUrl: string;
  readonly natsUser: string | undefined;
  readonly natsPassword: string | undefined;
  readonly redisUrl: string;
  /** STREAM_REPLICAS: copies of each stream this command creates on a NATS cluster (see @dyad/bus). */
  readonly streamReplicas: number | undefined;
  /** `<STREAM>_MAX_BYTES`, `RAW_MAX_BYTES`: byte limits of the streams this command creates. */
  readonly streamLimits: StreamLimits;
  /** '' for DESIGN's names exactly; else every stream, subject and queue key is prefixed. */
  readonly namespace: string;
  readonly names: Names;
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Empty strings count as unset, as compose passes an unset `${VAR}`. */
function setting(env: Readonly<Record<string, string | undefined>>, key: string): string | undefined {
  const value = env[key];
  return value === undefined || value === '' ? undefined : value;
}

/** `--namespace` wins over DYAD_NAMESPACE; an invalid namespace is a usage error. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  namespaceOption?: string,
): CliConfig {
  const namespace = namespaceOption ?? setting(env, 'DYAD_NAMESPACE') ?? '';
  let resolved: Names;
  try {
    resolved = names(namespace);
  } catch (error) {
    if (error instanceof InvalidNamespaceError) throw new UsageError(error.message);
    throw error;
  }
  const natsPassword = setting(env, 'NATS_PASSWORD');
  const redisUrl = setting(env, 'REDIS_URL') ?? DEFAULT_REDIS_URL;
  // As the services do: .env.example's placeholder passwords are refused (the value is never shown).
  const issues = [
    ...(natsPassword === undefined ? [] : (secretSchema.safeParse(natsPassword).error?.issues ?? [])).map(
      (i) => `NATS_PASSWORD: ${i.message}`,
    ),
    ...(urlWithSecretSchema.safeParse(redisUrl).error?.issues ?? []).map((i) => `REDIS_URL: ${i.message}`),
  ];
  const replicas = setting(env, 'STREAM_REPLICAS');
  const parsedReplicas = replicas === undefined ? undefined : streamReplicasSchema.safeParse(replicas);
  for (const issue of parsedReplicas?.error?.issues ?? []) issues.push(`STREAM_REPLICAS: ${issue.message}`);
  const streamReplicas = parsedReplicas?.data;
  const streamLimits: StreamLimits = {};
  for (const [key, stream] of [
    ['ARTICLES_MAX_BYTES', 'ARTICLES'],
    ['EVENTS_MAX_BYTES', 'EVENTS'],
    ['DLQ_MAX_BYTES', 'DLQ'],
    ['RAW_MAX_BYTES', 'raw'],
  ] as const) {
    const value = setting(env, key);
    if (value === undefined) continue;
    const parsed = byteSizeSchema.safeParse(value);
    if (parsed.success) streamLimits[stream] = parsed.data;
    else for (const issue of parsed.error.issues) issues.push(`${key}: ${issue.message}`);
  }
  if (issues.length) throw new CommandError(`invalid configuration:\n  ${issues.join('\n  ')}`);
  return {
    natsUrl: setting(env, 'NATS_URL') ?? DEFAULT_NATS_URL,
    natsUser: setting(env, 'NATS_USER'),
    natsPassword,
    redisUrl,
    streamReplicas,
    streamLimits,
    namespace,
    names: resolved,
  };
}

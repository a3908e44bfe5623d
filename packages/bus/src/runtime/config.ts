import { names, type StageName } from '@dyad/contracts';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { DEFAULT_READY_TIMEOUT_MS } from '../nats/ready.ts';
import type { StreamLimits } from '../nats/topology.ts';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const Port = z.coerce.number().int().min(0).max(65_535);

const Namespace = z.string().refine(
  (ns) => {
    try {
      names(ns);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'use up to 40 letters, digits, "_" or "-"' },
);

/**
 * How every password of `.env.example` starts. A deployment still using one (compose copied the
 * example without editing it) is refused at start, naming the variable and never its value.
 */
export const PLACEHOLDER_SECRET = 'change-me';

const PLACEHOLDER_MESSAGE = `still the placeholder of .env.example ("${PLACEHOLDER_SECRET}…"): set a password of your own in .env`;

/** A password read from the environment: anything but .env.example's placeholder. */
export const secretSchema = z
  .string()
  .refine((value) => !value.startsWith(PLACEHOLDER_SECRET), { message: PLACEHOLDER_MESSAGE });

/** The password of a URL (`redis://:PW@host`, `postgres://user:PW@host/db`), decoded; undefined when none. */
export function urlPassword(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}

/** A server URL whose password, if it has one, is not .env.example's placeholder. */
export const urlWithSecretSchema = z
  .string()
  .min(1)
  .refine((url) => !urlPassword(url)?.startsWith(PLACEHOLDER_SECRET), {
    message: `its password is ${PLACEHOLDER_MESSAGE}`,
  });

/**
 * STREAM_REPLICAS: copies of each JetStream stream on a NATS cluster (3 on a 3-node cluster). New
 * streams get 1 when unset, and an existing stream's replicas are then left as they are.
 */
export const streamReplicasSchema = z.coerce.number().int().min(1).max(5);

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1_024,
  kb: 1_024,
  kib: 1_024,
  m: 1_048_576,
  mb: 1_048_576,
  mib: 1_048_576,
  g: 1_073_741_824,
  gb: 1_073_741_824,
  gib: 1_073_741_824,
};

/**
 * A size in bytes: `1073741824`, `512MiB`, `4GiB` (K, M, G and their KB/KiB forms are all powers
 * of 1,024). At least 1 KiB.
 */
export const byteSizeSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value);
    const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? 'x'];
    if (!match || unit === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a size in bytes, such as 1073741824, 512MiB or 4GiB' });
      return z.NEVER;
    }
    const bytes = Math.floor(Number(match[1]) * unit);
    if (bytes < 1_024) {
      ctx.addIssue({ code: 'custom', message: 'at least 1KiB' });
      return z.NEVER;
    }
    return bytes;
  });

/** Default HTTP port of each service's /healthz, /readyz and /metrics. */
export const defaultPorts: Record<StageName, number> = {
  fetcher: 9101,
  cleaner: 9102,
  extractor: 9103,
  indexer: 9104,
};

/** Environment every service reads; localhost defaults so that a bare `node main.ts` works. */
export function baseEnvSchema(service: StageName) {
  return z.object({
    NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
    NATS_USER: z.string().optional(),
    NATS_PASSWORD: secretSchema.optional(),
    DYAD_NAMESPACE: Namespace.default(''),
    LOG_LEVEL: LogLevel.default('info'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: Port.default(defaultPorts[service]),
    STREAM_REPLICAS: streamReplicasSchema.optional(),
    /** How long a starting service keeps trying while JetStream is not ready (a cluster forming). */
    NATS_READY_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_READY_TIMEOUT_MS),
    /** Byte limits of the streams and the `raw` bucket (discard: new); the catalog's when unset. */
    ARTICLES_MAX_BYTES: byteSizeSchema.optional(),
    EVENTS_MAX_BYTES: byteSizeSchema.optional(),
    DLQ_MAX_BYTES: byteSizeSchema.optional(),
    RAW_MAX_BYTES: byteSizeSchema.optional(),
    /** Messages or jobs handled at once by this process; the catalog's value when unset. */
    CONCURRENCY: z.coerce.number().int().positive().max(256).optional(),
    /** SIGTERM: in-flight work gets this long to finish before the process exits. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
  });
}

export type BaseEnv = z.infer<ReturnType<typeof baseEnvSchema>>;

/** The byte limits a service's environment sets (`<STREAM>_MAX_BYTES`, `RAW_MAX_BYTES`). */
export function streamLimitsOf(
  env: Pick<BaseEnv, 'ARTICLES_MAX_BYTES' | 'EVENTS_MAX_BYTES' | 'DLQ_MAX_BYTES' | 'RAW_MAX_BYTES'>,
): StreamLimits {
  const limits: StreamLimits = {};
  if (env.ARTICLES_MAX_BYTES !== undefined) limits.ARTICLES = env.ARTICLES_MAX_BYTES;
  if (env.EVENTS_MAX_BYTES !== undefined) limits.EVENTS = env.EVENTS_MAX_BYTES;
  if (env.DLQ_MAX_BYTES !== undefined) limits.DLQ = env.DLQ_MAX_BYTES;
  if (env.RAW_MAX_BYTES !== undefined) limits.raw = env.RAW_MAX_BYTES;
  return limits;
}

/** Parses the environment, or throws a ConfigError that names every bad variable. */
export function parseEnv<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  // Empty strings are how compose passes an unset ${VAR}; treat them as unset.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      service,
      result.error.issues.map((i) => `${i.path.map(String).join('.') || '(env)'}: ${i.message}`),
    );
  }
  return result.data;
}

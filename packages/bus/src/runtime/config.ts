import { names, type StageName } from '@dyad/contracts';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';

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
    NATS_PASSWORD: z.string().optional(),
    DYAD_NAMESPACE: Namespace.default(''),
    LOG_LEVEL: LogLevel.default('info'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: Port.default(defaultPorts[service]),
    /** Messages or jobs handled at once by this process; the catalog's value when unset. */
    CONCURRENCY: z.coerce.number().int().positive().max(256).optional(),
    /** SIGTERM: in-flight work gets this long to finish before the process exits. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
  });
}

export type BaseEnv = z.infer<ReturnType<typeof baseEnvSchema>>;

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

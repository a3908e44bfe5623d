import { describe, expect, it } from '@dyad/testkit';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { baseEnvSchema, defaultPorts, parseEnv, streamLimitsOf } from './config.ts';

/** The ConfigError parseEnv throws for this environment (fails the test when it does not throw). */
function configErrorFor(service: 'fetcher' | 'indexer', env: Record<string, string>): ConfigError {
  try {
    parseEnv(service, baseEnvSchema(service), env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('parseEnv accepted a bad environment');
}

function badVariables(error: ConfigError): string[] {
  return error.issues.map((i) => i.split(':')[0] ?? '').sort();
}

describe('parseEnv', () => {
  it('gives localhost defaults for an empty environment', () => {
    const env = parseEnv('cleaner', baseEnvSchema('cleaner'), {});
    expect(env).toEqual({
      NATS_URL: 'nats://127.0.0.1:4222',
      DYAD_NAMESPACE: '',
      LOG_LEVEL: 'info',
      HOST: '0.0.0.0',
      PORT: defaultPorts.cleaner,
      SHUTDOWN_TIMEOUT_MS: 8_000,
      NATS_READY_TIMEOUT_MS: 60_000,
    });
    expect(env.PORT).toBe(9102);
  });

  it('reads and coerces what is set', () => {
    const env = parseEnv('fetcher', baseEnvSchema('fetcher'), {
      NATS_URL: 'nats://nats:4222',
      NATS_USER: 'dyad',
      NATS_PASSWORD: 'secret',
      DYAD_NAMESPACE: 'staging-2',
      LOG_LEVEL: 'debug',
      PORT: '0',
      CONCURRENCY: '16',
      SHUTDOWN_TIMEOUT_MS: '2500',
      UNRELATED: 'ignored',
    });
    expect(env).toMatchObject({
      NATS_URL: 'nats://nats:4222',
      NATS_USER: 'dyad',
      NATS_PASSWORD: 'secret',
      DYAD_NAMESPACE: 'staging-2',
      LOG_LEVEL: 'debug',
      PORT: 0,
      CONCURRENCY: 16,
      SHUTDOWN_TIMEOUT_MS: 2_500,
    });
    expect(env).not.toHaveProperty('UNRELATED');
  });

  it('names every bad variable in one ConfigError', () => {
    const error = configErrorFor('indexer', {
      PORT: 'eighty',
      DYAD_NAMESPACE: 'not a namespace!',
      NATS_URL: 'nats://127.0.0.1:4222',
    });
    expect(error.message).toMatch(/^invalid configuration for indexer:/);
    expect(error.message).toMatch(/^ {2}PORT: /m);
    expect(error.message).toMatch(/^ {2}DYAD_NAMESPACE: use up to 40 letters/m);
    expect(badVariables(error)).toEqual(['DYAD_NAMESPACE', 'PORT']);
  });

  it('refuses out-of-range numbers and unknown log levels', () => {
    const error = configErrorFor('fetcher', {
      PORT: '70000',
      CONCURRENCY: '0',
      SHUTDOWN_TIMEOUT_MS: '-1',
      LOG_LEVEL: 'loud',
    });
    expect(badVariables(error)).toEqual(['CONCURRENCY', 'LOG_LEVEL', 'PORT', 'SHUTDOWN_TIMEOUT_MS']);
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv('fetcher', baseEnvSchema('fetcher'), {
      NATS_URL: '',
      NATS_USER: '',
      DYAD_NAMESPACE: '',
      PORT: '',
      CONCURRENCY: '',
      LOG_LEVEL: '',
    });
    expect(env.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(env.NATS_USER).toBeUndefined();
    expect(env.PORT).toBe(defaultPorts.fetcher);
    expect(env.CONCURRENCY).toBeUndefined();
    expect(env.LOG_LEVEL).toBe('info');
    // An empty required variable is reported as missing, not as an empty value.
    expect(() => parseEnv('x', z.object({ DATABASE_URL: z.string() }), { DATABASE_URL: '' })).toThrow(
      /DATABASE_URL: .*(received undefined|required)/i,
    );
  });

  it('reads process.env by default', () => {
    const schema = z.object({ DYAD_CONFIG_TEST_VALUE: z.string().default('unset') });
    process.env.DYAD_CONFIG_TEST_VALUE = 'from the environment';
    try {
      expect(parseEnv('x', schema).DYAD_CONFIG_TEST_VALUE).toBe('from the environment');
    } finally {
      delete process.env.DYAD_CONFIG_TEST_VALUE;
    }
  });
});

describe('stream byte limits', () => {
  it('reads <STREAM>_MAX_BYTES and RAW_MAX_BYTES as bytes or with a unit; unset keeps the catalog’s', () => {
    const env = parseEnv('cleaner', baseEnvSchema('cleaner'), {
      ARTICLES_MAX_BYTES: '4GiB',
      EVENTS_MAX_BYTES: '512MiB',
      DLQ_MAX_BYTES: '1048576',
    });
    expect(streamLimitsOf(env)).toEqual({
      ARTICLES: 4 * 1_073_741_824,
      EVENTS: 512 * 1_048_576,
      DLQ: 1_048_576,
    });
    expect(streamLimitsOf(parseEnv('cleaner', baseEnvSchema('cleaner'), {}))).toEqual({});
    expect(() => parseEnv('cleaner', baseEnvSchema('cleaner'), { RAW_MAX_BYTES: 'lots' })).toThrow(
      /RAW_MAX_BYTES: a size in bytes, such as 1073741824, 512MiB or 4GiB/,
    );
    expect(() => parseEnv('cleaner', baseEnvSchema('cleaner'), { DLQ_MAX_BYTES: '12' })).toThrow(
      /DLQ_MAX_BYTES: at least 1KiB/,
    );
  });
});

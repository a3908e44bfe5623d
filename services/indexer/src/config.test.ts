import { ConfigError, parseEnv } from '@dyad/bus';
import { describe, expect, it } from 'vitest';
import { indexerEnvSchema } from './config.ts';

describe('indexer configuration', () => {
  it('embeds PGlite under .data when DATABASE_URL is unset', () => {
    const env = parseEnv('indexer', indexerEnvSchema, {});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe('.data/pglite');
    expect(env.PORT).toBe(9104);
  });

  it('names a bad schema name', () => {
    expect(() => parseEnv('indexer', indexerEnvSchema, { DATABASE_SCHEMA: 'drop table;' })).toThrow(
      ConfigError,
    );
    expect(() => parseEnv('indexer', indexerEnvSchema, { DATABASE_SCHEMA: 'drop table;' })).toThrow(
      /DATABASE_SCHEMA/,
    );
  });
});

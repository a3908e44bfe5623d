import { ConfigError, parseEnv } from '@dyad/bus';
import { describe, expect, it } from 'vitest';
import { indexerEnvSchema, messagesInFlight, transactionsAtOnce } from './config.ts';

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

  it('serves the API on 8080 on HOST by default; API_PORT=0 takes any port; a bad port is named', () => {
    const env = parseEnv('indexer', indexerEnvSchema, {});
    expect([env.API_PORT, env.API_HOST, env.API_HEARTBEAT_MS]).toEqual([8080, undefined, 15_000]);
    expect(parseEnv('indexer', indexerEnvSchema, { API_PORT: '0', API_HOST: '127.0.0.1' })).toMatchObject({
      API_PORT: 0,
      API_HOST: '127.0.0.1',
    });
    expect(() => parseEnv('indexer', indexerEnvSchema, { API_PORT: '80800' })).toThrow(/API_PORT/);
  });

  it('takes API_PUBLIC_URL as an http(s) URL, and names anything else', () => {
    expect(parseEnv('indexer', indexerEnvSchema, {}).API_PUBLIC_URL).toBeUndefined();
    expect(
      parseEnv('indexer', indexerEnvSchema, { API_PUBLIC_URL: 'https://dyad.example/relations/' })
        .API_PUBLIC_URL,
    ).toBe('https://dyad.example/relations/');
    for (const bad of ['javascript:alert(1)', 'dyad.example', 'ftp://dyad.example/'])
      expect(() => parseEnv('indexer', indexerEnvSchema, { API_PUBLIC_URL: bad }), bad).toThrow(
        /API_PUBLIC_URL/,
      );
  });

  it('keeps two full batches in flight beyond the running transactions; texts indexed inline', () => {
    const pglite = parseEnv('indexer', indexerEnvSchema, {});
    const postgres = parseEnv('indexer', indexerEnvSchema, { DATABASE_URL: 'postgres://u:p@db:5432/dyad' });
    expect([transactionsAtOnce(pglite), messagesInFlight(pglite)]).toEqual([1, 96]);
    expect([transactionsAtOnce(postgres), messagesInFlight(postgres)]).toEqual([2, 128]);
    expect(messagesInFlight({ ...postgres, INDEX_BATCH: 1, INDEX_PARALLEL: 1 })).toBe(8);
    expect(messagesInFlight({ ...postgres, CONCURRENCY: 40 })).toBe(40);
    expect(pglite.TEXT_INDEX).toBe('inline');
  });
});

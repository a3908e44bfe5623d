import { describe, expect, it } from '@dyad/testkit';
import { loadConfig } from './config.ts';
import { CommandError, UsageError } from './errors.ts';
import { main } from './main.ts';
import { testIo } from './test-helpers.ts';

describe('config', () => {
  it('has localhost defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      natsUrl: 'nats://127.0.0.1:4222',
      natsUser: undefined,
      natsPassword: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
      namespace: '',
    });
    expect(config.names.stream('EVENTS')).toBe('EVENTS');
  });

  it('reads the environment, treats empty values as unset, and lets --namespace win', () => {
    const env = {
      NATS_URL: 'nats://n:1',
      NATS_USER: 'u',
      NATS_PASSWORD: 'p',
      REDIS_URL: '',
      DYAD_NAMESPACE: 'env_ns',
    };
    expect(loadConfig(env)).toMatchObject({
      natsUrl: 'nats://n:1',
      natsUser: 'u',
      natsPassword: 'p',
      redisUrl: 'redis://127.0.0.1:6379',
      namespace: 'env_ns',
    });
    const flagged = loadConfig(env, 'flag_ns');
    expect(flagged.namespace).toBe('flag_ns');
    expect(flagged.names.subject('new-event')).toBe('flag_ns.new-event');
    expect(loadConfig(env, '').namespace).toBe('');
  });

  it('makes an invalid namespace a usage error', async () => {
    expect(() => loadConfig({}, 'a.b')).toThrow(UsageError);
    const io = testIo();
    expect(await main(['status', '--namespace', 'no spaces'], io)).toBe(2);
    expect(io.stderr.text()).toContain('invalid namespace "no spaces"');
  });

  it('refuses .env.example’s placeholder passwords without showing them, as the services do', async () => {
    const placeholder = { NATS_PASSWORD: 'change-me-nats', REDIS_URL: 'redis://:change-me-redis@redis:6379' };
    expect(() => loadConfig(placeholder)).toThrow(CommandError);
    expect(() => loadConfig(placeholder)).toThrow(
      /NATS_PASSWORD: still the placeholder[\s\S]*REDIS_URL: its password/,
    );
    expect(() => loadConfig(placeholder)).not.toThrow(/change-me-/);
    expect(loadConfig({ NATS_PASSWORD: 'x7', REDIS_URL: 'redis://:x8@redis:6379' }).natsPassword).toBe('x7');
    const io = testIo();
    expect(await main(['status'], { ...io, env: placeholder })).toBe(1);
    expect(io.stderr.text()).toMatch(/NATS_PASSWORD: still the placeholder/);
  });

  it('reads STREAM_REPLICAS as the services do (unset leaves existing streams alone; 1 to 5)', () => {
    expect(loadConfig({}).streamReplicas).toBeUndefined();
    expect(loadConfig({ STREAM_REPLICAS: '3' }).streamReplicas).toBe(3);
    expect(() => loadConfig({ STREAM_REPLICAS: '0' })).toThrow(/STREAM_REPLICAS: /);
  });
});

import { describe, expect, it } from '@dyad/testkit';
import { loadConfig } from '../config.ts';
import { CommandError } from '../errors.ts';
import { main } from '../main.ts';
import { capture, testIo } from '../test-helpers.ts';
import { brokerArgs, REPO_ROOT, runStack, servicePorts } from './stack.ts';

describe('dyad stack (parts; the whole stack is not run in tests)', () => {
  it('starts brokers with the documented command lines', () => {
    expect(brokerArgs('nats', '127.0.0.1', 4222, '/repo')).toEqual([
      '-js',
      '-a',
      '127.0.0.1',
      '-p',
      '4222',
      '-sd',
      '/repo/.data/nats',
    ]);
    expect(brokerArgs('redis', '127.0.0.1', 6380, '/repo')).toEqual([
      '--port',
      '6380',
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
  });

  it('gives services their default ports or consecutive ones from --port-base', () => {
    expect(servicePorts(undefined)).toEqual({ fetcher: 9101, cleaner: 9102, extractor: 9103, indexer: 9104 });
    expect(servicePorts(19000)).toEqual({ fetcher: 19000, cleaner: 19001, extractor: 19002, indexer: 19003 });
  });

  it('says how to get a missing broker, and starts nothing', async () => {
    const out = capture();
    const run = runStack({
      root: REPO_ROOT,
      // Port 1: nothing listens there, so the stack would have to start nats-server.
      config: loadConfig({ NATS_URL: 'nats://127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:2' }),
      env: {},
      out,
      colour: false,
      signal: new AbortController().signal,
      findBinary: () => undefined,
      ports: servicePorts(1),
    });
    await expect(run).rejects.toThrow(CommandError);
    await expect(run).rejects.toThrow(
      'nothing listens at nats://127.0.0.1:1 and nats-server is not installed (looked on PATH and in /usr/sbin, /usr/bin). ' +
        'Install it (Debian/Ubuntu: sudo apt-get install nats-server), or run `docker compose up -d nats redis`',
    );
    expect(out.text()).toBe('');
  });

  it('refuses a repository without the services', async () => {
    const io = testIo();
    await expect(
      runStack({
        root: '/nonexistent',
        config: loadConfig({}),
        env: {},
        out: io.stdout,
        colour: false,
        signal: io.signal,
      }),
    ).rejects.toThrow('services/fetcher/src/main.ts, services/cleaner/src/main.ts');
  });

  it('rejects bad options with exit 2', async () => {
    for (const args of [
      ['stack', 'now'],
      ['stack', '--port-base', 'x'],
      ['stack', '--port-base', '65535'],
    ]) {
      const io = testIo();
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(io.stderr.text()).toMatch(/^dyad stack: /);
    }
  });
});

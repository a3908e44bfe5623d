import { describe, expect, it } from '@dyad/testkit';
import { main } from './main.ts';
import { dyadProcess, testIo } from './test-helpers.ts';

describe('main', () => {
  it('prints the usage on --help (exit 0) and on no command (exit 2)', async () => {
    const help = testIo();
    expect(await main(['--help'], help)).toBe(0);
    expect(help.stdout.text()).toMatch(/^Usage: dyad <command>/);
    for (const name of ['replay', 'subscribe', 'status', 'dlq', 'stack'])
      expect(help.stdout.text()).toContain(`  ${name}`);
    const bare = testIo();
    expect(await main(['help'], bare)).toBe(0);
    expect(bare.stdout.text()).toMatch(/^Usage: dyad <command>/);
    const none = testIo();
    expect(await main([], none)).toBe(2);
    expect(none.stderr.text()).toMatch(/^dyad: no command given/);
  });

  it('prints a command usage with --help or help <command>', async () => {
    const a = testIo();
    expect(await main(['replay', '--help'], a)).toBe(0);
    expect(a.stdout.text()).toMatch(/^Usage: dyad replay/);
    const b = testIo();
    expect(await main(['help', 'dlq'], b)).toBe(0);
    expect(b.stdout.text()).toMatch(/^Usage: dyad dlq list/);
  });

  it('rejects an unknown command with exit 2', async () => {
    const io = testIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr.text()).toMatch(/^dyad: unknown command "frobnicate"/);
  });

  it('takes --namespace before the command', async () => {
    const io = testIo();
    expect(await main(['--namespace', 'bad.ns', 'status'], io)).toBe(2);
    expect(io.stderr.text()).toContain('invalid namespace "bad.ns"');
  });

  it('exits 2 from the binary on a usage error, before touching any server', async () => {
    const proc = dyadProcess('usage', ['status', '--bogus'], { NATS_URL: 'nats://127.0.0.1:1' });
    await proc.waitForLine(/^dyad status: unknown option --bogus$/);
    expect((await proc.exited).code).toBe(2);
  });
});

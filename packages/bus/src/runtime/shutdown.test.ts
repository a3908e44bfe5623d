import { describe, expect, it } from '@dyad/testkit';
import { sleep } from '../nats/test-helpers.ts';
import { ShutdownRegistry } from './shutdown.ts';
import { captureLog } from './test-helpers.ts';

describe('ShutdownRegistry', () => {
  it('runs the steps in reverse order of registration, awaiting each', async () => {
    const { log } = captureLog();
    const registry = new ShutdownRegistry(log);
    const events: string[] = [];
    registry.register('nats', async () => {
      events.push('nats start');
      await sleep(20);
      events.push('nats end');
    });
    registry.register('store', () => {
      events.push('store');
    });
    registry.register('consumer', async () => {
      events.push('consumer start');
      await sleep(50);
      events.push('consumer end');
    });
    expect(await registry.run(5_000)).toBe(true);
    expect(events).toEqual(['consumer start', 'consumer end', 'store', 'nats start', 'nats end']);
  });

  it('runs the steps once when run twice, even concurrently', async () => {
    const { log } = captureLog();
    const registry = new ShutdownRegistry(log);
    let runs = 0;
    registry.register('once', async () => {
      runs++;
      await sleep(20);
    });
    const [a, b] = await Promise.all([registry.run(5_000), registry.run(5_000)]);
    expect(await registry.run(5_000)).toBe(true);
    expect([a, b]).toEqual([true, true]);
    expect(runs).toBe(1);
  });

  it('resolves false at the deadline without waiting for a hung step', async () => {
    const { log, lines } = captureLog();
    const registry = new ShutdownRegistry(log);
    let earlierRan = false;
    registry.register('connection', () => {
      earlierRan = true;
    });
    registry.register('hung consumer', () => new Promise<void>(() => undefined));
    const started = Date.now();
    expect(await registry.run(200)).toBe(false);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2_000);
    expect(lines.some((l) => l.step === 'hung consumer' && /deadline/.test(String(l.msg)))).toBe(true);
    // The deadline bounds the whole shutdown: what is left is skipped.
    expect(earlierRan).toBe(false);
  });

  it('logs a throwing step, runs the others, and resolves false', async () => {
    const { log, lines } = captureLog();
    const registry = new ShutdownRegistry(log);
    const ran: string[] = [];
    registry.register('first', () => {
      ran.push('first');
    });
    registry.register('broken', () => {
      throw new Error('socket already closed');
    });
    registry.register('rejecting', async () => {
      ran.push('rejecting');
      throw new Error('flush failed');
    });
    registry.register('last', () => {
      ran.push('last');
    });
    expect(await registry.run(5_000)).toBe(false);
    expect(ran).toEqual(['last', 'rejecting', 'first']);
    const failures = lines.filter((l) => l.msg === 'shutdown step failed');
    expect(failures.map((l) => l.step)).toEqual(['rejecting', 'broken']);
    expect(failures.map((l) => (l.err as { message?: string } | undefined)?.message)).toEqual([
      'flush failed',
      'socket already closed',
    ]);
  });
});

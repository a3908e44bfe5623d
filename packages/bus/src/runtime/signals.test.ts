import { fileURLToPath } from 'node:url';
import { describe, expect, it, TestProcess } from '@dyad/testkit';

const fixture = fileURLToPath(new URL('./fixtures/signal-service.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

function startFixture(env: Record<string, string>): TestProcess {
  return new TestProcess({
    name: 'signal-fixture',
    command: process.execPath,
    args: ['--conditions=dyad:source', fixture],
    cwd: repoRoot,
    env,
  });
}

/** Runs the test against a fresh fixture process, killed afterwards if still running. */
async function withFixture(env: Record<string, string>, test: (proc: TestProcess) => Promise<void>) {
  const proc = startFixture(env);
  try {
    await proc.waitForLine(/^ready$/);
    await test(proc);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${proc.output()}`, {
      cause: error,
    });
  } finally {
    if (proc.running) proc.signal('SIGKILL');
    await proc.exited;
  }
}

describe('installSignalHandlers', () => {
  it('on SIGTERM runs the shutdown steps to the end and exits 0', async () => {
    await withFixture({ STEP_MS: '300', SHUTDOWN_TIMEOUT_MS: '5000' }, async (proc) => {
      const started = Date.now();
      proc.signal('SIGTERM');
      const exit = await proc.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      const out = proc.output();
      expect(out).toMatch(/step started[\s\S]*step finished/);
      expect(out).toMatch(/"clean":true.*"msg":"stopped"/);
    });
  });

  it('exits 1 when a step hangs past the shutdown deadline', async () => {
    await withFixture({ STEP_HANGS: '1', SHUTDOWN_TIMEOUT_MS: '300' }, async (proc) => {
      const started = Date.now();
      proc.signal('SIGTERM');
      const exit = await proc.exited;
      expect(exit).toEqual({ code: 1, signal: null });
      // Cut at the deadline, not left to hang until the hard stop or a SIGKILL.
      expect(Date.now() - started).toBeLessThan(5_000);
      const out = proc.output();
      expect(out).toContain('step started');
      expect(out).not.toContain('step finished');
      expect(out).toMatch(/did not finish before the deadline/);
      expect(out).toMatch(/"clean":false.*"msg":"stopped"/);
    });
  });

  it('exits 1 at once on a second signal', async () => {
    await withFixture({ STEP_MS: '20000', SHUTDOWN_TIMEOUT_MS: '30000' }, async (proc) => {
      proc.signal('SIGTERM');
      await proc.waitForLine(/step started/);
      const started = Date.now();
      proc.signal('SIGINT');
      const exit = await proc.exited;
      expect(exit).toEqual({ code: 1, signal: null });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(proc.output()).toMatch(/second signal/);
    });
  });
});

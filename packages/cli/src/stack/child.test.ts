import { describe, expect, it } from '@dyad/testkit';
import { Child, describeExit } from './child.ts';

function nodeChild(script: string, lines: string[]): Child {
  return new Child({
    name: 't',
    command: process.execPath,
    args: ['-e', script],
    env: {},
    cwd: process.cwd(),
    onLine: (line) => lines.push(line),
  });
}

describe('Child', () => {
  it('hands over every output line and the exit code', async () => {
    const lines: string[] = [];
    const child = nodeChild('console.log("one\\ntwo"); console.error("three"); process.exit(3)', lines);
    expect(await child.exited).toEqual({ code: 3, signal: null });
    expect(lines.sort()).toEqual(['one', 'three', 'two']);
    expect(child.running).toBe(false);
  });

  it('stops with SIGTERM, and SIGKILLs a child that ignores it after the grace time', async () => {
    const polite = nodeChild('setInterval(() => {}, 1000)', []);
    expect(await polite.stop(5_000)).toEqual({ code: null, signal: 'SIGTERM' });
    const lines: string[] = [];
    const stubborn = nodeChild(
      'process.on("SIGTERM", () => console.log("ignored")); console.log("up"); setInterval(() => {}, 1000)',
      lines,
    );
    while (!lines.includes('up')) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    const exit = await stubborn.stop(300);
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(lines).toContain('ignored');
  });

  it('reports a command that cannot be started', async () => {
    const child = new Child({
      name: 'x',
      command: '/nonexistent/server',
      args: [],
      env: {},
      cwd: process.cwd(),
      onLine: () => undefined,
    });
    const exit = await child.exited;
    expect(describeExit(exit)).toMatch(/^could not start: spawn \/nonexistent\/server ENOENT/);
  });

  it('describes exits', () => {
    expect(describeExit({ code: 1, signal: null })).toBe('exited with code 1');
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('was stopped by SIGKILL');
  });
});

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@dyad/testkit';
import { findBinary, hostPort, isListening, waitForPort } from './net.ts';

describe('hostPort', () => {
  it('reads host and port from server URLs', () => {
    expect(hostPort('nats://127.0.0.1:4222', 4222)).toEqual({ host: '127.0.0.1', port: 4222 });
    expect(hostPort('nats://user:secret@nats.local:5222', 4222)).toEqual({ host: 'nats.local', port: 5222 });
    expect(hostPort('redis://localhost', 6379)).toEqual({ host: 'localhost', port: 6379 });
    expect(hostPort('redis://:pw@127.0.0.1:6380/2', 6379)).toEqual({ host: '127.0.0.1', port: 6380 });
    expect(hostPort('nats://a:4223, nats://b:4224', 4222)).toEqual({ host: 'a', port: 4223 });
    expect(hostPort('127.0.0.1:4222', 1)).toEqual({ host: '127.0.0.1', port: 4222 });
    expect(hostPort('nats://[::1]:4222', 1)).toEqual({ host: '::1', port: 4222 });
    expect(hostPort('NATS://Example.COM', 4222)).toEqual({ host: 'example.com', port: 4222 });
  });

  it('rejects what is not a server URL', () => {
    expect(() => hostPort('nats://', 4222)).toThrow(/nats:\/\//);
    expect(() => hostPort('::::', 4222)).toThrow(/not a server URL/);
  });
});

describe('ports and binaries', () => {
  it('tells a listening port from a closed one', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    try {
      expect(await isListening('127.0.0.1', address.port)).toBe(true);
      expect(await waitForPort('127.0.0.1', address.port, 1_000)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await isListening('127.0.0.1', address.port)).toBe(false);
    const started = Date.now();
    expect(await waitForPort('127.0.0.1', address.port, 5_000, () => false)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('finds executables on PATH first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-bin-'));
    try {
      const exe = join(dir, 'fake-server');
      writeFileSync(exe, '#!/bin/sh\n');
      chmodSync(exe, 0o755);
      writeFileSync(join(dir, 'not-executable'), '');
      expect(findBinary('fake-server', `/nonexistent:${dir}`)).toBe(exe);
      expect(findBinary('not-executable', dir)).toBeUndefined();
      expect(findBinary('surely-no-such-binary-here', dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

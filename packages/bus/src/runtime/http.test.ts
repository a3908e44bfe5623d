import { once } from 'node:events';
import type { Server } from 'node:http';
import { describe, expect, it } from '@dyad/testkit';
import { Registry } from 'prom-client';
import { type HealthServerOptions, startHealthServer } from './http.ts';

async function withServer(
  options: Partial<HealthServerOptions>,
  test: (port: number, server: Server) => Promise<void>,
): Promise<void> {
  const { server, port } = await startHealthServer({
    host: '127.0.0.1',
    port: 0,
    registry: new Registry(),
    readiness: new Map(),
    isStopping: () => false,
    ...options,
  });
  try {
    await test(port, server);
  } finally {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
}

describe('startHealthServer', () => {
  it('is ready with no checks, and ignores a query string', async () => {
    await withServer({}, async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz?verbose=1`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready', checks: {} });
    });
  });

  it('refuses methods other than GET and HEAD', async () => {
    await withServer({}, async (port) => {
      const post = await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST', body: 'x' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
      const head = await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'HEAD' });
      expect(head.status).toBe(200);
    });
  });

  it('answers 500 when the metrics cannot be collected', async () => {
    const registry = new Registry();
    registry.metrics = () => Promise.reject(new Error('collector broke'));
    await withServer({ registry }, async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/collector broke/);
    });
  });

  it('rejects when the port is taken', async () => {
    await withServer({}, async (port) => {
      await expect(
        startHealthServer({
          host: '127.0.0.1',
          port,
          registry: new Registry(),
          readiness: new Map(),
          isStopping: () => false,
        }),
      ).rejects.toThrow(/EADDRINUSE/);
    });
  });
});

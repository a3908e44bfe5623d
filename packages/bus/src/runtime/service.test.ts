import { describe, expect, it } from '@dyad/testkit';
import { silentLog, waitFor } from '../nats/test-helpers.ts';
import { ServiceRuntime } from './service.ts';

function testRuntime(options: { shutdownTimeoutMs?: number } = {}): ServiceRuntime {
  return new ServiceRuntime({
    service: 'test-service',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    logger: silentLog,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5_000,
    info: { does: 'nothing, carefully' },
  });
}

async function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

describe('ServiceRuntime HTTP', () => {
  it('answers /healthz with the service name', async () => {
    const runtime = testRuntime();
    try {
      const port = await runtime.startHttp();
      expect(port).toBeGreaterThan(0);
      expect(runtime.port).toBe(port);
      const res = await get(port, '/healthz');
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^application\/json/);
      expect(JSON.parse(res.body)).toEqual({
        status: 'ok',
        service: 'test-service',
        does: 'nothing, carefully',
      });
    } finally {
      await runtime.stop();
    }
  });

  it('is ready when every check passes, and names the check that fails or throws', async () => {
    const runtime = testRuntime();
    let redisUp = true;
    runtime.addReadinessCheck('nats', () => true);
    runtime.addReadinessCheck('redis', async () => redisUp);
    try {
      const port = await runtime.startHttp();
      let res = await get(port, '/readyz');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ status: 'ready', checks: { nats: true, redis: true } });

      redisUp = false;
      res = await get(port, '/readyz');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body)).toEqual({ status: 'not ready', checks: { nats: true, redis: false } });

      redisUp = true;
      runtime.addReadinessCheck('postgres', () => {
        throw new Error('connection refused');
      });
      res = await get(port, '/readyz');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body)).toEqual({
        status: 'not ready',
        checks: { nats: true, redis: true, postgres: false },
      });
    } finally {
      await runtime.stop();
    }
  });

  it('is not ready, saying "stopping", once stop() has begun', async () => {
    const runtime = testRuntime();
    runtime.addReadinessCheck('nats', () => true);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let stepStarted = false;
    runtime.onShutdown('slow consumer', async () => {
      stepStarted = true;
      await gate;
    });
    const port = await runtime.startHttp();
    expect((await get(port, '/readyz')).status).toBe(200);
    const stopping = runtime.stop('test');
    try {
      expect(runtime.isStopping).toBe(true);
      await waitFor(() => stepStarted);
      const res = await get(port, '/readyz');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body)).toMatchObject({ status: 'stopping' });
      // Still alive while stopping.
      expect((await get(port, '/healthz')).status).toBe(200);
    } finally {
      release();
      expect(await stopping).toBe(true);
    }
  });

  it('serves Prometheus metrics with the worker counters', async () => {
    const runtime = testRuntime();
    try {
      const port = await runtime.startHttp();
      runtime.metrics.processed.inc({ worker: 'cleaner' }, 2);
      runtime.metrics.processingSeconds.observe({ worker: 'cleaner' }, 0.02);
      const res = await get(port, '/metrics');
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^text\/plain/);
      for (const name of [
        'dyad_messages_processed_total',
        'dyad_messages_failed_total',
        'dyad_messages_dead_lettered_total',
        'dyad_processing_seconds',
      ]) {
        expect(res.body).toContain(`# TYPE ${name} `);
      }
      expect(res.body).toMatch(/^dyad_messages_processed_total\{.*worker="cleaner".*\} 2$/m);
      expect(res.body).toMatch(/^dyad_messages_processed_total\{.*service="test-service".*\} 2$/m);
      expect(res.body).toMatch(/^dyad_processing_seconds_bucket\{.*le="0.025".*\} 1$/m);
      // The process's default metrics come along.
      expect(res.body).toContain('process_cpu_seconds_total');
    } finally {
      await runtime.stop();
    }
  });

  it('answers 404 on an unknown path', async () => {
    const runtime = testRuntime();
    try {
      const port = await runtime.startHttp();
      const res = await get(port, '/nope');
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body).error).toMatch(/no route \/nope/);
    } finally {
      await runtime.stop();
    }
  });

  it('stops once, closing the server, however often stop() is called', async () => {
    const runtime = testRuntime();
    let runs = 0;
    runtime.onShutdown('counted', () => {
      runs++;
    });
    const port = await runtime.startHttp();
    expect((await get(port, '/healthz')).status).toBe(200);
    const [a, b] = await Promise.all([runtime.stop(), runtime.stop()]);
    expect(await runtime.stop()).toBe(true);
    expect([a, b]).toEqual([true, true]);
    expect(runs).toBe(1);
    await expect(get(port, '/healthz')).rejects.toThrow();
  });

  it('reports an unclean stop when a step outlives the deadline', async () => {
    const runtime = testRuntime({ shutdownTimeoutMs: 100 });
    runtime.onShutdown('hung', () => new Promise<void>(() => undefined));
    const port = await runtime.startHttp();
    expect(await runtime.stop()).toBe(false);
    await expect(get(port, '/healthz')).rejects.toThrow();
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface HealthServerOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  readonly readiness: ReadonlyMap<string, ReadinessCheck>;
  readonly isStopping: () => boolean;
  /** Extra routes, e.g. a stage's description; return false when not handled. */
  readonly info?: () => Record<string, unknown>;
}

/** /healthz (the process answers), /readyz (brokers reachable, not stopping), /metrics. */
export async function startHealthServer(
  options: HealthServerOptions,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      if (path === '/healthz') {
        json(res, 200, { status: 'ok', ...(options.info?.() ?? {}) });
      } else if (path === '/readyz') {
        const checks: Record<string, boolean> = {};
        for (const [name, check] of options.readiness) {
          try {
            checks[name] = await check();
          } catch {
            checks[name] = false;
          }
        }
        const stopping = options.isStopping();
        const ready = !stopping && Object.values(checks).every(Boolean);
        json(res, ready ? 200 : 503, {
          status: ready ? 'ready' : stopping ? 'stopping' : 'not ready',
          checks,
        });
      } else if (path === '/metrics') {
        // Collect before the status line, so that a collection failure is a 500, not an empty 200.
        const text = await options.registry.metrics();
        res.writeHead(200, { 'content-type': options.registry.contentType });
        res.end(text);
      } else {
        json(res, 404, { error: `no route ${path}; try /healthz, /readyz or /metrics` });
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: String(error) });
      else res.end();
    });
  });
  // Probes must not keep a stopping process alive.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

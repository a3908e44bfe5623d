import type { Server } from 'node:http';
import { type StageName, stages } from '@dyad/contracts';
import type { Logger } from 'pino';
import { errorMessage } from '../errors.ts';
import type { BaseEnv } from './config.ts';
import { type ReadinessCheck, startHealthServer } from './http.ts';
import { createLogger } from './logger.ts';
import { createMetrics, type WorkerMetrics } from './metrics.ts';
import { secretsOf } from './secrets.ts';
import { ShutdownRegistry } from './shutdown.ts';

export interface RuntimeOptions {
  readonly service: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly shutdownTimeoutMs: number;
  readonly logger?: Logger;
  /** Strings the logger never writes (default: the secrets of process.env). */
  readonly secrets?: readonly string[];
  /** Shown on /healthz: what this service does, its version. */
  readonly info?: Record<string, unknown>;
}

/**
 * What every Dyad process shares: logger, metrics, health endpoints, and one shutdown registry.
 * A service registers its resources as it opens them; `stop()` closes them in reverse order
 * within the deadline.
 */
export class ServiceRuntime {
  readonly service: string;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  private readonly options: RuntimeOptions;
  private readonly shutdown: ShutdownRegistry;
  private readonly readiness = new Map<string, ReadinessCheck>();
  private server: Server | undefined;
  private stopping = false;
  private signalsInstalled = false;
  port: number | undefined;

  /** The runtime of a service configured from its environment (see baseEnvSchema). */
  static forService(service: string, env: BaseEnv, info: Record<string, unknown> = {}): ServiceRuntime {
    return new ServiceRuntime({
      service,
      host: env.HOST,
      port: env.PORT,
      logLevel: env.LOG_LEVEL,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      info,
      secrets: secretsOf(process.env, env),
    });
  }

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.service = options.service;
    this.log =
      options.logger ?? createLogger(options.service, options.logLevel, { secrets: options.secrets });
    this.metrics = createMetrics(options.service);
    this.shutdown = new ShutdownRegistry(this.log);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  addReadinessCheck(name: string, check: ReadinessCheck): void {
    this.readiness.set(name, check);
  }

  /** Registers a resource to close on stop; closed in reverse order of registration. */
  onShutdown(name: string, run: () => Promise<void> | void): void {
    this.shutdown.register(name, run);
  }

  async startHttp(): Promise<number> {
    const { server, port } = await startHealthServer({
      host: this.options.host,
      port: this.options.port,
      registry: this.metrics.registry,
      readiness: this.readiness,
      isStopping: () => this.stopping,
      info: () => ({ service: this.service, ...this.options.info }),
    });
    this.server = server;
    this.port = port;
    this.log.info({ port }, 'http listening (/healthz /readyz /metrics)');
    return port;
  }

  /** Stops everything registered, then the HTTP server. Safe to call more than once. */
  async stop(reason = 'stop'): Promise<boolean> {
    if (!this.stopping) this.log.info({ reason }, 'stopping');
    this.stopping = true;
    const clean = await this.shutdown.run(this.options.shutdownTimeoutMs);
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    return clean;
  }

  /**
   * SIGTERM/SIGINT: stop within the deadline and exit 0 when all in-flight work finished, 1 when
   * the deadline cut it short. A second signal exits at once.
   */
  installSignalHandlers(): void {
    if (this.signalsInstalled) return;
    this.signalsInstalled = true;
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        this.log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      received = true;
      const hardStop = setTimeout(() => {
        this.log.error('shutdown hung past its deadline: exiting');
        process.exit(1);
      }, this.options.shutdownTimeoutMs + 2_000);
      hardStop.unref();
      this.stop(signal).then(
        (clean) => {
          this.log.info({ clean }, 'stopped');
          process.exit(clean ? 0 : 1);
        },
        (error: unknown) => {
          this.log.error({ err: error }, `stop failed: ${errorMessage(error)}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
}

/**
 * Runs a service from its main module: start it, stop on signals, and exit 1 with the reason
 * when it cannot start.
 */
export async function runMain(runtime: ServiceRuntime, start: () => Promise<void>): Promise<void> {
  runtime.installSignalHandlers();
  try {
    await start();
    runtime.log.info('started');
  } catch (error) {
    runtime.log.fatal({ err: error }, `failed to start: ${errorMessage(error)}`);
    await runtime.stop('start failed').catch(() => undefined);
    process.exit(1);
  }
}

/**
 * One of the four stage services: its settings and its runtime (logging, /healthz with the stage's
 * `does` and the service's version, metrics, shutdown). `start()` opens the rest, registering each
 * resource on the runtime; `stop()` closes them within the deadline.
 */
export abstract class StageService<Env extends BaseEnv> {
  readonly runtime: ServiceRuntime;
  protected readonly env: Env;

  constructor(stage: StageName, version: string, env: Env, runtime?: ServiceRuntime) {
    this.env = env;
    this.runtime = runtime ?? ServiceRuntime.forService(stage, env, { version, does: stages[stage].does });
  }

  abstract start(): Promise<void>;

  stop(): Promise<boolean> {
    return this.runtime.stop();
  }
}

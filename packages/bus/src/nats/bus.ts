import type { Names } from '@dyad/contracts';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { closeNats, connectNats } from './connection.ts';
import { Publisher } from './publisher.ts';
import { RawStore } from './raw-store.ts';
import { DEFAULT_READY_TIMEOUT_MS, untilJetStreamReady } from './ready.ts';
import { ensureStreams, type StreamLimits } from './topology.ts';

/** One NATS connection with its JetStream client, manager and publisher. */
export class NatsBus {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly names: Names;
  readonly publisher: Publisher;
  private raw: Promise<RawStore> | undefined;
  private closed: Promise<void> | undefined;

  /** STREAM_REPLICAS: copies of each stream and bucket this process creates (see ensureStreams). */
  readonly streamReplicas: number | undefined;
  /** Byte limits of the streams and the `raw` bucket this process creates (see ensureStreams). */
  readonly streamLimits: StreamLimits;

  private constructor(
    nc: NatsConnection,
    js: JetStreamClient,
    jsm: JetStreamManager,
    names: Names,
    streamReplicas: number | undefined,
    streamLimits: StreamLimits,
  ) {
    this.nc = nc;
    this.js = js;
    this.jsm = jsm;
    this.names = names;
    this.streamReplicas = streamReplicas;
    this.streamLimits = streamLimits;
    this.publisher = new Publisher(js, names, () => nc.info?.max_payload ?? 1_048_576);
  }

  /** Connects and makes sure the catalog's streams exist. */
  static async connect(options: {
    url: string;
    name: string;
    names: Names;
    user?: string;
    password?: string;
    log?: Logger;
    ensureStreams?: boolean;
    /** STREAM_REPLICAS (see ensureStreams). */
    streamReplicas?: number;
    /** `<STREAM>_MAX_BYTES`, `RAW_MAX_BYTES` (see ensureStreams); the catalog's when unset. */
    streamLimits?: StreamLimits;
    /**
     * NATS_READY_TIMEOUT_MS: how long to keep trying while JetStream is not ready (a cluster
     * electing its leaders); 60 s when unset.
     */
    readyTimeoutMs?: number;
  }): Promise<NatsBus> {
    const nc = await connectNats(options);
    try {
      const jsm = await untilJetStreamReady(() => jetstreamManager(nc, { timeout: 10_000 }), {
        what: 'the JetStream account check',
        timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
        log: options.log,
      });
      const js = jetstream(nc, { timeout: 10_000 });
      if (options.ensureStreams !== false)
        await untilJetStreamReady(
          () =>
            ensureStreams(jsm, options.names, undefined, {
              replicas: options.streamReplicas,
              maxBytes: options.streamLimits,
            }),
          {
            what: 'the streams',
            timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
            log: options.log,
          },
        );
      return new NatsBus(nc, js, jsm, options.names, options.streamReplicas, options.streamLimits ?? {});
    } catch (error) {
      await nc.close().catch(() => undefined);
      throw error;
    }
  }

  /** The `raw` object store, opened (and created) on first use. */
  rawStore(): Promise<RawStore> {
    this.raw ??= RawStore.open(this.js, this.names, this.streamReplicas, this.streamLimits.raw).catch(
      (error: unknown) => {
        this.raw = undefined;
        throw error;
      },
    );
    return this.raw;
  }

  get connected(): boolean {
    return !this.nc.isClosed() && !this.nc.isDraining();
  }

  /** Flushes pending acks and publishes, then closes. Idempotent. */
  close(): Promise<void> {
    this.closed ??= closeNats(this.nc);
    return this.closed;
  }
}

import { type ConsumerKey, type ConsumerSpec, consumers, names as makeNames } from '@dyad/contracts';
import { NatsBus } from '../nats/bus.ts';
import { untilJetStreamReady } from '../nats/ready.ts';
import { type MessageHandler, StageConsumer } from '../nats/stage-consumer.ts';
import { ensureConsumer } from '../nats/topology.ts';
import { type BaseEnv, streamLimitsOf } from './config.ts';
import type { ServiceRuntime } from './service.ts';

export type InputOf<C extends ConsumerKey> = (typeof consumers)[C]['input'];

export interface StageOptions<C extends ConsumerKey> {
  readonly runtime: ServiceRuntime;
  readonly env: BaseEnv;
  readonly consumer: C;
  /** Runs once NATS is connected; returns the handler. Open stores etc. here and register their shutdown. */
  readonly setup: (bus: NatsBus) => Promise<MessageHandler<InputOf<C>>> | MessageHandler<InputOf<C>>;
  readonly concurrency?: number;
  /** The most messages one pull request asks for (StageConsumer's `maxPull`). */
  readonly maxPull?: number;
}

/**
 * Wires a pipeline stage: NATS connection (closed last), whatever `setup` opens, and the durable
 * consumer (stopped first, after its in-flight messages finish).
 */
export async function startStage<C extends ConsumerKey>(options: StageOptions<C>): Promise<NatsBus> {
  const { runtime, env } = options;
  const names = makeNames(env.DYAD_NAMESPACE);
  const bus = await NatsBus.connect({
    url: env.NATS_URL,
    user: env.NATS_USER,
    password: env.NATS_PASSWORD,
    name: runtime.service,
    names,
    log: runtime.log,
    streamReplicas: env.STREAM_REPLICAS,
    streamLimits: streamLimitsOf(env),
    readyTimeoutMs: env.NATS_READY_TIMEOUT_MS,
  });
  runtime.onShutdown('nats', () => bus.close());
  runtime.addReadinessCheck('nats', () => bus.connected);

  // TypeScript cannot correlate the key with its entry's input; the catalog's shape guarantees it.
  const spec = consumers[options.consumer] as ConsumerSpec & { readonly input: InputOf<C> };
  await untilJetStreamReady(() => ensureConsumer(bus.jsm, names, spec), {
    what: `consumer ${spec.durable}`,
    timeoutMs: env.NATS_READY_TIMEOUT_MS,
    log: runtime.log,
  });
  const handler = await options.setup(bus);
  const consumer = new StageConsumer<InputOf<C>>({
    js: bus.js,
    nc: bus.nc,
    names,
    spec,
    handler,
    log: runtime.log,
    metrics: runtime.metrics,
    concurrency: options.concurrency ?? env.CONCURRENCY,
    maxPull: options.maxPull,
    maxBodyBytes: () => bus.publisher.maxBodyBytes,
  });
  await consumer.start();
  runtime.onShutdown(`consumer ${spec.durable}`, () => consumer.stop());
  runtime.log.info({ stream: names.stream(spec.stream), consumer: spec.durable }, 'consuming');
  return bus;
}

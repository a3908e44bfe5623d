import {
  type ConsumerSpec,
  consumers,
  type Names,
  type StreamName,
  streams,
  subjects,
} from '@dyad/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;
/** JSStreamStoreFailedF: "maximum bytes exceeded" / "maximum messages exceeded" (discard: new). */
const STREAM_STORE_FAILED = 10077;

/** Byte limits per stream (and for the `raw` object store), overriding the catalog's defaults. */
export type StreamLimits = Partial<Record<StreamName | 'raw', number>>;

/** Whether a publish failed because its stream is at its limit (discard: new refused it). */
export function isStreamFull(error: unknown): boolean {
  if (error instanceof JetStreamApiError)
    return error.code === STREAM_STORE_FAILED || /maximum (bytes|messages) exceeded/.test(error.message);
  return error instanceof Error && /maximum (bytes|messages) exceeded/.test(error.message);
}

function streamConfig(
  names: Names,
  stream: StreamName,
  replicas: number,
  maxBytes: number,
): Partial<StreamConfig> & { name: string } {
  const spec = streams[stream];
  return {
    name: names.stream(stream),
    description: spec.description,
    subjects: names.streamSubjects(stream),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    // Refuse at the limit; never delete an old message a consumer may not have read (see catalog).
    discard: DiscardPolicy.New,
    max_bytes: maxBytes,
    max_age: nanos(spec.maxAgeMs),
    duplicate_window: nanos(spec.duplicateWindowMs),
    num_replicas: replicas,
  };
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

export interface StreamOptions {
  /**
   * Copies of each stream on a NATS cluster (STREAM_REPLICAS): streams are created with it (1 when
   * unset), and an existing stream is brought to it when it is given. Unset leaves an existing
   * stream's replicas alone, so a tool run without it never scales a cluster's streams down.
   */
  readonly replicas?: number;
  /** Byte limits (`<STREAM>_MAX_BYTES`); the catalog's `maxBytes` for a stream not named. */
  readonly maxBytes?: StreamLimits;
}

/**
 * The limit to apply to an existing stream: the wanted one, unless the stream already holds more
 * than that. A lowered limit makes the server delete old messages at once (whatever the discard
 * policy), so it is applied only once the stream has shrunk below it; until then the stream keeps
 * its current limit.
 */
export function applicableMaxBytes(wanted: number, current: number, storedBytes: number): number {
  if (current > 0 && wanted < current && storedBytes > wanted) return current;
  return wanted;
}

/**
 * Creates the streams, or brings their limits (and replicas, when given) up to the catalog. Safe
 * to run from every replica at every start, in any order.
 */
export async function ensureStreams(
  jsm: JetStreamManager,
  names: Names,
  which: readonly StreamName[] = ['ARTICLES', 'EVENTS', 'DLQ'],
  options: StreamOptions = {},
): Promise<void> {
  for (const stream of which) {
    const wantedBytes = options.maxBytes?.[stream] ?? streams[stream].maxBytes;
    const config = streamConfig(names, stream, options.replicas ?? 1, wantedBytes);
    try {
      const info = await jsm.streams.info(config.name);
      const current = info.config;
      config.max_bytes = applicableMaxBytes(wantedBytes, current.max_bytes, info.state.bytes);
      const same =
        current.subjects.join(' ') === config.subjects?.join(' ') &&
        current.max_age === config.max_age &&
        current.max_bytes === config.max_bytes &&
        current.discard === config.discard &&
        current.duplicate_window === config.duplicate_window &&
        current.description === config.description &&
        (options.replicas === undefined || current.num_replicas === options.replicas);
      if (!same)
        await jsm.streams.update(config.name, {
          ...config,
          num_replicas: options.replicas ?? current.num_replicas,
        });
    } catch (error) {
      if (!isApiError(error, STREAM_NOT_FOUND)) throw error;
      try {
        await jsm.streams.add(config);
      } catch (addError) {
        // Another replica created it between our info and add: fine when it now exists.
        await jsm.streams.info(config.name).catch(() => {
          throw addError;
        });
      }
    }
  }
}

/** The durable consumer's server-side settings, derived from its catalog entry. */
export function consumerConfig(names: Names, spec: ConsumerSpec) {
  return {
    durable_name: spec.durable,
    description: `Dyad ${spec.durable}: ${spec.input}`,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: names.subject(subjects[spec.input].subject),
    ack_wait: nanos(spec.ackWaitMs),
    // One delivery beyond the retry budget: the consumer loop dead-letters that delivery without
    // running the handler, so a message that crashes its process every time still ends in DLQ.
    max_deliver: spec.retry.maxAttempts + 1,
    max_ack_pending: Math.max(1_000, spec.concurrency * 50),
  };
}

/** Creates the durable pull consumer, or updates its ack wait and delivery limits. */
export async function ensureConsumer(jsm: JetStreamManager, names: Names, spec: ConsumerSpec): Promise<void> {
  const stream = names.stream(spec.stream);
  const config = consumerConfig(names, spec);
  try {
    const info = await jsm.consumers.info(stream, spec.durable);
    const current = info.config;
    if (current.filter_subject !== config.filter_subject) {
      throw new Error(
        `consumer ${stream}/${spec.durable} filters ${current.filter_subject}, the catalog says ${config.filter_subject}: delete it to let it be recreated`,
      );
    }
    if (
      current.ack_wait !== config.ack_wait ||
      current.max_deliver !== config.max_deliver ||
      current.max_ack_pending !== config.max_ack_pending
    ) {
      await jsm.consumers.update(stream, spec.durable, {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
        max_ack_pending: config.max_ack_pending,
        description: config.description,
      });
    }
  } catch (error) {
    if (!isApiError(error, CONSUMER_NOT_FOUND)) throw error;
    await jsm.consumers.add(stream, config);
  }
}

/** Every stream and every stage consumer of the catalog, for tools such as `dyad status`. */
export async function ensureTopology(
  jsm: JetStreamManager,
  names: Names,
  options: StreamOptions = {},
): Promise<void> {
  await ensureStreams(jsm, names, undefined, options);
  for (const spec of Object.values(consumers)) await ensureConsumer(jsm, names, spec);
}

export { backoffDelayMs } from './backoff.ts';
export {
  ConfigError,
  errorMessage,
  InvalidMessageError,
  MessageTooLargeError,
  PermanentError,
  PublishError,
  StreamFullError,
} from './errors.ts';
export { NatsBus } from './nats/bus.ts';
export { closeNats, connectNats, type NatsOptions } from './nats/connection.ts';
export {
  buildDeadLetter,
  listDeadLetters,
  publishDeadLetter,
  type RedriveResult,
  redriveDeadLetter,
  type StoredDeadLetter,
} from './nats/dead-letters.ts';
export {
  DEFAULT_MAX_BODY_BYTES,
  Publisher,
  type PublishOptions,
  type PublishResult,
} from './nats/publisher.ts';
export { INLINE_BODY_MAX_BYTES, MissingRawObjectError, RawStore } from './nats/raw-store.ts';
export {
  DEFAULT_READY_TIMEOUT_MS,
  isJetStreamNotReady,
  JetStreamNotReadyError,
  untilJetStreamReady,
} from './nats/ready.ts';
export {
  type MessageContext,
  type MessageHandler,
  StageConsumer,
  type StageConsumerOptions,
} from './nats/stage-consumer.ts';
export {
  consumerConfig,
  ensureConsumer,
  ensureStreams,
  ensureTopology,
  isStreamFull,
  type StreamLimits,
  type StreamOptions,
} from './nats/topology.ts';
export { BACKOFF_TYPE, TypedQueue, type TypedQueueOptions } from './queue/queues.ts';
export { producerConnection, waitForRedis, workerConnection } from './queue/redis.ts';
export { type JobContext, type JobHandler, TypedWorker, type TypedWorkerOptions } from './queue/workers.ts';
export {
  type BaseEnv,
  baseEnvSchema,
  byteSizeSchema,
  defaultPorts,
  PLACEHOLDER_SECRET,
  parseEnv,
  secretSchema,
  streamLimitsOf,
  streamReplicasSchema,
  urlPassword,
  urlWithSecretSchema,
} from './runtime/config.ts';
export { createLogger, type Logger, type LoggerOptions } from './runtime/logger.ts';
export { createMetrics, type WorkerMetrics } from './runtime/metrics.ts';
export {
  isSecretName,
  natsServers,
  REDACTED,
  Redactor,
  redactSettings,
  redactUrl,
  redactUrlsIn,
  secretsOf,
} from './runtime/secrets.ts';
export { type RuntimeOptions, runMain, ServiceRuntime, StageService } from './runtime/service.ts';
export { ShutdownRegistry } from './runtime/shutdown.ts';
export { type InputOf, type StageOptions, startStage } from './runtime/stage.ts';
export {
  serveThread,
  ThreadCrashedError,
  type ThreadFailure,
  ThreadPool,
  type ThreadPoolOptions,
  ThreadTaskError,
  ThreadTimeoutError,
  threadModule,
} from './runtime/thread-pool.ts';

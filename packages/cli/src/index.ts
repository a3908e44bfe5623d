export { commonOptions, parseCommandArgs, positiveInt } from './args.ts';
export { apiBaseUrl, DEFAULT_API_URL } from './commands/api-client.ts';
export {
  dlqCommand,
  dlqUsage,
  formatDeadLetter,
  listDlq,
  type RedriveSelection,
  readDeadLetters,
  redriveDlq,
} from './commands/dlq.ts';
export {
  type CollectedFiles,
  collectReplayFiles,
  firstInvalidUtf8Offset,
  type ReplayFile,
  type ReplayOptions,
  type ReplayResult,
  type ReplayStatus,
  type ReplaySummary,
  readUtf8,
  replayCommand,
  replayFiles,
  replayUsage,
  type SkippedFile,
} from './commands/replay.ts';
export {
  brokerArgs,
  missingBinaryMessage,
  REPO_ROOT,
  runStack,
  SERVICES,
  type StackOptions,
  stackCommand,
  stackUsage,
} from './commands/stack.ts';
export {
  type ConsumerStatus,
  collectStatus,
  formatBytes,
  formatStatus,
  type QueueStatus,
  type StageStatus,
  type StatusReport,
  type StreamStatus,
  statusCommand,
  statusUsage,
} from './commands/status.ts';
export {
  formatEvent,
  parseSince,
  type Since,
  type SubscribeOptions,
  subscribeCommand,
  subscribeEvents,
  subscribeUsage,
} from './commands/subscribe.ts';
export { type CliConfig, DEFAULT_NATS_URL, DEFAULT_REDIS_URL, loadConfig } from './config.ts';
export { connectBus, connectRedis } from './connect.ts';
export { CommandError, errorMessage, UsageError } from './errors.ts';
export type { Io, Output } from './io.ts';
export { commands, main, usage } from './main.ts';
export { Child, type ChildExit, type ChildOptions, describeExit } from './stack/child.ts';
export { findBinary, type HostPort, hostPort, isListening, waitForPort } from './stack/net.ts';
export { type Colour, paint, prefix, renderLogLine, wantsColour } from './stack/render.ts';

import { type NatsBus, redactUrl } from '@dyad/bus';
import {
  type ConsumerKey,
  consumers,
  deadLetterSubject,
  type Names,
  type QueueKey,
  queues,
  type StageName,
  type StreamName,
  stages,
  streams,
  subjects,
} from '@dyad/contracts';
import { JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseCommandArgs, printedHelp } from '../args.ts';
import { type CliConfig, loadConfig } from '../config.ts';
import { connectBus, connectRedis } from '../connect.ts';
import { CommandError, errorMessage, UsageError } from '../errors.ts';
import { type Io, println } from '../io.ts';

export const statusUsage = `Usage: dyad status [--json] [--namespace NS]

Shows the streams (messages, size, first and last message), each stage consumer's lag,
unacknowledged and redelivered messages and dead letters, the BullMQ queues, and what each
stage does so far. Reads only: nothing is created.

Options:
  --json           print the report as one JSON object
  --namespace NS   namespace of streams, subjects and queues (default: $DYAD_NAMESPACE or none)

Exit status: 1 when NATS or Redis cannot be reached.`;

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

export interface StreamStatus {
  readonly name: StreamName;
  /** Name on the server (namespaced). */
  readonly stream: string;
  readonly exists: boolean;
  readonly messages?: number;
  readonly bytes?: number;
  readonly firstTime?: string;
  readonly lastTime?: string;
}

export interface ConsumerStatus {
  readonly name: ConsumerKey;
  readonly stream: string;
  readonly subject: string;
  readonly exists: boolean;
  /** Messages not yet delivered: the stage's lag. */
  readonly pending?: number;
  /** Delivered, not yet acknowledged. */
  readonly ackPending?: number;
  readonly redelivered?: number;
  readonly deadLetters: number;
}

export interface QueueStatus {
  readonly name: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly completed: number;
}

export interface StageStatus {
  readonly name: StageName;
  readonly consumes: readonly string[];
  readonly produces: readonly string[];
  /** What the stage does so far, from the catalog. */
  readonly does: string;
}

export interface StatusReport {
  readonly namespace: string;
  readonly natsUrl: string;
  readonly redisUrl: string;
  readonly streams: StreamStatus[];
  readonly consumers: ConsumerStatus[];
  /** DLQ messages per consumer (`dlq.<consumer>`), including consumers outside the catalog. */
  readonly deadLetters: { readonly total: number; readonly byConsumer: Record<string, number> };
  readonly queues: QueueStatus[];
  readonly stages: StageStatus[];
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/** The server's nanosecond timestamps, to the millisecond. */
function millis(timestamp: string): string {
  return timestamp.replace(/(\.\d{3})\d+/, '$1');
}

async function streamStatus(jsm: JetStreamManager, names: Names, name: StreamName): Promise<StreamStatus> {
  const stream = names.stream(name);
  try {
    const { state } = await jsm.streams.info(stream);
    const some = state.messages > 0;
    return {
      name,
      stream,
      exists: true,
      messages: state.messages,
      bytes: state.bytes,
      ...(some ? { firstTime: millis(state.first_ts), lastTime: millis(state.last_ts) } : {}),
    };
  } catch (error) {
    if (isApiError(error, STREAM_NOT_FOUND)) return { name, stream, exists: false };
    throw error;
  }
}

/** Dead letters per consumer, counted by subject `dlq.<consumer>` in one stream-info request. */
async function deadLetterCounts(jsm: JetStreamManager, names: Names): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  try {
    const info = await jsm.streams.info(names.stream('DLQ'), {
      subjects_filter: names.subject(deadLetterSubject('>')),
    });
    const prefix = names.subject(deadLetterSubject(''));
    for (const [subject, n] of Object.entries(info.state.subjects ?? {})) {
      if (subject.startsWith(prefix)) counts[subject.slice(prefix.length)] = n;
    }
  } catch (error) {
    if (!isApiError(error, STREAM_NOT_FOUND)) throw error;
  }
  return counts;
}

async function consumerStatus(
  jsm: JetStreamManager,
  names: Names,
  name: ConsumerKey,
  deadLetters: number,
): Promise<ConsumerStatus> {
  const spec = consumers[name];
  const stream = names.stream(spec.stream);
  const base = { name, stream, subject: subjects[spec.input].subject, deadLetters };
  try {
    const info = await jsm.consumers.info(stream, spec.durable);
    return {
      ...base,
      exists: true,
      pending: info.num_pending,
      ackPending: info.num_ack_pending,
      redelivered: info.num_redelivered,
    };
  } catch (error) {
    if (isApiError(error, CONSUMER_NOT_FOUND) || isApiError(error, STREAM_NOT_FOUND))
      return { ...base, exists: false };
    throw error;
  }
}

/** Job counts of a catalog queue, read without writing anything (no queue meta update). */
async function queueStatus(redis: Redis, names: Names, key: QueueKey): Promise<QueueStatus> {
  const queue = new Queue(queues[key].name, {
    connection: redis,
    prefix: names.queuePrefix(),
    skipMetasUpdate: true,
  });
  queue.on('error', () => undefined);
  try {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
    return {
      name: queues[key].name,
      // Prioritized jobs wait too, in a list of their own.
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    };
  } finally {
    await queue.close();
  }
}

/** Everything `dyad status` shows, read from JetStream and Redis. */
export async function collectStatus(
  bus: NatsBus,
  redis: Redis,
  config: Pick<CliConfig, 'natsUrl' | 'redisUrl'>,
): Promise<StatusReport> {
  const { jsm, names } = bus;
  const streamNames = Object.keys(streams) as StreamName[];
  const byConsumer = await deadLetterCounts(jsm, names);
  const [streamStates, consumerStates, queueStates] = await Promise.all([
    Promise.all(streamNames.map((s) => streamStatus(jsm, names, s))),
    Promise.all(
      (Object.keys(consumers) as ConsumerKey[]).map((c) =>
        consumerStatus(jsm, names, c, byConsumer[consumers[c].durable] ?? 0),
      ),
    ),
    Promise.all((Object.keys(queues) as QueueKey[]).map((q) => queueStatus(redis, names, q))),
  ]);
  return {
    namespace: names.namespace,
    natsUrl: redactUrl(config.natsUrl),
    redisUrl: redactUrl(config.redisUrl),
    streams: streamStates,
    consumers: consumerStates,
    deadLetters: { total: Object.values(byConsumer).reduce((a, b) => a + b, 0), byConsumer },
    queues: queueStates,
    stages: (Object.keys(stages) as StageName[]).map((name) => ({ name, ...stages[name] })),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Wraps `text` at `width` columns, each line after `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** Columns padded to their widest cell; `right` says which ones hold numbers. */
function table(rows: string[][], right: readonly boolean[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows.map((row) => {
    const cells = row.map((cell, i) =>
      right[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
    );
    return `  ${cells.join('  ')}`.trimEnd();
  });
}

/** The report for a person. */
export function formatStatus(report: StatusReport): string {
  const lines: string[] = [];
  lines.push(
    `Dyad status — namespace ${report.namespace ? `"${report.namespace}"` : '(none)'}, ` +
      `NATS ${report.natsUrl}, Redis ${report.redisUrl}`,
    '',
    'Streams (JetStream)',
  );
  lines.push(
    ...table(
      [
        ['stream', 'messages', 'size', 'first message', 'last message'],
        ...report.streams.map((s) =>
          s.exists
            ? [
                s.stream,
                String(s.messages ?? 0),
                formatBytes(s.bytes ?? 0),
                s.firstTime ?? '-',
                s.lastTime ?? '-',
              ]
            : [s.stream, '-', '-', '-', '-', 'not created yet'],
        ),
      ],
      [false, true, true, false, false],
    ),
  );
  lines.push('', 'Stage consumers');
  lines.push(
    ...table(
      [
        ['consumer', 'input', 'lag', 'unacked', 'redelivered', 'dead letters'],
        ...report.consumers.map((c) =>
          c.exists
            ? [
                c.name,
                c.subject,
                String(c.pending ?? 0),
                String(c.ackPending ?? 0),
                String(c.redelivered ?? 0),
                String(c.deadLetters),
              ]
            : [c.name, c.subject, '-', '-', '-', String(c.deadLetters), 'not created yet'],
        ),
      ],
      [false, false, true, true, true, true],
    ),
  );
  const dl = report.deadLetters;
  const per = Object.entries(dl.byConsumer)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  lines.push(
    '',
    dl.total === 0
      ? 'Dead letters: none'
      : `Dead letters: ${dl.total} (${per}) — see \`dyad dlq list\`, retry with \`dyad dlq redrive\``,
  );
  lines.push('', 'Queues (BullMQ)');
  lines.push(
    ...table(
      [
        ['queue', 'waiting', 'active', 'delayed', 'failed', 'completed'],
        ...report.queues.map((q) => [
          q.name,
          String(q.waiting),
          String(q.active),
          String(q.delayed),
          String(q.failed),
          String(q.completed),
        ]),
      ],
      [false, true, true, true, true, true],
    ),
  );
  lines.push('', 'Stages: what each does so far');
  for (const stage of report.stages) {
    lines.push(`  ${stage.name}  (${stage.consumes.join(', ')} → ${stage.produces.join(', ')})`);
    lines.push(...wrap(stage.does, 100, '    '));
  }
  return lines.join('\n');
}

/** `dyad status …` */
export async function statusCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('status', args, {
    json: { type: 'boolean', default: false },
  });
  if (printedHelp(values, io, statusUsage)) return 0;
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`, 'status');
  const config = loadConfig(io.env, values.namespace);
  const [bus, redis] = await Promise.allSettled([
    connectBus(config, { ensureStreams: false }),
    connectRedis(config.redisUrl),
  ]);
  try {
    if (bus.status === 'rejected' || redis.status === 'rejected') {
      const problems = [bus, redis].flatMap((r) => (r.status === 'rejected' ? [errorMessage(r.reason)] : []));
      throw new CommandError(problems.join('\n'));
    }
    const report = await collectStatus(bus.value, redis.value, config);
    println(io.stdout, values.json ? JSON.stringify(report, null, 2) : formatStatus(report));
    return 0;
  } finally {
    if (bus.status === 'fulfilled') await bus.value.close();
    if (redis.status === 'fulfilled') await redis.value.quit().catch(() => redis.value.disconnect());
  }
}

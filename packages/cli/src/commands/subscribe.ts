import type { NatsBus } from '@dyad/bus';
import { EventMessage, formatEventDate, formatIssues } from '@dyad/contracts';
import {
  AckPolicy,
  type Consumer,
  type ConsumerMessages,
  DeliverPolicy,
  JetStreamApiError,
  type JsMsg,
} from '@nats-io/jetstream';
import { parseCommandArgs, printedHelp } from '../args.ts';
import { loadConfig } from '../config.ts';
import { connectBus } from '../connect.ts';
import { errorMessage, UsageError } from '../errors.ts';
import { type Io, type Output, println } from '../io.ts';

export const subscribeUsage = `Usage: dyad subscribe [--json] [--since TIME|DURATION|all] [--durable NAME] [--namespace NS]

Prints new-event and event-updated messages (stream EVENTS) as they arrive, until Ctrl-C.

Options:
  --since WHEN     start from a time instead of new messages only: an ISO time
                   (2025-02-28 or 2025-02-28T10:00:00Z), a duration back from now
                   (30m, 1h, 2d, 1w), or "all" for the whole stream
  --durable NAME   use (or create) the durable consumer NAME: each message is acknowledged
                   once printed, so a restarted subscriber resumes where it stopped
                   (--since applies only when the consumer is created)
  --json           one compact JSON object per line: {"subject":"new-event","event":{…}}
  --namespace NS   namespace of streams and subjects (default: $DYAD_NAMESPACE or none)`;

export type Since =
  | { readonly kind: 'new' }
  | { readonly kind: 'all' }
  | { readonly kind: 'time'; readonly time: Date };

const DURATION_UNITS_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** `--since`: "all", a duration back from `now` (30m, 1h, 2d), or an ISO date or time. */
export function parseSince(value: string | undefined, now: Date = new Date()): Since {
  if (value === undefined) return { kind: 'new' };
  if (value === 'all') return { kind: 'all' };
  const duration = /^(\d+)([smhdw])$/.exec(value);
  if (duration?.[1] && duration[2]) {
    const unit = DURATION_UNITS_MS[duration[2]] ?? 0;
    return { kind: 'time', time: new Date(now.getTime() - Number(duration[1]) * unit) };
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const time = new Date(value);
    if (!Number.isNaN(time.getTime())) return { kind: 'time', time };
  }
  throw new UsageError(
    `--since takes an ISO time (2025-02-28T10:00:00Z), a duration (30m, 1h, 2d) or "all", not "${value}"`,
    'subscribe',
  );
}

const DURABLE = /^[A-Za-z0-9_-]{1,64}$/;

export interface SubscribeOptions {
  readonly json: boolean;
  readonly since: Since;
  readonly durable?: string;
  /** Stops the subscription; the returned promise then resolves. */
  readonly signal: AbortSignal;
  /** Called once the consumer exists: anything published from then on will be printed. */
  readonly onReady?: (info: { stream: string; consumer: string }) => void;
}

/** One line for a person: subject, date, type, summary, and which version from how many sources. */
export function formatEvent(subject: string, event: EventMessage): string {
  const date = formatEventDate(event.date);
  const sources = `${event.sources.length} source${event.sources.length === 1 ? '' : 's'}`;
  const summary = event.summary.replace(/\s+/g, ' ').trim();
  return `${subject.padEnd(13)}  ${date.padEnd(10)}  ${event.type}  ${summary}  [${event.eventId} v${event.version}, ${sources}]`;
}

/** The deliver policy of a new consumer for `--since`. */
function deliverFrom(since: Since) {
  switch (since.kind) {
    case 'new':
      return { deliver_policy: DeliverPolicy.New };
    case 'all':
      return { deliver_policy: DeliverPolicy.All };
    case 'time':
      return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: since.time.toISOString() };
  }
}

const CONSUMER_NOT_FOUND = 10014;

/** The durable consumer NAME on EVENTS, created with the `--since` start when missing. */
async function durableConsumer(bus: NatsBus, stream: string, name: string, since: Since, err: Output) {
  try {
    const info = await bus.jsm.consumers.info(stream, name);
    if (since.kind !== 'new')
      println(err, `durable consumer ${name} exists: resuming where it stopped (--since is ignored)`);
    if (info.config.deliver_subject) throw new UsageError(`consumer ${name} on ${stream} is a push consumer`);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND)) throw error;
    await bus.jsm.consumers.add(stream, {
      durable_name: name,
      description: 'dyad subscribe',
      ack_policy: AckPolicy.Explicit,
      ...deliverFrom(since),
    });
  }
  return bus.js.consumers.get(stream, name);
}

/**
 * Prints each event message of stream EVENTS as it arrives, until `signal` aborts. Ordered
 * (ephemeral) consumer by default; a durable one with `durable`, acking each message once
 * printed. A message that fails the EventMessage schema is a warning on `err`, not a crash.
 */
export async function subscribeEvents(
  bus: NatsBus,
  options: SubscribeOptions,
  out: Output,
  err: Output,
): Promise<void> {
  const { names } = bus;
  const stream = names.stream('EVENTS');
  if (options.signal.aborted) return;
  let consumer: Consumer;
  if (options.durable) {
    consumer = await durableConsumer(bus, stream, options.durable, options.since, err);
  } else {
    // EVENTS holds exactly new-event and event-updated: no filter subject (NATS 2.9 allows one).
    consumer = await bus.js.consumers.get(stream, deliverFrom(options.since));
  }
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 100 });
  const stop = () => messages.stop();
  options.signal.addEventListener('abort', stop, { once: true });
  if (options.signal.aborted) messages.stop();
  options.onReady?.({ stream, consumer: options.durable ?? 'ordered' });
  try {
    for await (const msg of messages) {
      printMessage(bus, msg, options.json, out, err);
      if (options.durable) await msg.ackAck({ timeout: 5_000 }).catch(() => msg.ack());
    }
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
}

function printMessage(bus: NatsBus, msg: JsMsg, json: boolean, out: Output, err: Output): void {
  const subject = bus.names.localSubject(msg.subject) ?? msg.subject;
  let data: unknown;
  try {
    data = msg.json();
  } catch (error) {
    println(err, `warning: ${subject} #${msg.seq} is not JSON (${errorMessage(error)}); skipped`);
    return;
  }
  const parsed = EventMessage.safeParse(data);
  if (!parsed.success) {
    println(
      err,
      `warning: ${subject} #${msg.seq} does not match the event schema; skipped: ${formatIssues(parsed.error).join('; ')}`,
    );
    return;
  }
  println(out, json ? JSON.stringify({ subject, event: parsed.data }) : formatEvent(subject, parsed.data));
}

/** `dyad subscribe …` */
export async function subscribeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('subscribe', args, {
    json: { type: 'boolean', default: false },
    since: { type: 'string' },
    durable: { type: 'string' },
  });
  if (printedHelp(values, io, subscribeUsage)) return 0;
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`, 'subscribe');
  const since = parseSince(values.since);
  if (values.durable !== undefined && !DURABLE.test(values.durable))
    throw new UsageError('--durable takes up to 64 letters, digits, "_" or "-"', 'subscribe');
  const config = loadConfig(io.env, values.namespace);
  const bus = await connectBus(config, { ensureStreams: true });
  try {
    await subscribeEvents(
      bus,
      {
        json: values.json,
        since,
        durable: values.durable,
        signal: io.signal,
        onReady: ({ stream, consumer }) =>
          println(io.stderr, `listening on ${stream} (${consumer} consumer); Ctrl-C to stop`),
      },
      io.stdout,
      io.stderr,
    );
    return 0;
  } finally {
    await bus.close();
  }
}

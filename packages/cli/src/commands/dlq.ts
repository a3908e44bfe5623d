import {
  listDeadLetters,
  type NatsBus,
  type RedriveResult,
  redriveDeadLetter,
  type StoredDeadLetter,
} from '@dyad/bus';
import { JetStreamApiError } from '@nats-io/jetstream';
import { parseCommandArgs, positiveInt, printedHelp } from '../args.ts';
import { loadConfig } from '../config.ts';
import { connectBus } from '../connect.ts';
import { errorMessage, UsageError } from '../errors.ts';
import { type Io, type Output, println } from '../io.ts';

export const dlqUsage = `Usage: dyad dlq list [--consumer C] [--limit N] [--json] [--namespace NS]
       dyad dlq redrive (--seq N… | --all) [--consumer C] [--json] [--namespace NS]

Dead letters are messages a stage could not process (stream DLQ, subject dlq.<consumer>), kept
with the reason and the original message.

  list      shows each letter, oldest first: its DLQ sequence, consumer, original subject,
            reason (code and message), schema issues, article id and when it failed
  redrive   publishes the original message to its subject again (with a new message id,
            so the stream does not drop it as a duplicate) and removes it from the DLQ

Options:
  --consumer C     only the letters of consumer C (cleaner, extractor, indexer, …)
  --limit N        list at most N letters
  --seq N          redrive the letter with DLQ sequence N; repeat it, or give several
                   (--seq 4 --seq 7, --seq 4,7 or --seq 4 7)
  --all            redrive every letter (of --consumer C when given)
  --json           print JSON instead of lines
  --namespace NS   namespace of streams and subjects (default: $DYAD_NAMESPACE or none)

Exit status of redrive: 1 when any letter could not be redriven.`;

const STREAM_NOT_FOUND = 10059;

/** The dead letters, or none when the DLQ stream does not exist yet. */
export async function readDeadLetters(
  bus: NatsBus,
  options: { consumer?: string; limit?: number },
): Promise<StoredDeadLetter[]> {
  try {
    return await listDeadLetters(bus.jsm, bus.names, options);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === STREAM_NOT_FOUND) return [];
    throw error;
  }
}

/** A letter for a person: what failed, why, and where it came from. */
export function formatDeadLetter(entry: StoredDeadLetter): string {
  const letter = entry.letter;
  if (!letter) return `#${entry.seq}  unreadable DLQ entry: ${entry.problem ?? 'unknown problem'}`;
  const deliveries = `${letter.deliveryCount} ${letter.deliveryCount === 1 ? 'delivery' : 'deliveries'}`;
  const lines = [
    `#${entry.seq}  ${letter.consumer}  ${letter.subject} (stream seq ${letter.streamSeq}, ${deliveries})  failed ${letter.failedAt}`,
    `    ${letter.reason.code}: ${letter.reason.message}`,
  ];
  for (const issue of letter.reason.issues ?? []) lines.push(`      - ${issue}`);
  if (letter.articleId) lines.push(`    article ${letter.articleId}`);
  return lines.join('\n');
}

/** The JSON form of a listed letter: its sequence and the whole letter (payload included). */
function letterJson(entry: StoredDeadLetter) {
  return entry.letter ? { seq: entry.seq, ...entry.letter } : { seq: entry.seq, problem: entry.problem };
}

export async function listDlq(
  bus: NatsBus,
  options: { consumer?: string; limit?: number; json: boolean },
  out: Output,
): Promise<StoredDeadLetter[]> {
  const letters = await readDeadLetters(bus, options);
  if (options.json) {
    println(out, JSON.stringify({ deadLetters: letters.map(letterJson) }));
    return letters;
  }
  const scope = options.consumer ? ` of consumer ${options.consumer}` : '';
  if (letters.length === 0) {
    println(out, `no dead letters${scope}`);
    return letters;
  }
  for (const entry of letters) println(out, formatDeadLetter(entry));
  println(out, `${letters.length} dead letter${letters.length === 1 ? '' : 's'}${scope}`);
  return letters;
}

export type RedriveSelection =
  | { readonly all: true }
  | { readonly all: false; readonly seqs: readonly number[] };

/**
 * Redrives the selected letters one by one and reports each: a letter that is missing, of
 * another consumer, unreadable or not republished is a failed result, not an exception.
 */
export async function redriveDlq(
  bus: NatsBus,
  options: { selection: RedriveSelection; consumer?: string; json: boolean },
  out: Output,
): Promise<RedriveResult[]> {
  const letters = await readDeadLetters(bus, { consumer: options.consumer });
  const bySeq = new Map(letters.map((l) => [l.seq, l]));
  const { selection } = options;
  const targets: (StoredDeadLetter | number)[] = selection.all
    ? letters
    : selection.seqs.map((seq) => bySeq.get(seq) ?? seq);
  const results: RedriveResult[] = [];
  for (const target of targets) {
    let result: RedriveResult;
    if (typeof target === 'number') {
      const detail = options.consumer
        ? `no dead letter of consumer ${options.consumer} with DLQ sequence ${target}`
        : `no dead letter with DLQ sequence ${target}`;
      result = { seq: target, ok: false, detail };
    } else {
      try {
        result = await redriveDeadLetter(bus.js, bus.jsm, bus.names, target);
      } catch (error) {
        result = { seq: target.seq, subject: target.letter?.subject, ok: false, detail: errorMessage(error) };
      }
    }
    results.push(result);
    if (!options.json) println(out, `#${result.seq}  ${result.ok ? 'redriven' : 'failed'}: ${result.detail}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  if (options.json) println(out, JSON.stringify({ results }));
  else if (results.length === 0) println(out, 'no dead letters to redrive');
  else println(out, `redrove ${results.length - failed} of ${results.length} dead letters, ${failed} failed`);
  return results;
}

/** `--seq 4 --seq 7`, `--seq 4,7`, and `--seq 4 7` (numbers after --seq). */
function parseSeqs(seqOptions: readonly string[], positionals: readonly string[]): number[] {
  const raw = [...seqOptions, ...positionals].flatMap((v) => v.split(',')).filter((v) => v !== '');
  return [...new Set(raw.map((v) => positiveInt('dlq', '--seq', v)))];
}

/** `dyad dlq list|redrive …` */
export async function dlqCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('dlq', args, {
    consumer: { type: 'string' },
    limit: { type: 'string' },
    seq: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  if (printedHelp(values, io, dlqUsage)) return 0;
  const [action, ...rest] = positionals;
  if (action !== 'list' && action !== 'redrive')
    throw new UsageError(
      action ? `unknown dlq action "${action}": use list or redrive` : 'use dlq list or dlq redrive',
      'dlq',
    );
  const config = loadConfig(io.env, values.namespace);
  const consumer = values.consumer;
  if (action === 'list') {
    if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`, 'dlq');
    if (values.seq || values.all) throw new UsageError('--seq and --all belong to dlq redrive', 'dlq');
    const limit = values.limit === undefined ? undefined : positiveInt('dlq', '--limit', values.limit);
    const bus = await connectBus(config, { ensureStreams: false });
    try {
      await listDlq(bus, { consumer, limit, json: values.json }, io.stdout);
      return 0;
    } finally {
      await bus.close();
    }
  }
  if (values.limit !== undefined) throw new UsageError('--limit belongs to dlq list', 'dlq');
  if (rest.length && !values.seq) throw new UsageError(`unexpected argument ${rest[0]}: use --seq N`, 'dlq');
  if (values.all && values.seq) throw new UsageError('give either --seq or --all, not both', 'dlq');
  if (!values.all && !values.seq) throw new UsageError('dlq redrive needs --seq N or --all', 'dlq');
  const selection: RedriveSelection = values.all
    ? { all: true }
    : { all: false, seqs: parseSeqs(values.seq ?? [], rest) };
  const bus = await connectBus(config, { ensureStreams: false });
  try {
    const results = await redriveDlq(bus, { selection, consumer, json: values.json }, io.stdout);
    return results.some((r) => !r.ok) ? 1 : 0;
  } finally {
    await bus.close();
  }
}

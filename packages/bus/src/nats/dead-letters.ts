import {
  type DeadLetter,
  type DeadLetterReason,
  deadLetterSchema,
  deadLetterSubject,
  formatIssues,
  type Names,
} from '@dyad/contracts';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { type MsgHdrs, headers as natsHeaders } from '@nats-io/transport-node';
import { DEFAULT_MAX_BODY_BYTES } from './publisher.ts';
import type { DeliveredMessage } from './pull.ts';

export function headersRecord(msg: { readonly headers?: MsgHdrs | undefined }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const h = msg.headers;
  if (!h) return out;
  for (const key of h.keys()) out[key] = h.values(key);
  return out;
}

function payloadOf(data: Uint8Array): { payload: string; payloadEncoding: 'utf8' | 'base64' } {
  try {
    return { payload: new TextDecoder('utf-8', { fatal: true }).decode(data), payloadEncoding: 'utf8' };
  } catch {
    return { payload: Buffer.from(data).toString('base64'), payloadEncoding: 'base64' };
  }
}

export function buildDeadLetter(
  msg: DeliveredMessage,
  context: {
    consumer: string;
    stream: string;
    subject: string;
    reason: DeadLetterReason;
    articleId?: string;
  },
): DeadLetter {
  const h = headersRecord(msg);
  return {
    schema: 1,
    consumer: context.consumer,
    stream: context.stream,
    subject: context.subject,
    streamSeq: msg.info.streamSequence,
    deliveryCount: msg.info.deliveryCount,
    msgId: h['Nats-Msg-Id']?.[0],
    articleId: context.articleId ?? h['Dyad-Article-Id']?.[0],
    reason: context.reason,
    headers: h,
    ...payloadOf(msg.data),
    failedAt: new Date().toISOString(),
  };
}

/**
 * The letter as it can be stored: when it would be larger than `maxBytes`, its payload is left
 * in the original stream and referred to (`payloadEncoding: "stream"`).
 */
export function fitDeadLetter(letter: DeadLetter, maxBytes: number): DeadLetter {
  if (new TextEncoder().encode(JSON.stringify(letter)).length <= maxBytes) return letter;
  return { ...letter, payload: '', payloadEncoding: 'stream' };
}

/**
 * Stores the dead letter (its payload referred to when it would not fit `maxBytes`); its id makes
 * a second dead-lettering of the same message by the same consumer a no-op.
 */
export async function publishDeadLetter(
  js: JetStreamClient,
  names: Names,
  full: DeadLetter,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<void> {
  const letter = fitDeadLetter(full, maxBytes);
  const h = natsHeaders();
  h.set('Content-Type', 'application/json');
  h.set('Dyad-Schema', 'dead-letter/1');
  if (letter.articleId) h.set('Dyad-Article-Id', letter.articleId);
  await js.publish(names.subject(deadLetterSubject(letter.consumer)), JSON.stringify(letter), {
    msgID: `${letter.stream}:${letter.streamSeq}:dlq:${letter.consumer}`,
    headers: h,
    timeout: 5_000,
  });
}

export interface StoredDeadLetter {
  /** Sequence in the DLQ stream: what `dyad dlq redrive --seq` takes. */
  readonly seq: number;
  readonly letter: DeadLetter | undefined;
  /** Set when the DLQ entry itself does not parse (it is still listed, never hidden). */
  readonly problem?: string;
}

function decodeLetter(seq: number, data: Uint8Array): StoredDeadLetter {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch (error) {
    return { seq, letter: undefined, problem: `not JSON: ${String(error)}` };
  }
  const parsed = deadLetterSchema.safeParse(json);
  if (!parsed.success) return { seq, letter: undefined, problem: formatIssues(parsed.error).join('; ') };
  return { seq, letter: parsed.data };
}

/**
 * Reads the DLQ stream in order, optionally only one consumer's letters, at most `limit`. An
 * ordered consumer reads them in batches, whatever gaps redrives left in the sequence.
 */
export async function listDeadLetters(
  jsm: JetStreamManager,
  names: Names,
  options: { consumer?: string; limit?: number } = {},
): Promise<StoredDeadLetter[]> {
  const stream = names.stream('DLQ');
  const subject = options.consumer ? names.subject(deadLetterSubject(options.consumer)) : undefined;
  const info = await jsm.streams.info(stream, subject ? { subjects_filter: subject } : undefined);
  const available = subject ? (info.state.subjects?.[subject] ?? 0) : info.state.messages;
  const wanted = Math.min(available, options.limit ?? Number.POSITIVE_INFINITY);
  const out: StoredDeadLetter[] = [];
  if (wanted <= 0) return out;
  const reader = await jsm.jetstream().consumers.get(stream, subject ? { filter_subjects: subject } : {});
  try {
    while (out.length < wanted) {
      const batch = await reader.fetch({ max_messages: Math.min(256, wanted - out.length), expires: 2_000 });
      let received = 0;
      for await (const msg of batch) {
        received++;
        out.push(decodeLetter(msg.seq, msg.data));
      }
      // Letters redriven (deleted) while we read: fewer than counted are left.
      if (received === 0) break;
    }
  } finally {
    await reader.delete().catch(() => undefined);
  }
  return out;
}

export interface RedriveResult {
  readonly seq: number;
  readonly subject?: string;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Publishes a dead letter's original payload to its original subject again, then removes it
 * from the DLQ. The new message id differs from the original so the stream does not drop it
 * as a duplicate.
 */
export async function redriveDeadLetter(
  js: JetStreamClient,
  jsm: JetStreamManager,
  names: Names,
  entry: StoredDeadLetter,
): Promise<RedriveResult> {
  const letter = entry.letter;
  if (!letter) return { seq: entry.seq, ok: false, detail: `unreadable dead letter: ${entry.problem}` };
  const h = natsHeaders();
  for (const [key, values] of Object.entries(letter.headers)) {
    if (key === 'Nats-Msg-Id') continue;
    for (const value of values) h.append(key, value);
  }
  h.set('Dyad-Redriven-From', `${names.stream('DLQ')}:${entry.seq}`);
  let data: Uint8Array;
  if (letter.payloadEncoding === 'stream') {
    // Too large to have been copied: read it from where it was, while that stream keeps it.
    let original: Awaited<ReturnType<typeof jsm.streams.getMessage>> = null;
    try {
      original = await jsm.streams.getMessage(letter.stream, { seq: letter.streamSeq });
    } catch {
      original = null;
    }
    if (!original)
      return {
        seq: entry.seq,
        ok: false,
        detail: `the original (${letter.stream} #${letter.streamSeq}) is no longer in its stream`,
      };
    data = original.data;
  } else
    data =
      letter.payloadEncoding === 'base64'
        ? Buffer.from(letter.payload, 'base64')
        : new TextEncoder().encode(letter.payload);
  const msgID = `${letter.msgId ?? `${letter.stream}:${letter.streamSeq}`}:redrive:${entry.seq}`;
  await js.publish(letter.subject, data, { msgID, headers: h, timeout: 5_000 });
  await jsm.streams.deleteMessage(names.stream('DLQ'), entry.seq, false);
  return { seq: entry.seq, subject: letter.subject, ok: true, detail: `republished to ${letter.subject}` };
}

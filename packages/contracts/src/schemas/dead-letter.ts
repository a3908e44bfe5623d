import { z } from 'zod';
import { IsoDateTime } from './common.ts';

export const DeadLetterReason = z.object({
  /**
   * invalid: the message does not parse or fails its schema (never retried);
   * permanent: the handler said retrying cannot help;
   * max-deliveries: transient failures outlasted the retry policy.
   */
  code: z.enum(['invalid', 'permanent', 'max-deliveries']),
  message: z.string(),
  /** Schema issues, one line each, for `invalid`. */
  issues: z.array(z.string()).optional(),
});
export type DeadLetterReason = z.infer<typeof DeadLetterReason>;

/**
 * What the DLQ stream holds: the original message, untouched, and why it could not be processed.
 * A message too large to copy into a letter (the letter would pass the bus's max_payload) is
 * referred to instead: `payloadEncoding: "stream"`, empty `payload`, and the original stays in
 * `stream` at `streamSeq` (as long as that stream keeps it), from where a redrive reads it.
 */
export const DeadLetter = z.object({
  schema: z.literal(1),
  consumer: z.string().min(1),
  stream: z.string().min(1),
  subject: z.string().min(1),
  streamSeq: z.int().nonnegative(),
  deliveryCount: z.int().nonnegative(),
  msgId: z.string().optional(),
  articleId: z.string().optional(),
  reason: DeadLetterReason,
  headers: z.record(z.string(), z.array(z.string())),
  payload: z.string(),
  payloadEncoding: z.enum(['utf8', 'base64', 'stream']),
  failedAt: IsoDateTime,
});
export type DeadLetter = z.infer<typeof DeadLetter>;

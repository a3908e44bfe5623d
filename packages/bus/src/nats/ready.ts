import { DyadError, errorMessage } from '@dyad/contracts';
import { JetStreamApiError } from '@nats-io/jetstream';
import { RequestError, TimeoutError } from '@nats-io/transport-node';
import type { Logger } from 'pino';

/** How long a starting process waits for JetStream to become ready when not told (NATS_READY_TIMEOUT_MS). */
export const DEFAULT_READY_TIMEOUT_MS = 60_000;

/**
 * JetStream API answers that mean "not yet" on a server or cluster still coming up, by code:
 * 10008 "JetStream system temporarily unavailable" (no meta leader yet), 10009 "JetStream cluster
 * can not handle request" (leader changing), 10005 "no suitable peers for placement" (a 3-replica
 * stream asked for before the third node joined).
 */
const NOT_YET_CODES: ReadonlySet<number> = new Set([10_005, 10_008, 10_009]);

/**
 * Whether an error from a JetStream API request is one a starting service should wait out: the
 * request timed out or found no responder (JetStream not listening yet), or the server answered
 * 503 or one of the `NOT_YET_CODES`. A refusal (bad config, permissions, a wrong consumer filter)
 * is not: it will not change by waiting.
 */
export function isJetStreamNotReady(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  if (error instanceof RequestError) return true; // no responders, or a timeout wrapped by the request
  if (error instanceof JetStreamApiError) return error.status === 503 || NOT_YET_CODES.has(error.code);
  return false;
}

/** JetStream did not become ready within a starting service's deadline. */
export class JetStreamNotReadyError extends DyadError {
  constructor(what: string, waitedMs: number, options: { cause: unknown }) {
    super(
      `JetStream did not answer ${what} within ${Math.round(waitedMs / 1000)} s (last: ${errorMessage(options.cause)}); is NATS running with JetStream, and has its cluster formed?`,
      options,
    );
  }
}

export interface UntilReadyOptions {
  /** What is being set up, for the log and the error ("the streams", "consumer cleaner"). */
  readonly what: string;
  /** Give up after this long (NATS_READY_TIMEOUT_MS). */
  readonly timeoutMs: number;
  readonly log?: Logger;
  /** First pause between tries; doubles up to `maxDelayMs`. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
}

/**
 * Runs `setup` (stream and consumer creation at a service's start) until it succeeds, trying again
 * while JetStream is not ready (`isJetStreamNotReady`): a 3-node cluster started with the services
 * can take seconds to elect its leaders, and a service that exits then only restarts into the same
 * wait. Any other error, or the deadline, ends the start with the reason.
 */
export async function untilJetStreamReady<T>(
  setup: () => Promise<T>,
  options: UntilReadyOptions,
): Promise<T> {
  const started = Date.now();
  let delay = options.firstDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await setup();
    } catch (error) {
      if (!isJetStreamNotReady(error)) throw error;
      const waited = Date.now() - started;
      const left = options.timeoutMs - waited;
      if (left <= 0) throw new JetStreamNotReadyError(options.what, waited, { cause: error });
      const pause = Math.min(delay, left);
      options.log?.warn(
        { err: error, attempt, retryInMs: pause },
        `JetStream not ready for ${options.what}; trying again: ${errorMessage(error)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, pause));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
    }
  }
}

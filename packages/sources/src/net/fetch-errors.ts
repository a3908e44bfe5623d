/**
 * Why a fetch did not give a document. Every refusal and failure has a reason code (for metrics,
 * the failed set and `dyad sources list`) and says whether retrying can help.
 */
export type FetchReason =
  | 'refused-scheme'
  | 'refused-address'
  | 'refused-robots'
  | 'redirect-limit'
  | 'redirect-loop'
  | 'too-large'
  | 'unsupported-type'
  | 'gone'
  | 'http-client-error'
  | 'http-server-error'
  | 'rate-limited'
  | 'timeout-connect'
  | 'timeout-body'
  | 'network'
  | 'bad-encoding'
  | 'invalid-document';

const PERMANENT: ReadonlySet<FetchReason> = new Set([
  'refused-scheme',
  'refused-address',
  'refused-robots',
  'redirect-limit',
  'redirect-loop',
  'too-large',
  'unsupported-type',
  'gone',
  'http-client-error',
  'bad-encoding',
  'invalid-document',
]);

export class FetchFailure extends Error {
  readonly reason: FetchReason;
  readonly url: string;
  readonly status: number | undefined;
  /** From Retry-After (429/503): the server asks for no request before this long. */
  readonly retryAfterMs: number | undefined;
  constructor(
    reason: FetchReason,
    url: string,
    detail: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`${reason}: ${detail} (${url})`, { cause: options.cause });
    this.name = 'FetchFailure';
    this.reason = reason;
    this.url = url;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Retrying the same URL cannot help. */
  get permanent(): boolean {
    return PERMANENT.has(this.reason);
  }
}

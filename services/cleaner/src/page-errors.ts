import { DyadError } from '@dyad/contracts';

/** A page over the size cap: parsing it would not finish in reasonable time or memory. */
export class PageTooLargeError extends DyadError {
  readonly bytes: number;
  readonly maxBytes: number;
  constructor(bytes: number, maxBytes: number) {
    super(`page too large: ${bytes} bytes, over the cleaner's cap of ${maxBytes} (CLEANER_MAX_BYTES)`);
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

/** A page whose cleaning ran past the time limit; its worker was ended and replaced. */
export class PageTimeoutError extends DyadError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(
      `page took longer than ${timeoutMs} ms to clean (CLEANER_PAGE_TIMEOUT_MS); its worker was replaced`,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The core refused the page for good (an unsupported content type, nothing a DOM can read). */
export class PageRejectedError extends DyadError {
  constructor(message: string) {
    super(message);
  }
}

/** The worker died while cleaning (out of memory, a crash): may be retried. */
export class WorkerCrashedError extends DyadError {}

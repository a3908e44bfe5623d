import { errorMessage, type Logger } from '@dyad/bus';
import type { Store } from '@dyad/store';

const BATCH = 32;
/** How long the indexer must have had nothing to do: a pause between two pulls is no idleness. */
const QUIET_MS = 100;

/**
 * Indexes for search the texts the indexer queued during a backlog (`indexText: 'later'`), a
 * batch of BATCH per transaction, only while `idleFor()` says the indexer has had nothing else to
 * do for QUIET_MS — so after a burst, not during it; polls every `pollMs` for texts queued by
 * another replica or before a restart.
 */
export class TextIndexer {
  private readonly store: Store;
  private readonly idleFor: () => number;
  private readonly log: Logger;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  private later: NodeJS.Timeout | undefined;

  constructor(options: { store: Store; idleFor: () => number; log: Logger; pollMs?: number }) {
    this.store = options.store;
    this.idleFor = options.idleFor;
    this.log = options.log;
    this.pollMs = options.pollMs ?? 1_000;
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
  }

  /** Indexes queued texts once the indexer has been idle for QUIET_MS, while it stays idle. */
  kick(): void {
    if (this.stopped || this.running || this.later) return;
    const wait = QUIET_MS - this.idleFor();
    if (wait > 0) {
      this.later = setTimeout(() => {
        this.later = undefined;
        this.kick();
      }, wait);
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => {
        this.log.warn({ err: error }, `text index: will retry: ${errorMessage(error)}`);
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Finishes the batch in progress and stops. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.later);
    await this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.idleFor() >= QUIET_MS) {
      if ((await this.store.indexPendingTexts(BATCH)) < BATCH) return;
    }
  }
}

import type { Logger } from '@dyad/bus';
import type { Store } from '@dyad/store';
import { BackgroundDrain } from './background-drain.ts';

const BATCH = 32;
/** How long the indexer must have had nothing to do: a pause between two pulls is no idleness. */
const QUIET_MS = 100;

/**
 * Indexes for search the texts the indexer queued during a backlog (`indexText: 'later'`), a
 * batch of BATCH per transaction, only while `idleFor()` says the indexer has had nothing else to
 * do for QUIET_MS — so after a burst, not during it; polls every `pollMs` for texts queued by
 * another replica or before a restart.
 */
export class TextIndexer extends BackgroundDrain {
  private readonly store: Store;
  private readonly idleFor: () => number;
  private later: NodeJS.Timeout | undefined;

  constructor(options: { store: Store; idleFor: () => number; log: Logger; pollMs?: number }) {
    super({ what: 'text index', log: options.log, queueKicks: false, pollMs: options.pollMs });
    this.store = options.store;
    this.idleFor = options.idleFor;
  }

  /** Indexes queued texts once the indexer has been idle for QUIET_MS, while it stays idle. */
  protected override mayDrain(): boolean {
    if (this.later) return false;
    const wait = QUIET_MS - this.idleFor();
    if (wait <= 0) return true;
    this.later = setTimeout(() => {
      this.later = undefined;
      this.kick();
    }, wait);
    return false;
  }

  /** Finishes the batch in progress and stops. Idempotent. */
  override async stop(): Promise<void> {
    clearTimeout(this.later);
    await super.stop();
  }

  protected async drain(): Promise<void> {
    while (!this.stopped && this.idleFor() >= QUIET_MS) {
      if ((await this.store.indexPendingTexts(BATCH)) < BATCH) return;
    }
  }
}

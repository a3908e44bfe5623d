import { errorMessage, type Logger } from '@dyad/bus';

export interface BackgroundDrainOptions {
  /** Names it in the log ("outbox relay"). */
  readonly what: string;
  readonly log: Logger;
  /** After `start()`, a kick every `pollMs` (default 1 s): for work left by a crash or a replica. */
  readonly pollMs?: number | undefined;
  /** A kick during a drain runs one more after it (else it is dropped). */
  readonly queueKicks: boolean;
}

/**
 * Work the indexer does beside its consumer, one drain at a time: `kick()` starts a drain unless
 * one runs; a failure is logged and left for the next kick; `stop()` lets the drain in progress
 * finish. A subclass says what a drain does, and may hold a kick back (`mayDrain`).
 */
export abstract class BackgroundDrain {
  protected readonly log: Logger;
  protected stopped = false;
  private readonly options: BackgroundDrainOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(options: BackgroundDrainOptions) {
    this.options = options;
    this.log = options.log;
  }

  /** Polls every `pollMs`. */
  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1_000);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      if (this.options.queueKicks) this.again = true;
      return;
    }
    if (!this.mayDrain()) return;
    this.running = this.drain()
      .catch((error: unknown) => {
        this.log.warn({ err: error }, `${this.options.what}: will retry: ${errorMessage(error)}`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Finishes the drain in progress and stops polling. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Whether a kick (no drain running) may start one now. */
  protected mayDrain(): boolean {
    return true;
  }

  protected abstract drain(): Promise<void>;
}

import type { Logger } from 'pino';

type Step = { readonly name: string; readonly run: () => Promise<void> | void };

/**
 * One list of things to stop, run in reverse order of registration (last started, first
 * stopped: consumers before the connections they use). Running it twice runs it once.
 */
export class ShutdownRegistry {
  private readonly steps: Step[] = [];
  private running: Promise<boolean> | undefined;
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  register(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  /** Resolves true when every step finished before the deadline. */
  run(deadlineMs: number): Promise<boolean> {
    this.running ??= this.runSteps(deadlineMs);
    return this.running;
  }

  private async runSteps(deadlineMs: number): Promise<boolean> {
    const deadline = Date.now() + deadlineMs;
    let clean = true;
    for (const step of [...this.steps].reverse()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        this.log.error({ step: step.name }, 'shutdown deadline passed; skipping the remaining steps');
        return false;
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), left);
      });
      try {
        const outcome = await Promise.race([Promise.resolve().then(step.run), timeout]);
        if (outcome === 'timeout') {
          this.log.error({ step: step.name }, 'shutdown step did not finish before the deadline');
          return false;
        }
      } catch (error) {
        clean = false;
        this.log.error({ step: step.name, err: error }, 'shutdown step failed');
      } finally {
        clearTimeout(timer);
      }
    }
    return clean;
  }
}

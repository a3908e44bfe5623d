import type { Logger } from '@dyad/bus';
import { DataFileError } from '@dyad/knowledge';
import { type LoadedSources, loadSources, type Source } from '@dyad/sources';

/**
 * The sources in force, read from the sources file and re-read when it changes (checked every
 * `reloadMs`): a valid edit replaces the list and `onChange` syncs the schedules; an invalid one is
 * reported and the previous list stays in force. No restart needed.
 */
export class SourceRegistry {
  private current: LoadedSources;
  private readonly file: string;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private lastRefusedText: string | undefined;
  private reloading: Promise<void> = Promise.resolve();

  /** Throws a DataFileError when the file is missing or invalid: a service must not start on it. */
  constructor(file: string, log: Logger) {
    this.file = file;
    this.log = log;
    this.current = loadSources(file);
  }

  get sources(): readonly Source[] {
    return this.current.sources;
  }

  get(id: string): Source | undefined {
    return this.current.sources.find((s) => s.id === id);
  }

  watch(
    reloadMs: number,
    onChange: (sources: readonly Source[]) => Promise<void>,
    onRefused: (error: DataFileError) => void,
  ): void {
    this.timer = setInterval(() => {
      this.reloading = this.reloading.then(() => this.reload(onChange, onRefused));
    }, reloadMs);
    this.timer.unref();
  }

  /** Re-reads the file now; resolves once a change (if any) is applied. */
  async reload(
    onChange: (sources: readonly Source[]) => Promise<void>,
    onRefused: (error: DataFileError) => void,
  ): Promise<void> {
    let next: LoadedSources;
    try {
      next = loadSources(this.file);
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error;
      // Report a bad edit once, not on every check.
      const text = error.issues.join('\n');
      if (text !== this.lastRefusedText) {
        this.lastRefusedText = text;
        onRefused(error);
      }
      return;
    }
    this.lastRefusedText = undefined;
    if (next.text === this.current.text) return;
    this.current = next;
    this.log.info({ file: this.file, sources: next.sources.length }, 'sources file changed');
    try {
      await onChange(next.sources);
    } catch (error) {
      this.log.error({ err: error }, 'applying the sources file failed; retried on the next check');
      this.current = { ...next, text: '' };
    }
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return this.reloading;
  }
}

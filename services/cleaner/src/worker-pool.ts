import { ThreadCrashedError, ThreadPool, ThreadTaskError, ThreadTimeoutError, threadModule } from '@dyad/bus';
import type { CleanInput, CleanResult } from '@dyad/clean';
import { PageRejectedError, PageTimeoutError, PageTooLargeError, WorkerCrashedError } from './page-errors.ts';
import type { WorkerData } from './worker-protocol.ts';

/**
 * V8 heap limits for a thread that runs the cleaner (these workers, and the memory loop of
 * `pnpm bench:clean`, which imports them from here). Every parsed page is short-lived garbage,
 * and V8 grows a thread's young generation on a machine with memory to spare to 64 MB
 * semi-spaces: a worker held about 130 MB of young generation alone and peaked near 375 MB RSS
 * over the public benchmark's pages. 48 MB (16 MB semi-spaces) brings the peak near 215 MB over 500
 * pages (261 MB over the bench's 5,000) at the same CPU time per page (process.cpuUsage; 24 MB
 * saved 25 MB more for about 6% more CPU). The old generation holds the parsed page and the
 * lexicons.
 */
export const CLEANER_HEAP_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 48 } as const;

export interface CleanPoolOptions {
  /** Worker threads. */
  readonly size: number;
  /** Time limit per page, from the moment a worker takes it. */
  readonly timeoutMs: number;
  /** Size cap per body, in UTF-8 bytes. */
  readonly maxBytes: number;
  /** Old-generation heap per worker, MB (default `CLEANER_HEAP_LIMITS`). */
  readonly heapMb?: number;
  /** The profile id (or YAML path) the workers load. */
  readonly profile: string;
}

/**
 * Cleans pages on worker threads (the bus's `ThreadPool`) so that parsing never blocks the event
 * loop (acks, health checks, heartbeats go on). Each page gets a time limit: a worker still busy
 * when it runs out is terminated and replaced. Bodies over the size cap are refused before any
 * worker sees them. The pool's failures become the cleaner's page errors.
 */
export class CleanPool {
  private readonly options: CleanPoolOptions;
  private readonly threads: ThreadPool<CleanInput, CleanResult>;

  constructor(options: CleanPoolOptions) {
    this.options = options;
    const data: WorkerData = { profile: options.profile };
    this.threads = new ThreadPool({
      what: 'clean',
      module: threadModule(import.meta.url, 'clean-worker'),
      size: options.size,
      timeoutMs: options.timeoutMs,
      resourceLimits: {
        ...CLEANER_HEAP_LIMITS,
        ...(options.heapMb ? { maxOldGenerationSizeMb: options.heapMb } : {}),
      },
      workerData: data,
    });
  }

  /** Workers that have loaded the core and the profile. */
  get readyWorkers(): number {
    return this.threads.readyThreads;
  }

  async clean(input: CleanInput): Promise<CleanResult> {
    const bytes = Buffer.byteLength(input.body, 'utf8');
    if (bytes > this.options.maxBytes) throw new PageTooLargeError(bytes, this.options.maxBytes);
    try {
      return await this.threads.run(input);
    } catch (error) {
      if (error instanceof ThreadTimeoutError) throw new PageTimeoutError(this.options.timeoutMs);
      if (error instanceof ThreadTaskError)
        throw error.permanent ? new PageRejectedError(error.message) : new Error(error.message);
      if (error instanceof ThreadCrashedError) throw new WorkerCrashedError(error.message, { cause: error });
      throw error;
    }
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}

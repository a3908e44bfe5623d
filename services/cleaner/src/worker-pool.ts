import { Worker } from 'node:worker_threads';
import type { CleanInput, CleanResult } from '@dyad/clean';
import { PageRejectedError, PageTimeoutError, PageTooLargeError, WorkerCrashedError } from './page-errors.ts';
import type { CleanRequest, WorkerData, WorkerMessage } from './worker-protocol.ts';

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

interface Task {
  readonly request: CleanRequest;
  resolve(result: CleanResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

// Running from TypeScript sources (dev, tests) the worker is the .ts file and needs the
// workspace's source condition; from dist it is the compiled .js.
const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './clean-worker.ts' : './clean-worker.js', import.meta.url);
const workerExecArgv = fromSource
  ? [...withoutConditions(process.execArgv), '--conditions=dyad:source']
  : process.execArgv;

/** The parent's flags minus its resolution conditions, in either form (`-C x`, `--conditions=x`). */
function withoutConditions(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--conditions' || arg === '-C') i++;
    else if (!arg.startsWith('--conditions=') && !arg.startsWith('-C=')) out.push(arg);
  }
  return out;
}

/**
 * Cleans pages on worker threads so that parsing never blocks the event loop (acks, health
 * checks, heartbeats go on). Each page gets a time limit: a worker still busy when it runs out is
 * terminated — a synchronous parse cannot be interrupted any other way — and replaced. Bodies
 * over the size cap are refused before any worker sees them.
 */
export class CleanPool {
  private readonly options: CleanPoolOptions;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: CleanPoolOptions) {
    this.options = options;
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  /** Workers that have loaded the core and the profile. */
  get readyWorkers(): number {
    return this.slots.filter((s) => s.ready).length;
  }

  clean(input: CleanInput): Promise<CleanResult> {
    if (this.closed) return Promise.reject(new Error('clean pool is closed'));
    const bytes = Buffer.byteLength(input.body, 'utf8');
    if (bytes > this.options.maxBytes)
      return Promise.reject(new PageTooLargeError(bytes, this.options.maxBytes));
    return new Promise<CleanResult>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, input }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('clean pool closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.task?.reject(new Error('clean pool closed'));
        slot.task = undefined;
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const data: WorkerData = { profile: this.options.profile };
    const worker = new Worker(workerUrl, {
      workerData: data,
      execArgv: workerExecArgv,
      resourceLimits: {
        ...CLEANER_HEAP_LIMITS,
        ...(this.options.heapMb ? { maxOldGenerationSizeMb: this.options.heapMb } : {}),
      },
    });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onExit(slot, error));
    worker.on('exit', (code) => this.onExit(slot, new Error(`worker exited with code ${code}`)));
    return slot;
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.dispatch();
      return;
    }
    const task = slot.task;
    if (!task || task.request.id !== message.id) return;
    this.finish(slot);
    if (message.type === 'done') task.resolve(message.result);
    else task.reject(message.permanent ? new PageRejectedError(message.message) : new Error(message.message));
    this.dispatch();
  }

  /** A worker died (or was terminated on a timeout): fail its page, put a fresh one in its place. */
  private onExit(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const task = slot.task;
    this.finish(slot);
    task?.reject(new WorkerCrashedError(`cleaner worker died: ${error.message}`, { cause: error }));
    if (this.closed) return;
    if (slot.ready) {
      this.slots[index] = this.spawn();
      return;
    }
    // It died before it could load the core: a broken install, not a page. Fail what waits, and
    // try again after a pause rather than in a tight loop.
    for (const waiting of this.queue.splice(0))
      waiting.reject(
        new WorkerCrashedError(`cleaner worker failed to start: ${error.message}`, { cause: error }),
      );
    const retry = setTimeout(() => {
      if (!this.closed && this.slots[index] === slot) {
        this.slots[index] = this.spawn();
      }
    }, 1_000);
    retry.unref();
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.timer = setTimeout(() => this.timeout(slot, task), this.options.timeoutMs);
      slot.worker.postMessage(task.request);
    }
  }

  private timeout(slot: Slot, task: Task): void {
    if (slot.task !== task) return;
    const index = this.slots.indexOf(slot);
    this.finish(slot);
    task.reject(new PageTimeoutError(this.options.timeoutMs));
    // Replace first, so that the exit event of the terminated worker finds no slot to fail.
    if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
    void slot.worker.terminate();
    this.dispatch();
  }
}

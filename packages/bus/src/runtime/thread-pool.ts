import { parentPort, type ResourceLimits, Worker } from 'node:worker_threads';
import { DyadError } from '@dyad/contracts/errors';

/**
 * Worker threads that run one kind of task each with a time limit, so that work on untrusted
 * input (parsing a page, a feed) never blocks a service's event loop: acks, heartbeats and
 * /healthz go on. A thread still busy when its task's time runs out is terminated — a
 * synchronous parse cannot be interrupted any other way — and replaced.
 *
 * The thread's module calls `serveThread(handler)`; the pool posts `{id, input}` and the thread
 * answers `{type: 'done', id, result}` or `{type: 'failed', id, permanent, message}`.
 */

/** The task ran past its time limit; its thread was ended and replaced. */
export class ThreadTimeoutError extends DyadError {
  readonly timeoutMs: number;
  constructor(what: string, timeoutMs: number) {
    super(`${what} took longer than ${timeoutMs} ms; its thread was ended`);
    this.timeoutMs = timeoutMs;
  }
}

/** The thread died during the task (out of memory, a crash), or could not start. */
export class ThreadCrashedError extends DyadError {}

/** The handler threw; `permanent` when the input itself is at fault, `code` as the thread classed it. */
export class ThreadTaskError extends DyadError {
  readonly permanent: boolean;
  readonly code: string | undefined;
  constructor(message: string, permanent: boolean, code?: string) {
    super(message);
    this.permanent = permanent;
    this.code = code;
  }
}

/** How a thread classes a failure of its handler. */
export interface ThreadFailure {
  readonly permanent: boolean;
  readonly code?: string;
}

type ThreadMessage<R> =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly result: R }
  | {
      readonly type: 'failed';
      readonly id: number;
      readonly permanent: boolean;
      readonly code?: string;
      readonly message: string;
    };

interface Task<I, R> {
  readonly id: number;
  readonly input: I;
  resolve(result: R): void;
  reject(error: Error): void;
}

interface Slot<I, R> {
  worker: Worker;
  ready: boolean;
  task?: Task<I, R>;
  timer?: NodeJS.Timeout;
}

export interface ThreadPoolOptions {
  /** What the tasks are, for messages ("listing parse"). */
  readonly what: string;
  /** The thread's module (a .ts file when running from sources, else .js). */
  readonly module: URL;
  readonly size: number;
  /** Time limit per task, from the moment a thread takes it. */
  readonly timeoutMs: number;
  readonly resourceLimits?: ResourceLimits;
  readonly workerData?: unknown;
}

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
 * A thread's module beside `importMetaUrl`: `name.ts` with the workspace's source condition when
 * running from TypeScript sources (dev, tests), `name.js` from dist.
 */
export function threadModule(importMetaUrl: string, name: string): URL {
  return new URL(`./${name}${importMetaUrl.endsWith('.ts') ? '.ts' : '.js'}`, importMetaUrl);
}

function execArgvFor(module: URL): string[] {
  return module.pathname.endsWith('.ts')
    ? [...withoutConditions(process.execArgv), '--conditions=dyad:source']
    : process.execArgv;
}

export class ThreadPool<I, R> {
  private readonly options: ThreadPoolOptions;
  private readonly slots: Slot<I, R>[] = [];
  private readonly queue: Task<I, R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ThreadPoolOptions) {
    this.options = options;
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  /** Threads that have started (loaded their module) and take tasks. */
  get readyThreads(): number {
    return this.slots.filter((slot) => slot.ready).length;
  }

  run(input: I): Promise<R> {
    if (this.closed) return Promise.reject(new Error(`${this.options.what} pool is closed`));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error(`${this.options.what} pool closed`));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.task?.reject(new Error(`${this.options.what} pool closed`));
        slot.task = undefined;
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot<I, R> {
    const worker = new Worker(this.options.module, {
      workerData: this.options.workerData,
      execArgv: execArgvFor(this.options.module),
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    const slot: Slot<I, R> = { worker, ready: false };
    worker.on('message', (message: ThreadMessage<R>) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onExit(slot, error));
    worker.on('exit', (code) => this.onExit(slot, new Error(`thread exited with code ${code}`)));
    // An idle pool does not keep its process alive.
    worker.unref();
    return slot;
  }

  private onMessage(slot: Slot<I, R>, message: ThreadMessage<R>): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.dispatch();
      return;
    }
    const task = slot.task;
    if (!task || task.id !== message.id) return;
    this.finish(slot);
    if (message.type === 'done') task.resolve(message.result);
    else task.reject(new ThreadTaskError(message.message, message.permanent, message.code));
    this.dispatch();
  }

  private onExit(slot: Slot<I, R>, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const task = slot.task;
    this.finish(slot);
    const what = this.options.what;
    task?.reject(new ThreadCrashedError(`${what} thread died: ${error.message}`, { cause: error }));
    if (this.closed) return;
    if (slot.ready) {
      this.slots[index] = this.spawn();
      return;
    }
    // It died before it could start: a broken install, not an input. Fail what waits, and try
    // again after a pause rather than in a tight loop.
    for (const waiting of this.queue.splice(0))
      waiting.reject(
        new ThreadCrashedError(`${what} thread failed to start: ${error.message}`, { cause: error }),
      );
    const retry = setTimeout(() => {
      if (!this.closed && this.slots[index] === slot) this.slots[index] = this.spawn();
    }, 1_000);
    retry.unref();
  }

  private finish(slot: Slot<I, R>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
    slot.worker.unref();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.timeout(slot, task), this.options.timeoutMs);
      slot.worker.postMessage({ id: task.id, input: task.input });
    }
  }

  private timeout(slot: Slot<I, R>, task: Task<I, R>): void {
    if (slot.task !== task) return;
    const index = this.slots.indexOf(slot);
    this.finish(slot);
    task.reject(new ThreadTimeoutError(this.options.what, this.options.timeoutMs));
    // Replace first, so that the exit event of the terminated thread finds no slot to fail.
    if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
    void slot.worker.terminate();
    this.dispatch();
  }
}

/**
 * The thread side: answers each `{id, input}` with the handler's result; `classify(error)` says
 * whether a failure is the input's fault, and its code.
 */
export function serveThread<I, R>(
  handler: (input: I) => R | Promise<R>,
  classify: (error: unknown) => ThreadFailure = () => ({ permanent: false }),
): void {
  const port = parentPort;
  if (!port) throw new Error('serveThread runs in a worker thread only');
  const send = (message: ThreadMessage<R>) => port.postMessage(message);
  port.on('message', async (request: { id: number; input: I }) => {
    try {
      send({ type: 'done', id: request.id, result: await handler(request.input) });
    } catch (error) {
      send({
        type: 'failed',
        id: request.id,
        ...classify(error),
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
  send({ type: 'ready' });
}

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  readonly error?: string;
}

export interface ChildOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Each line of stdout or stderr, as it comes. */
  readonly onLine: (line: string) => void;
}

/**
 * A child process of `dyad stack`, in a process group of its own so that a Ctrl-C in the
 * terminal reaches only the stack, which then stops the children in order.
 */
export class Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly exited: Promise<ChildExit>;
  private exit: ChildExit | undefined;

  constructor(options: ChildOptions) {
    this.name = options.name;
    this.process = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const stream of [this.process.stdout, this.process.stderr]) {
      if (stream)
        createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', options.onLine);
    }
    this.exited = new Promise<ChildExit>((resolve) => {
      this.process.once('error', (error) => {
        // Only a failed spawn leaves no process to wait for; other errors (a failed kill) do not end it.
        if (this.process.pid === undefined) {
          this.exit = { code: null, signal: null, error: error.message };
          resolve(this.exit);
        }
      });
      // 'close' comes after the output streams ended, so no line is lost after the report of the exit.
      this.process.once('close', (code, signal) => {
        this.exit ??= { code, signal };
        resolve(this.exit);
      });
    });
  }

  get running(): boolean {
    return this.exit === undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** SIGTERM, then SIGKILL when it has not exited within `graceMs`. */
  async stop(graceMs: number): Promise<ChildExit> {
    if (this.running) this.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (this.running) this.process.kill('SIGKILL');
    }, graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL at once (the stack itself is exiting). */
  kill(): void {
    if (this.running) this.process.kill('SIGKILL');
  }
}

/** `exited with code 1`, `was killed by SIGKILL`, `could not start: …`. */
export function describeExit(exit: ChildExit): string {
  if (exit.error) return `could not start: ${exit.error}`;
  if (exit.signal) return `was stopped by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

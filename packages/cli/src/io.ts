/** Where a command writes: process.stdout/stderr in the binary, a buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
}

/** Everything a command takes from its process, so that tests can call commands directly. */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory the user ran the command from; relative paths resolve against it. */
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM: long-running commands (subscribe, stack) stop cleanly. */
  readonly signal: AbortSignal;
  /** Whether stdout takes ANSI colours. */
  readonly color: boolean;
}

/** Writes one line (a newline is added). */
export function println(out: Output, line = ''): void {
  out.write(`${line}\n`);
}

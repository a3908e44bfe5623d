import { Redactor } from '@dyad/bus';

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

/**
 * The same Io, writing through a redactor: the secrets of its environment (NATS_PASSWORD, the
 * passwords in NATS_URL, REDIS_URL, DATABASE_URL, …) and any URL's password become ***.
 */
export function redactingIo(io: Io): Io {
  const redactor = Redactor.of(io.env);
  const through = (out: Output): Output => ({ write: (chunk: string) => out.write(redactor.text(chunk)) });
  return { ...io, stdout: through(io.stdout), stderr: through(io.stderr) };
}

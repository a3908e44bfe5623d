import { DyadError, errorMessage } from '@dyad/contracts';

/** Bad arguments or options: the command prints the message and its usage, and exits 2. */
export class UsageError extends DyadError {
  /** The command whose usage to point at, when known. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** A failure with a message meant for the user as it is (no stack trace): exit 1. */
export class CommandError extends DyadError {}

export { errorMessage };

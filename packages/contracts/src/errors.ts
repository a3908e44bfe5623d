/**
 * The base of Dyad's error classes: `name` is the name of the class thrown (so a subclass needs no
 * constructor of its own when it adds no field) and `cause` keeps the underlying error. Also
 * `@dyad/contracts/errors`, for worker threads that should not load the schemas.
 */
export class DyadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The message of anything thrown: an error's own, anything else as a string. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

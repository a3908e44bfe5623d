import { DyadError, errorMessage } from '@dyad/contracts';

/**
 * Thrown by a handler when retrying cannot help (unsupported input, a 404): the message is
 * dead-lettered at once with this message as the reason.
 */
export class PermanentError extends DyadError {}

/**
 * A message larger than the bus takes (NATS max_payload): it will not get smaller on retry, so
 * it is permanent, and its article is dead-lettered with this reason.
 */
export class MessageTooLargeError extends PermanentError {
  readonly bytes: number;
  readonly maxBytes: number;
  constructor(subject: string, bytes: number, maxBytes: number) {
    super(`message for ${subject} is ${bytes} bytes, over the bus's limit of ${maxBytes} (NATS max_payload)`);
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

/** A message or job that does not parse or fails its schema. */
export class InvalidMessageError extends DyadError {
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[], options?: { cause?: unknown }) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message, options);
    this.issues = issues;
  }
}

/** The broker did not take a message or job (unreachable, timed out, refused). */
export class PublishError extends DyadError {
  readonly subject: string;
  constructor(subject: string, message: string, options?: { cause?: unknown }) {
    super(`publish to ${subject} failed: ${message}`, options);
    this.subject = subject;
  }
}

/**
 * The stream (or object store) is at its byte limit and refuses new messages (discard: new). Not
 * permanent: space comes back as old messages age out or an operator raises the limit. Stages
 * hold the message and try again; the fetcher defers its job; nothing is dropped.
 */
export class StreamFullError extends PublishError {
  readonly stream: string;
  constructor(subject: string, stream: string, detail: string, options?: { cause?: unknown }) {
    super(
      subject,
      `stream ${stream} is full (${detail}); it takes new messages again when old ones age out or its limit is raised`,
      options,
    );
    this.stream = stream;
  }
}

/** The environment does not give a valid configuration. */
export class ConfigError extends DyadError {
  readonly issues: readonly string[];
  constructor(service: string, issues: readonly string[]) {
    super(`invalid configuration for ${service}:\n  ${issues.join('\n  ')}`);
    this.issues = issues;
  }
}

export { errorMessage };

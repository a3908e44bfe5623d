import { type Logger, pino } from 'pino';

/** Helpers shared by this package's runtime tests (not exported from the package). */

export interface CapturedLog {
  readonly log: Logger;
  /** Every line logged so far, parsed. */
  readonly lines: Record<string, unknown>[];
}

/** A logger that keeps its lines in memory, for tests that check what was logged. */
export function captureLog(): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { log, lines };
}

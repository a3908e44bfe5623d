import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

/** Options every command takes. */
export const commonOptions = {
  namespace: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/** Strict parsing: an unknown option or a missing value is a usage error of `command`. */
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(
  command: string,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({
      args,
      options: { ...commonOptions, ...options },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    if (
      error instanceof TypeError &&
      String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
    ) {
      const unknown = /Unknown option '([^']+)'/.exec(error.message);
      throw new UsageError(unknown ? `unknown option ${unknown[1]}` : error.message, command);
    }
    throw error;
  }
}

/** A positive integer option value, or a usage error naming the option. */
export function positiveInt(command: string, option: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`${option} takes a positive whole number, not "${value}"`, command);
  return Number(value);
}

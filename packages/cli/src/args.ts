import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.ts';
import { type Io, println } from './io.ts';

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

/** The options of a command that reads pages of the indexer's API. */
export const apiPageOptions = {
  limit: { type: 'string' },
  offset: { type: 'string' },
  json: { type: 'boolean', default: false },
  api: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** `--limit` and `--offset` checked (an offset of 0 is none), as the API takes them. */
export function apiPage(
  command: string,
  values: { readonly limit?: string | undefined; readonly offset?: string | undefined },
): { limit: number | undefined; offset: number | undefined } {
  const { limit, offset } = values;
  return {
    limit: limit === undefined ? undefined : positiveInt(command, '--limit', limit),
    offset: offset === undefined || offset === '0' ? undefined : positiveInt(command, '--offset', offset),
  };
}

/** With --help (-h), prints the command's usage: the command then returns 0. */
export function printedHelp(values: { readonly help?: boolean | undefined }, io: Io, usage: string): boolean {
  if (values.help) println(io.stdout, usage);
  return values.help === true;
}

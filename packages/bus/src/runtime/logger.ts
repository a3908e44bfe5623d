import { type DestinationStream, type Logger, pino } from 'pino';
import { REDACTED, Redactor, secretsOf } from './secrets.ts';

export type { Logger } from 'pino';

/** Redis commands whose arguments carry credentials (ioredis puts the command on its errors). */
const CREDENTIAL_COMMANDS = new Set(['auth', 'hello', 'migrate', 'acl', 'config']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * pino's error serializer, minus the arguments of a credential command: ioredis attaches the
 * failed command to its errors, and for AUTH that is `{name: 'auth', args: [password]}`.
 */
function serializeError(error: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(error as Error);
  if (!isRecord(serialized)) return serialized;
  const command = serialized.command;
  if (
    isRecord(command) &&
    typeof command.name === 'string' &&
    CREDENTIAL_COMMANDS.has(command.name.toLowerCase())
  )
    return { ...serialized, command: { ...command, args: [REDACTED] } };
  return serialized;
}

export interface LoggerOptions {
  /** Strings never to write (default: the secrets of process.env, see secretsOf). */
  readonly secrets?: readonly string[];
  /** Where lines go (default: stdout). */
  readonly destination?: DestinationStream;
}

/**
 * JSON lines on stdout, one logger per service; children carry `articleId`. Every line passes
 * the redactor: a known secret or a URL's password inside any string becomes ***, whichever
 * library put it there.
 */
export function createLogger(service: string, level: string, options: LoggerOptions = {}): Logger {
  const redactor = new Redactor(options.secrets ?? secretsOf(process.env));
  return pino(
    {
      name: service,
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, error: serializeError },
      hooks: { streamWrite: (line) => redactor.jsonLine(line) },
    },
    options.destination ?? pino.destination(1),
  );
}

/** Rendering of the children's output in `dyad stack`: coloured name prefixes, compact pino lines. */

const CODES = {
  bold: 1,
  dim: 2,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
} as const;

export type Colour = keyof typeof CODES;

export function paint(enabled: boolean, colour: Colour, text: string): string {
  return enabled ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;
}

/** NO_COLOR turns colours off, FORCE_COLOR on; otherwise only on a terminal. */
export function wantsColour(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}

export const LABEL_WIDTH = 9;

/** `cleaner   | `: the child's name, padded so that the bars line up, in its colour. */
export function prefix(name: string, colour: Colour, enabled: boolean): string {
  return `${paint(enabled, colour, name.padEnd(LABEL_WIDTH))} | `;
}

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

const LEVEL_COLOURS: Record<string, Colour> = {
  trace: 'gray',
  debug: 'gray',
  info: 'green',
  warn: 'yellow',
  error: 'red',
  fatal: 'red',
};

/** Keys shown in their own place, or not at all (the prefix already names the service). */
const SKIPPED_KEYS = new Set([
  'level',
  'time',
  'msg',
  'pid',
  'hostname',
  'service',
  'name',
  'v',
  'articleId',
  'err',
]);

const SHORT = 60;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timeOf(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const m = /T(\d{2}:\d{2}:\d{2}(\.\d{1,3})?)/.exec(value);
    return m?.[1];
  }
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString().slice(11, 23);
  return undefined;
}

function levelOf(value: unknown): string {
  if (typeof value === 'number') return LEVELS[value] ?? String(value);
  if (typeof value === 'string') return value;
  return 'log';
}

/** A field value worth a place on the line: short scalars and short JSON, else undefined. */
function shortValue(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    if (value.length > SHORT) return undefined;
    return /[\s="]/.test(value) || value === '' ? JSON.stringify(value) : value;
  }
  if (value === null || value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json !== undefined && json.length <= SHORT ? json : undefined;
}

/**
 * One pino JSON line as `10:04:05.123 INFO  msg  article=3f2a9c1b4d5e seq=4 …`: time, level,
 * message, the article id (shortened), the error's message unless the message already says
 * it, and other short fields. Anything that is not a JSON log object is returned unchanged.
 */
export function renderLogLine(line: string, colour = false): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return line;
  let record: unknown;
  try {
    record = JSON.parse(trimmed);
  } catch {
    return line;
  }
  if (!isRecord(record) || !('level' in record || 'msg' in record)) return line;
  const level = levelOf(record.level);
  const msg = typeof record.msg === 'string' ? record.msg : '';
  const head: string[] = [];
  const time = timeOf(record.time);
  if (time) head.push(paint(colour, 'dim', time));
  head.push(paint(colour, LEVEL_COLOURS[level] ?? 'bold', level.toUpperCase().padEnd(5)));
  if (msg) head.push(msg);
  const fields: string[] = [];
  if (typeof record.articleId === 'string') fields.push(`article=${record.articleId.slice(0, 12)}`);
  const err = record.err;
  const errText =
    isRecord(err) && typeof err.message === 'string'
      ? err.message
      : typeof err === 'string'
        ? err
        : undefined;
  if (errText && !msg.includes(errText)) fields.push(`err=${JSON.stringify(errText)}`);
  for (const [key, value] of Object.entries(record)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const shown = shortValue(value);
    if (shown !== undefined) fields.push(`${key}=${shown}`);
  }
  const tail = fields.length ? `  ${paint(colour, 'dim', fields.join(' '))}` : '';
  return head.join(' ') + tail;
}

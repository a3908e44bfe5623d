import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** JSON lines on stdout, one logger per service; children carry `articleId`. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

import { CountryCode, EventType, LanguageCode, PartialDate } from '@dyad/contracts';
import { z } from 'zod';

/** One bad query or path parameter, as a 400 response names it. */
export interface ParameterIssue {
  readonly parameter: string;
  readonly message: string;
}

/** Query or path parameters that do not validate: answered with 400 and every issue. */
export class InvalidParametersError extends Error {
  readonly issues: readonly ParameterIssue[];
  constructor(issues: readonly ParameterIssue[]) {
    super(issues.map((i) => `${i.parameter}: ${i.message}`).join('; '));
    this.name = 'InvalidParametersError';
    this.issues = issues;
  }
}

/**
 * Validates `input` (fastify's parsed query or params) or throws InvalidParametersError. An empty
 * value counts as absent, as an HTML form sends its unfilled fields (`?type=&q=war`).
 */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const given =
    typeof input === 'object' && input !== null
      ? Object.fromEntries(Object.entries(input).filter(([, value]) => value !== ''))
      : {};
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const issues: ParameterIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ parameter: key, message: 'unknown parameter' });
    } else {
      issues.push({ parameter: issue.path.map(String).join('.') || '(query)', message: issue.message });
    }
  }
  throw new InvalidParametersError(issues);
}

function wholeNumber(min: number, max: number, fallback: number) {
  return z.coerce
    .number({ error: 'expected a whole number' })
    .int()
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`)
    .default(fallback);
}

/** A year, month or day that exists (PartialDate refuses 2025-02-30). */
const DateParam = PartialDate;

const Text = z
  .string()
  .trim()
  .min(1, 'expected a non-empty value')
  .max(200, 'expected at most 200 characters');

export const pagination = {
  limit: wholeNumber(1, 100, 20).describe('How many items per page (1–100).'),
  offset: wholeNumber(0, 1_000_000, 0).describe('How many items to skip.'),
};

export const EventsQuery = z
  .strictObject({
    from: DateParam.optional().describe(
      'Events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD (an event overlapping it counts).',
    ),
    to: DateParam.optional().describe('Events on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.'),
    type: EventType.optional().describe('Event type.'),
    actor: Text.optional().describe('A participant’s actor id, e.g. kz.tokayev.'),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as MA or KZ')
      .transform((code) => code.toUpperCase())
      .pipe(CountryCode)
      .optional()
      .describe('Events with a participant of this country (ISO 3166-1 alpha-2).'),
    topic: Text.optional().describe('Events with this topic, e.g. aviation.'),
    place: Text.optional().describe('Events at this place, by the name events give it, e.g. Rabat.'),
    lang: LanguageCode.optional().describe(
      'Events with a source article in this language (ISO 639, e.g. ar).',
    ),
    q: Text.optional().describe(
      'Full text, in any language: events reported by an article that matches (websearch syntax).',
    ),
    ...pagination,
  })
  // Object refinements run even when a field failed: compare only two valid dates.
  .refine(
    (query) =>
      !DateParam.safeParse(query.from).success ||
      !DateParam.safeParse(query.to).success ||
      firstDay(String(query.from)) <= lastDay(String(query.to)),
    {
      message: 'from is after to',
      path: ['from'],
    },
  );
export type EventsQuery = z.output<typeof EventsQuery>;

export const EventPath = z.strictObject({
  // Fastify answers 414 for a path parameter over 100 characters before this runs.
  id: z.string().min(1).max(100, 'expected at most 100 characters').describe('Event id.'),
});

export const ArticlesQuery = z.strictObject({
  q: Text.describe(
    'Full-text query in any language (websearch syntax: words, "a phrase", OR, -word); stemmed in ' +
      'Arabic, French, English and Russian, and matched as written in every language.',
  ),
  lang: LanguageCode.optional().describe('Only articles in this language (ISO 639 code, e.g. ar, fr).'),
  ...pagination,
});
export type ArticlesQuery = z.output<typeof ArticlesQuery>;

export const ActorsQuery = z.strictObject({
  country: EventsQuery.shape.country.describe('Only actors of this country.'),
  ...pagination,
});

export const FeedQuery = z.strictObject({
  limit: wholeNumber(1, 100, 50).describe('How many of the latest events (1–100).'),
});

export const StreamQuery = z.strictObject({
  after: z.coerce
    .number({ error: 'expected a whole number' })
    .int()
    .min(0, 'expected at least 0')
    .optional()
    .describe(
      'Resume after this stream sequence (the `id:` of the last event received); the Last-Event-ID ' +
        'header does the same. Without either, only events published from now on.',
    ),
});

/** The first day a YYYY, YYYY-MM or YYYY-MM-DD may stand for. */
export function firstDay(value: string): string {
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return `${value}-01`;
  return value;
}

/** The last day a YYYY, YYYY-MM or YYYY-MM-DD may stand for. */
export function lastDay(value: string): string {
  if (value.length === 4) return `${value}-12-31`;
  if (value.length === 7) {
    const [year, month] = value.split('-').map(Number);
    // Day 0 of the next month is the last day of this one.
    const last = new Date(Date.UTC(year ?? 0, month ?? 1, 0)).getUTCDate();
    return `${value}-${String(last).padStart(2, '0')}`;
  }
  return value;
}

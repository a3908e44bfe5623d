import { z } from 'zod';
import { isValidDay } from '../dates.ts';

export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256')
  .describe('Hex SHA-256 of the canonical URL');

/** Any absolute URL, including the `seed:<file name>` URLs of replayed files. */
export const AbsoluteUrl = z.string().refine((value) => URL.canParse(value), 'expected an absolute URL');

export const IsoDateTime = z.iso.datetime({ offset: true });

/** A calendar date, possibly only a year or a month: "2025", "2025-02", "2025-02-28" (a day that exists). */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, {
    message: 'expected YYYY, YYYY-MM or YYYY-MM-DD',
  })
  .refine(
    (value) => {
      const [y, m, d] = value.split('-').map(Number);
      return d === undefined || isValidDay(y ?? 0, m ?? 0, d);
    },
    { message: 'no such day' },
  );

/** Text that PostgreSQL can store: no NUL characters (the cleaner removes them). */
export const StorableText = z.string().refine((value) => !value.includes('\u0000'), {
  message: 'contains NUL characters',
});

/** A publication date: a full timestamp, or a date when only the day is known. */
export const PublicationDateValue = z.union([IsoDateTime, PartialDate]);

/** ISO 639-1/3 code, or "und" when not determined. */
export const LanguageCode = z
  .string()
  .regex(/^([a-z]{2,3}|und)$/, 'expected an ISO 639 language code or "und"');

/** ISO 3166-1 alpha-2 country code. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code');

export const SourceId = z.string().min(1).max(200);

export const Origin = z.enum(['crawl', 'replay']);

/** The sentence that proves a field, with character offsets into the article's text (start ≤ end). */
export const Evidence = z
  .object({
    field: z.string().min(1),
    text: z.string(),
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
  })
  .refine((e) => e.start <= e.end, { message: 'start after end', path: ['end'] });
export type Evidence = z.infer<typeof Evidence>;

/** Fields every article message carries from the fetch onwards. */
export const ArticleIdentity = z.object({
  schema: z.literal(1),
  articleId: Sha256Hex,
  url: AbsoluteUrl,
  sourceId: SourceId,
  origin: Origin,
  fetchedAt: IsoDateTime,
});

import { CountryCode } from '@dyad/contracts';
import { z } from 'zod';

/** "90s", "15m", "2h" (or "500ms" for tests) → milliseconds. */
export const Duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, 'a duration such as "90s", "15m" or "2h"')
  .transform((value) => {
    const n = Number.parseInt(value, 10);
    const unit = value.replace(/^\d+/, '');
    return n * ({ ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const)[unit as 'ms' | 's' | 'm' | 'h'];
  })
  .refine((ms) => ms >= 500, 'at least 500ms');

const HttpUrl = z
  .string()
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'an absolute http(s) URL');

const Common = {
  /** Stable: dedup state, metrics and schedules hang on it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lowercase letters, digits, ".", "_" or "-"'),
  /** The outlet, for people. */
  name: z.string().min(1),
  url: HttpUrl,
  /** The language the source mostly publishes in (a hint for the cleaner and for people). */
  lang: z.enum(['ar', 'fr', 'en', 'ru', 'kk', 'es']),
  /** Where the outlet is from (one of the profile's countries), or none for international outlets and aggregators. */
  country: CountryCode.optional(),
  /** Every item is about the dyad (a search feed, a tag page): no pre-filter. */
  focused: z.boolean().default(false),
  interval: Duration.prefault('15m'),
  /**
   * For non-focused sources: which side an item must name to be fetched. `counterpart`: the other
   * country than the outlet's (default for national outlets); `both`: both countries (default for
   * international ones); `either`: any of the two.
   */
  match: z.enum(['counterpart', 'both', 'either']).optional(),
  /** Off without deleting the entry. */
  enabled: z.boolean().default(true),
};

export const Source = z
  .discriminatedUnion('kind', [
    z.object({ ...Common, kind: z.literal('rss') }).strict(),
    z.object({ ...Common, kind: z.literal('sitemap') }).strict(),
    z
      .object({
        ...Common,
        kind: z.literal('html'),
        /** CSS selector of the article links (or of elements holding one) on the listing page. */
        selector: z.string().min(1),
      })
      .strict(),
  ])
  .superRefine((source, ctx) => {
    if (source.match === 'counterpart' && !source.country) {
      ctx.addIssue({ code: 'custom', path: ['match'], message: '"counterpart" needs the outlet\'s country' });
    }
  });
export type Source = z.infer<typeof Source>;
export type SourceInput = z.input<typeof Source>;
export type SourceKind = Source['kind'];

export const SourcesFile = z
  .object({ sources: z.array(Source) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    for (const [i, source] of file.sources.entries()) {
      const first = seen.get(source.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'id'],
          message: `duplicate source id "${source.id}" (also sources.${first})`,
        });
      }
      seen.set(source.id, i);
    }
  });
export type SourcesFile = z.infer<typeof SourcesFile>;

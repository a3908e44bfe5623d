import { z } from 'zod';
import { articleLimits } from '../limits.ts';
import { ArticleIdentity, LanguageCode, PublicationDateValue, StorableText } from './common.ts';

export const PublicationDate = z.object({
  /** null when nothing gave a date and none could be inferred yet. */
  value: PublicationDateValue.nullable(),
  source: z.enum(['meta', 'feed', 'url', 'text', 'inferred', 'none']),
});
export type PublicationDate = z.infer<typeof PublicationDate>;

export const Relevance = z.object({
  score: z.number().min(0).max(1),
  relevant: z.boolean(),
  /** Why: which names, demonyms, capitals or leaders of each side were found, or why not. */
  reasons: z.array(z.string()),
  /** false while no relevance model has looked at the article (it is then passed on as relevant). */
  assessed: z.boolean(),
});
export type Relevance = z.infer<typeof Relevance>;

/** What was left out to keep the article within `articleLimits` (absent when nothing was). */
export const Truncated = z.object({
  /** The text was cut at a paragraph boundary; this was its length in characters. */
  textChars: z.int().positive().optional(),
  /** Mentions left out (the extractor keeps at most `mentionsPerKind` of each kind). */
  mentions: z.int().positive().optional(),
});

export const ArticleCleaned = ArticleIdentity.extend({
  title: StorableText.max(articleLimits.titleChars),
  text: StorableText.max(articleLimits.textChars),
  lang: LanguageCode,
  publishedAt: PublicationDate,
  siteName: z.string().optional(),
  author: z.string().optional(),
  canonicalUrl: z.string().optional(),
  relevance: Relevance,
  cleaner: z.object({ version: z.string(), method: z.string() }),
  truncated: Truncated.optional(),
});
export type ArticleCleaned = z.infer<typeof ArticleCleaned>;

import { z } from 'zod';
import { ArticleIdentity, LanguageCode, PublicationDateValue } from './common.ts';

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

export const ArticleCleaned = ArticleIdentity.extend({
  title: z.string(),
  text: z.string(),
  lang: LanguageCode,
  publishedAt: PublicationDate,
  siteName: z.string().optional(),
  author: z.string().optional(),
  canonicalUrl: z.string().optional(),
  relevance: Relevance,
  cleaner: z.object({ version: z.string(), method: z.string() }),
});
export type ArticleCleaned = z.infer<typeof ArticleCleaned>;

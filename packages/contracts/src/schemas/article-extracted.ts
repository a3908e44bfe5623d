import { z } from 'zod';
import { ArticleCleaned } from './article-cleaned.ts';
import { CountryCode, Evidence, PartialDate } from './common.ts';
import { EventReport } from './event.ts';

export const ActorMention = z.object({
  actorId: z.string().min(1),
  name: z.string().min(1),
  country: CountryCode.optional(),
  role: z.string().optional(),
  evidence: Evidence,
});

export const PlaceMention = z.object({
  name: z.string().min(1),
  country: CountryCode.optional(),
  evidence: Evidence,
});

export const DateMention = z.object({
  value: PartialDate,
  end: PartialDate.optional(),
  precision: z.enum(['year', 'month', 'day']),
  evidence: Evidence,
});

/** The cleaned article travels on, so that the indexer can store it without another fetch. */
export const ArticleExtracted = ArticleCleaned.extend({
  mentions: z.object({
    actors: z.array(ActorMention),
    places: z.array(PlaceMention),
    dates: z.array(DateMention),
  }),
  events: z.array(EventReport),
  extractorVersion: z.string().min(1),
});
export type ArticleExtracted = z.infer<typeof ArticleExtracted>;

import { EventDateOrUndated, EventMessage, EventType, LanguageCode } from '@dyad/contracts';
import { z } from 'zod';
import { AgreementLife, AgreementsList } from './agreements.ts';

/**
 * What the API answers, as zod schemas: the OpenAPI document is generated from them, and the
 * tests check real responses against them, so the two cannot drift apart.
 */

export const ErrorBody = z.object({
  error: z.string().describe('A short code: invalid parameters, not found, …'),
  message: z.string(),
  issues: z
    .array(z.object({ parameter: z.string(), message: z.string() }))
    .optional()
    .describe('With 400: each bad parameter and what is wrong with it.'),
});

const page = {
  total: z.int().nonnegative().describe('How many items match, on all pages.'),
  limit: z.int(),
  offset: z.int(),
  next: z.string().nullable().describe('The next page (a path with its query), or null on the last one.'),
};

export const EventsPage = z.object({ ...page, events: z.array(EventMessage) });

export const EventBrief = z.object({
  eventId: z.string(),
  type: EventType,
  date: EventDateOrUndated,
  summary: z.string(),
});

export const EventDetail = EventMessage.extend({
  mergeReasons: z
    .array(z.object({ articleId: z.string(), reason: z.string() }))
    .describe('Why each article was taken as a report of this event.'),
  parent: EventBrief.nullable().describe('The event this one took place within (partOf), if any.'),
  children: z.array(EventBrief).describe('Events that took place within this one.'),
});

export const ArticleHit = z.object({
  articleId: z.string(),
  url: z.string(),
  sourceId: z.string(),
  lang: LanguageCode,
  publishedAt: z.string().nullable(),
  title: z.string(),
  titleHtml: z.string().describe('The title as HTML: text escaped, matches in <mark>…</mark>.'),
  snippetHtml: z.string().describe('Passages around the matches, as HTML like titleHtml.'),
  rank: z.number().describe('Relevance; only comparable within one query.'),
});

export const ArticlesPage = z.object({ ...page, articles: z.array(ArticleHit) });

export const Actor = z.object({
  actorId: z.string(),
  name: z.string().describe('The name events give it most often.'),
  country: z.string(),
  names: z
    .object({
      ar: z.string().optional(),
      fr: z.string().optional(),
      en: z.string().optional(),
      ru: z.string().optional(),
    })
    .describe('Its most frequent name in each language, where known.'),
  roles: z.array(z.string()),
  events: z.int().nonnegative().describe('How many events it takes part in.'),
});

export const ActorsPage = z.object({ ...page, actors: z.array(Actor) });

/** Registered with these ids under components.schemas; references between them become $ref. */
export const responseSchemas = {
  EventMessage,
  EventBrief,
  EventDetail,
  EventsPage,
  ArticleHit,
  ArticlesPage,
  Actor,
  ActorsPage,
  AgreementLife,
  AgreementsList,
  Error: ErrorBody,
} as const;

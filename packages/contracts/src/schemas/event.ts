import { z } from 'zod';
import {
  AbsoluteUrl,
  CountryCode,
  Evidence,
  IsoDateTime,
  LanguageCode,
  PartialDate,
  PublicationDateValue,
  Sha256Hex,
} from './common.ts';

/** DESIGN's event types; the CAMEO code travels beside the type. */
export const EventType = z.enum([
  'official_visit',
  'courtesy_visit',
  'bilateral_meeting',
  'parliamentary_meeting',
  'phone_call',
  'agreement_signing',
  'joint_statement',
  'agreement_entry_into_force',
  'policy_statement',
  'other',
]);
export type EventType = z.infer<typeof EventType>;

export const CameoCode = z.string().regex(/^\d{2,4}$/, 'expected a CAMEO code such as 042');

/**
 * Where an event's date came from: a date the text gives (`text`; a relative one such as "on
 * Friday" read against the publication date), the article's publication date when the text gives
 * none (`published`), or the time the page was fetched when nothing else dates it (`fetched`).
 * Messages written before the field existed have none; read them as `text`.
 */
export const DateSource = z.enum(['text', 'published', 'fetched']);
export type DateSource = z.infer<typeof DateSource>;

export const EventDate = z.object({
  value: PartialDate,
  end: PartialDate.optional(),
  precision: z.enum(['year', 'month', 'day']),
  source: DateSource.optional(),
});
export type EventDate = z.infer<typeof EventDate>;

/** An event's date, or null when nothing dates it (no date in the text, no publication or fetch date). */
export const EventDateOrUndated = EventDate.nullable();

export const Location = z.object({ name: z.string().min(1), country: CountryCode.optional() });

export const LocalizedNames = z.object({
  ar: z.string().optional(),
  fr: z.string().optional(),
  en: z.string().optional(),
  ru: z.string().optional(),
});

export const Participant = z.object({
  /** A knowledge-base slug (`kz.tokayev`) or `unknown:<matchKey>`. */
  actorId: z.string().min(1),
  name: z.string().min(1),
  names: LocalizedNames,
  role: z.string().optional(),
  country: CountryCode,
});
export type Participant = z.infer<typeof Participant>;

export const Agreement = z.object({
  name: z.string().min(1),
  status: z.enum(['signed', 'in_force', 'planned']),
  date: PartialDate.optional(),
});
export type Agreement = z.infer<typeof Agreement>;

/**
 * A role phrase that names no one for sure ("the foreign minister", "the speaker of the House of
 * Representatives"): the people who held that office at the event's date, on either side. It
 * cannot make an event participant, but it can tell which known event an article refers to.
 */
export const RoleReference = z.object({
  office: z.string().min(1),
  candidates: z.array(z.string().min(1)).min(2),
});
export type RoleReference = z.infer<typeof RoleReference>;

/** One article's account of one event, as the extractor finds it. */
export const EventReport = z.object({
  type: EventType,
  cameo: CameoCode,
  /** null: the article tells the event but nothing dates it; it is kept, never dropped. */
  date: EventDateOrUndated,
  location: Location.optional(),
  participants: z.array(Participant),
  /** Role phrases that could be one of several people; absent when there are none. */
  references: z.array(RoleReference).optional(),
  topics: z.array(z.string()),
  agreements: z.array(Agreement),
  /** false for a past event the article only refers to. */
  main: z.boolean(),
  summary: z.string().optional(),
  evidence: z.array(Evidence),
});
export type EventReport = z.infer<typeof EventReport>;

export const EventSource = z.object({
  articleId: Sha256Hex,
  url: AbsoluteUrl,
  title: z.string(),
  lang: LanguageCode,
  publishedAt: PublicationDateValue.nullable(),
  main: z.boolean(),
  evidence: z.array(Evidence),
});
export type EventSource = z.infer<typeof EventSource>;

/** The body of both `new-event` and `event-updated`. */
export const EventMessage = z.object({
  schema: z.literal(1),
  eventId: z.string().min(1),
  version: z.int().positive(),
  type: EventType,
  cameo: CameoCode,
  /** null until a report dates the event. */
  date: EventDateOrUndated,
  location: Location.optional(),
  participants: z.array(Participant),
  topics: z.array(z.string()),
  agreements: z.array(Agreement.pick({ name: true, status: true })),
  summary: z.string(),
  sources: z.array(EventSource).min(1),
  partOf: z.string().optional(),
  firstSeenAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type EventMessage = z.infer<typeof EventMessage>;

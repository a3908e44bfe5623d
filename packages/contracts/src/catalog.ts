import type { z } from 'zod';
import { ArticleCleaned } from './schemas/article-cleaned.ts';
import { ArticleExtracted } from './schemas/article-extracted.ts';
import { ArticleFetched } from './schemas/article-fetched.ts';
import { DeadLetter } from './schemas/dead-letter.ts';
import { EventMessage } from './schemas/event.ts';
import { FetchJob, PollJob } from './schemas/jobs.ts';

/**
 * The one place that names every subject, stream, consumer and queue, with the schema of what
 * travels there and how failures are retried. Services and the CLI read names from here only.
 */

export type StreamName = 'ARTICLES' | 'EVENTS' | 'DLQ';

export interface StreamSpec {
  readonly name: StreamName;
  /** Subjects relative to the namespace. */
  readonly subjects: readonly string[];
  readonly description: string;
  readonly maxAgeMs: number;
  /** Window in which a repeated Nats-Msg-Id is dropped by the server. */
  readonly duplicateWindowMs: number;
  /**
   * Default byte limit (`<STREAM>_MAX_BYTES` overrides it). The server reserves it on its store, so
   * the limits of every stream on a server must fit its JetStream storage together.
   */
  readonly maxBytes: number;
  /**
   * What happens at the limit: always `new` — the server refuses the publish (the publisher gets a
   * StreamFullError and tries again later), never deletes an old message a consumer may not have
   * read yet (`old` would drop articles silently).
   */
  readonly discard: 'new';
}

const DAY = 86_400_000;
const MiB = 1_048_576;

export const streams = {
  ARTICLES: {
    name: 'ARTICLES',
    subjects: ['article.fetched', 'article.cleaned', 'article.extracted'],
    description: 'Articles between pipeline stages',
    maxAgeMs: 30 * DAY,
    duplicateWindowMs: 2 * 3_600_000,
    maxBytes: 1_024 * MiB,
    discard: 'new',
  },
  EVENTS: {
    name: 'EVENTS',
    subjects: ['new-event', 'event-updated'],
    description: 'Events announced by the indexer',
    maxAgeMs: 365 * DAY,
    duplicateWindowMs: DAY,
    maxBytes: 256 * MiB,
    discard: 'new',
  },
  DLQ: {
    name: 'DLQ',
    subjects: ['dlq.>'],
    description: 'Messages a stage could not process, with the reason',
    maxAgeMs: 90 * DAY,
    duplicateWindowMs: 2 * 60_000,
    maxBytes: 256 * MiB,
    discard: 'new',
  },
} as const satisfies Record<StreamName, StreamSpec>;

/**
 * The `raw` object store (page bodies over 256 KiB, a claim check): kept 30 days, at most
 * `maxBytes` (`RAW_MAX_BYTES`); the object store always discards new, so a full bucket refuses the
 * body (StreamFullError) and the fetch is tried again later.
 */
export const rawBucket = { maxAgeMs: 30 * DAY, maxBytes: 1_024 * MiB } as const;

export interface SubjectSpec<S extends z.ZodType = z.ZodType> {
  readonly subject: string;
  readonly stream: StreamName;
  readonly schema: S;
  /** Nats-Msg-Id: what makes a republish of the same thing a duplicate. */
  readonly msgId: (message: z.infer<S>) => string;
  /** Article id carried in logs and dead letters, when the message has one. */
  readonly articleId?: (message: z.infer<S>) => string;
}

function subjectSpec<S extends z.ZodType>(spec: SubjectSpec<S>): SubjectSpec<S> {
  return spec;
}

export const subjects = {
  articleFetched: subjectSpec({
    subject: 'article.fetched',
    stream: 'ARTICLES',
    schema: ArticleFetched,
    msgId: (m) => `${m.articleId}:fetched`,
    articleId: (m) => m.articleId,
  }),
  articleCleaned: subjectSpec({
    subject: 'article.cleaned',
    stream: 'ARTICLES',
    schema: ArticleCleaned,
    msgId: (m) => `${m.articleId}:cleaned`,
    articleId: (m) => m.articleId,
  }),
  articleExtracted: subjectSpec({
    subject: 'article.extracted',
    stream: 'ARTICLES',
    schema: ArticleExtracted,
    msgId: (m) => `${m.articleId}:extracted`,
    articleId: (m) => m.articleId,
  }),
  newEvent: subjectSpec({
    subject: 'new-event',
    stream: 'EVENTS',
    schema: EventMessage,
    msgId: (m) => m.eventId,
  }),
  eventUpdated: subjectSpec({
    subject: 'event-updated',
    stream: 'EVENTS',
    schema: EventMessage,
    msgId: (m) => `${m.eventId}:${m.version}`,
  }),
} as const;

export type SubjectKey = keyof typeof subjects;
export type MessageOf<K extends SubjectKey> = z.infer<(typeof subjects)[K]['schema']>;

/** Dead letters of a consumer go to `dlq.<consumer>`. */
export function deadLetterSubject(consumer: string): string {
  return `dlq.${consumer}`;
}
export const deadLetterSchema = DeadLetter;

export interface RetryPolicy {
  /** Attempts before the message is dead-lettered. */
  readonly maxAttempts: number;
  /** Backoff before attempt n+1: min(maxMs, initialMs * 2^(n-1)), scaled by a random factor in [1-jitter, 1]. */
  readonly backoff: { readonly initialMs: number; readonly maxMs: number; readonly jitter: number };
}

export interface ConsumerSpec {
  readonly durable: string;
  readonly stream: StreamName;
  readonly input: SubjectKey;
  readonly retry: RetryPolicy;
  /** The server redelivers a message not acked, nakked or marked working within this time. */
  readonly ackWaitMs: number;
  readonly concurrency: number;
}

const stageRetry: RetryPolicy = { maxAttempts: 6, backoff: { initialMs: 1_000, maxMs: 60_000, jitter: 0.5 } };

export const consumers = {
  cleaner: {
    durable: 'cleaner',
    stream: 'ARTICLES',
    input: 'articleFetched',
    retry: stageRetry,
    ackWaitMs: 30_000,
    concurrency: 4,
  },
  extractor: {
    durable: 'extractor',
    stream: 'ARTICLES',
    input: 'articleCleaned',
    retry: stageRetry,
    ackWaitMs: 30_000,
    concurrency: 4,
  },
  indexer: {
    durable: 'indexer',
    stream: 'ARTICLES',
    input: 'articleExtracted',
    retry: stageRetry,
    ackWaitMs: 30_000,
    // A lock per event class and month (not one over all resolution): articles about different
    // months resolve at once on PostgreSQL; on PGlite, consuming and acking overlap its work.
    concurrency: 8,
  },
} as const satisfies Record<string, ConsumerSpec>;

export type ConsumerKey = keyof typeof consumers;

export interface QueueSpec<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
  readonly attempts: number;
  readonly backoff: RetryPolicy['backoff'];
  readonly concurrency: number;
  /** Deterministic job id: a second add of the same thing is a no-op. */
  readonly jobId: (data: z.infer<S>) => string;
  /** Finished jobs kept for inspection; failed ones are the queue's dead letters. */
  readonly keepCompleted: number;
  readonly keepFailed: number;
}

function queueSpec<S extends z.ZodType>(spec: QueueSpec<S>): QueueSpec<S> {
  return spec;
}

export const queues = {
  poll: queueSpec({
    name: 'poll',
    schema: PollJob,
    attempts: 3,
    backoff: { initialMs: 30_000, maxMs: 600_000, jitter: 0.5 },
    concurrency: 4,
    jobId: (d) => `poll:${d.sourceId}`,
    keepCompleted: 1_000,
    keepFailed: 10_000,
  }),
  fetch: queueSpec({
    name: 'fetch',
    schema: FetchJob,
    attempts: 5,
    backoff: { initialMs: 5_000, maxMs: 3_600_000, jitter: 0.5 },
    concurrency: 8,
    jobId: (d) => d.articleId,
    keepCompleted: 10_000,
    keepFailed: 100_000,
  }),
} as const;

export type QueueKey = keyof typeof queues;
export type JobOf<K extends QueueKey> = z.infer<(typeof queues)[K]['schema']>;

export type StageName = 'fetcher' | 'cleaner' | 'extractor' | 'indexer';

export interface StageSpec {
  readonly consumes: readonly string[];
  readonly produces: readonly string[];
  /** What the stage does today, in plain words, for `dyad status` and the service's README. */
  readonly does: string;
}

export const stages: Record<StageName, StageSpec> = {
  fetcher: {
    consumes: ['queue poll', 'queue fetch'],
    produces: ['article.fetched'],
    does:
      'Polls the sources in sources.yaml (RSS/Atom/RDF, news sitemaps, HTML listing pages; one job scheduler ' +
      'per source on `poll`, reloaded on edit) with conditional GET; queues each new canonical URL once on ' +
      '`fetch` (job id = article id; non-focused sources pre-filtered by the profile terms) and publishes the ' +
      'decoded page. Per-domain politeness in Redis, robots.txt, private addresses refused.',
  },
  cleaner: {
    consumes: ['article.fetched'],
    produces: ['article.cleaned'],
    does:
      'Turns each fetched page (HTML, via Readability over linkedom with jsdom as fallback) or collected text ' +
      'into the article: title, paragraphs without page furniture, author, site, canonical URL, language ' +
      '(ar/fr/en/ru/kk), publication date (markup, feed, URL, written date, else inferred from the text and ' +
      'marked so) and relevance to the dyad with reasons; irrelevant articles are passed on flagged. Parses on ' +
      'worker threads; pages over the size cap or time limit are dead-lettered with the reason.',
  },
  extractor: {
    consumes: ['article.cleaned'],
    produces: ['article.extracted'],
    does:
      'Finds the Morocco–Kazakhstan events in each article (ar/fr/en/ru): type and CAMEO code, date, place, ' +
      'participants resolved to knowledge-base actors, topics and agreements, main or referred-to, with evidence; ' +
      'beside them, never as events, agreements one side approved at home (ratified). Articles a relevance ' +
      'model found irrelevant are passed on with no events (only the approvals they tell).',
  },
  indexer: {
    consumes: ['article.extracted'],
    produces: ['new-event', 'event-updated'],
    does:
      'Stores each article once (by article id; an unchanged replay stores nothing) and indexes its text for ' +
      'full-text search in its language; merges its event reports into events across articles and languages, ' +
      'and announces each new event once (new-event) and each change (event-updated) through an outbox. ' +
      'Serves a read-only HTTP API on port 8080 (events, article search, actors, agreements, Atom feed, live stream; ' +
      '/openapi.json), which `dyad events` and `dyad search` use.',
  },
};

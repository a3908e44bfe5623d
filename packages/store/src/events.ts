import { EventMessage, formatIssues, UNDATED_RANGE } from '@dyad/contracts';
import type { Db, SqlValue } from './db.ts';
import { ResolutionConflictError, StoredDataError } from './errors.ts';

/** An event as stored: the `new-event` body plus why each article joined it. */
export type StoredEvent = EventMessage & {
  readonly mergeReasons: readonly { readonly articleId: string; readonly reason: string }[];
};

export interface EventRow {
  readonly event: StoredEvent;
  readonly typeClass: string;
  /** Days the date may stand for, YYYY-MM-DD, inclusive. */
  readonly dateFirst: string;
  readonly dateLast: string;
}

export interface OutboxMessage {
  readonly id: number;
  readonly subject: 'new-event' | 'event-updated';
  readonly msgId: string;
  readonly eventId: string;
  readonly version: number;
  readonly payload: EventMessage;
}

export interface EventFilter {
  readonly from?: string;
  readonly to?: string;
  readonly type?: string;
  readonly actor?: string;
  readonly country?: string;
  readonly topic?: string;
  /** The event's place, by name as the events give it. */
  readonly place?: string;
  /** Events with a source article in this language. */
  readonly lang?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * The conditions of an event listing, as SQL over `events` (listEvents, searchEvents and the
 * month counts share them): from/to overlap the event's days, and a listing of a period leaves
 * undated events out; participants, topics and source languages by containment.
 */
export function eventWhere(filter: EventFilter): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, value: string) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.from) add('date_last >= ?::date', filter.from);
  if (filter.to) add('date_first <= ?::date', filter.to);
  // An undated event stands for every day (so that resolution finds it), but a listing of a
  // period shows only events known to be in it.
  if (filter.from || filter.to) add('date_first > ?::date', UNDATED_RANGE.first);
  if (filter.type) add('type = ?', filter.type);
  if (filter.actor)
    add(`state->'participants' @> jsonb_build_array(jsonb_build_object('actorId', ?::text))`, filter.actor);
  if (filter.country)
    add(`state->'participants' @> jsonb_build_array(jsonb_build_object('country', ?::text))`, filter.country);
  if (filter.topic) add(`state->'topics' @> jsonb_build_array(?::text)`, filter.topic);
  if (filter.place) add(`state->'location'->>'name' = ?`, filter.place);
  if (filter.lang)
    add(`state->'sources' @> jsonb_build_array(jsonb_build_object('lang', ?::text))`, filter.lang);
  return { where, params };
}

/** A type class and the days to search it over (YYYY-MM-DD, inclusive). */
export interface CandidateScope {
  readonly typeClass: string;
  readonly first: string;
  readonly last: string;
}

/**
 * The events of scopes `$1` (classes), `$2` (first days), `$3` (last days), once each: an event
 * spanning under 62 days begins at most 61 days before a range it overlaps, so that search reads
 * only the index around the range (migration 006); the few longer ones are read by their end.
 */
const candidatesIn = (columns: string) => `SELECT ${columns} FROM events e
  WHERE e.event_id IN (
    SELECT c.event_id FROM unnest($1::text[], $2::date[], $3::date[]) AS q(cls, f, l)
      CROSS JOIN LATERAL (
        SELECT event_id FROM events
         WHERE type_class = q.cls AND date_last - date_first < 62
           AND date_first >= q.f - 61 AND date_first <= q.l AND date_last >= q.f
        UNION ALL
        SELECT event_id FROM events
         WHERE type_class = q.cls AND date_last - date_first >= 62
           AND date_last >= q.f AND date_first <= q.l
      ) AS c)
  ORDER BY e.first_seen_at, e.event_id`;
const CANDIDATES_IN = candidatesIn('e.event_id, e.state');
/** The candidates' versions and times of change, for what CheckedEvents has already read. */
const CANDIDATE_VERSIONS_IN = candidatesIn(
  `e.event_id, e.version, floor(extract(epoch FROM e.updated_at) * 1000)::float8 AS updated_ms`,
);
const STATES_OF = `SELECT event_id, state FROM events WHERE event_id = ANY($1::text[])`;

/** A PostgreSQL array literal of texts. */
export const sqlArray = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** Why an article reports an event (one row of event_reports). */
export interface ReportRow {
  readonly eventId: string;
  readonly articleId: string;
  readonly main: boolean;
  readonly evidence: unknown;
  readonly mergeReason: string;
}

/** What resolving one article writes, at once (see `writeResolution`). */
export interface ResolutionWrites {
  /** Events to insert (no expected version) or to update from the version this transaction read. */
  readonly events: readonly { readonly row: EventRow; readonly expectedVersion?: number }[];
  readonly reports: readonly ReportRow[];
  readonly outbox: readonly Omit<OutboxMessage, 'id'>[];
}

/** Event reads and writes; inside a transaction they commit with the article. */
export interface EventQueries {
  /** Known events of a type class whose days overlap [first, last], by first seen, then id. */
  findCandidates(typeClass: string, first: string, last: string): Promise<StoredEvent[]>;
  /** `findCandidates` of several classes and ranges at once: each event once, in the same order. */
  findCandidatesIn(scopes: readonly CandidateScope[]): Promise<StoredEvent[]>;
  /**
   * Inserts or replaces the event row. With `expectedVersion`, replaces it only if the stored
   * version is still that one (what this transaction read or last wrote): otherwise another
   * transaction changed the event meanwhile, and ResolutionConflictError says to run again.
   */
  saveEvent(row: EventRow, expectedVersion?: number): Promise<void>;
  addReport(report: {
    eventId: string;
    articleId: string;
    main: boolean;
    evidence: unknown;
    mergeReason: string;
  }): Promise<void>;
  /**
   * `saveEvent`, `addReport` and `enqueue` of everything in `writes`, as one statement (one round
   * trip): new events inserted, known ones updated only from their expected version (else
   * ResolutionConflictError, nothing written), reports upserted (one row per event and article:
   * main if any says so, the last evidence, the first reason), announcements queued once per id.
   */
  writeResolution(writes: ResolutionWrites): Promise<void>;
  /** Queues an announcement; false when that message id was queued before. */
  enqueue(message: Omit<OutboxMessage, 'id'>): Promise<boolean>;
  /** Unpublished messages, oldest first, locked for this transaction (others skip them). */
  claimOutbox(limit: number): Promise<OutboxMessage[]>;
  markPublished(ids: readonly number[]): Promise<void>;
  countPendingOutbox(): Promise<number>;
  getEvent(eventId: string): Promise<StoredEvent | undefined>;
  listEvents(filter: EventFilter): Promise<{ events: StoredEvent[]; total: number }>;
  countEvents(): Promise<number>;
  /** Events an article reports. */
  eventsOfArticle(articleId: string): Promise<string[]>;
}

/** Reads a stored event state (jsonb, or its text), checked against the contract. */
export function parseEvent(json: unknown, where: string): StoredEvent {
  const parsed = EventMessage.safeParse(json);
  if (!parsed.success) throw new StoredDataError(`${where}: ${formatIssues(parsed.error).join('; ')}`);
  const reasons = (json as { mergeReasons?: unknown }).mergeReasons;
  const mergeReasons = Array.isArray(reasons)
    ? reasons.filter(
        (r): r is { articleId: string; reason: string } =>
          typeof r === 'object' &&
          r !== null &&
          typeof r.articleId === 'string' &&
          typeof r.reason === 'string',
      )
    : [];
  return { ...parsed.data, mergeReasons };
}

/** A jsonb column as PGlite (object) or PostgreSQL through a text cast (string) returns it. */
export function jsonOf(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * Events as last checked (`parseEvent`), by id, kept while their version and time of change stay
 * the same: candidate searches read the same events again and again (every article of a month),
 * and checking a state against the contract costs more than reading it. Bounded: the least
 * recently read go first.
 */
export class CheckedEvents {
  private readonly byId = new Map<string, StoredEvent>();
  private readonly limit: number;

  constructor(limit = 4_096) {
    this.limit = limit;
  }

  /** The event as read before, when it is still at this version and time of change (ms). */
  known(eventId: string, version: number, updatedMs: number): StoredEvent | undefined {
    const known = this.byId.get(eventId);
    if (!known || known.version !== version || Date.parse(known.updatedAt) !== updatedMs) return undefined;
    this.byId.delete(eventId);
    this.byId.set(eventId, known);
    return known;
  }

  parse(json: unknown, eventId: string): StoredEvent {
    const o = json as { version?: unknown; updatedAt?: unknown } | null;
    const known = this.byId.get(eventId);
    if (known && o && known.version === o.version && known.updatedAt === o.updatedAt) {
      // Read again: the most recently used goes last.
      this.byId.delete(eventId);
      this.byId.set(eventId, known);
      return known;
    }
    const event = parseEvent(json, `event ${eventId}`);
    this.byId.delete(eventId);
    this.byId.set(eventId, event);
    if (this.byId.size > this.limit) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.byId.delete(oldest);
    }
    return event;
  }
}

async function findCandidatesIn(
  db: Db,
  scopes: readonly CandidateScope[],
  checked: CheckedEvents | undefined,
): Promise<StoredEvent[]> {
  if (scopes.length === 0) return [];
  const params = [
    sqlArray(scopes.map((s) => s.typeClass)),
    sqlArray(scopes.map((s) => s.first)),
    sqlArray(scopes.map((s) => s.last)),
  ];
  if (!checked) {
    const { rows } = await db.query<{ event_id: string; state: unknown }>(CANDIDATES_IN, params);
    return rows.map((r) => parseEvent(jsonOf(r.state), `event ${r.event_id}`));
  }
  // Versions first, then the states of only the events not read before at that version: the
  // same events are candidates of every article of their months, and their states (a few kB of
  // JSON each) cost PostgreSQL to write out and this process to parse at every batch, more the
  // more the store holds.
  const { rows } = await db.query<{ event_id: string; version: number; updated_ms: number }>(
    CANDIDATE_VERSIONS_IN,
    params,
  );
  const found = rows.map((r) => checked.known(r.event_id, r.version, Number(r.updated_ms)));
  const missing = rows.filter((_, i) => found[i] === undefined).map((r) => r.event_id);
  if (missing.length === 0) return found as StoredEvent[];
  const states = await db.query<{ event_id: string; state: unknown }>(STATES_OF, [sqlArray(missing)]);
  const read = new Map(states.rows.map((r) => [r.event_id, checked.parse(jsonOf(r.state), r.event_id)]));
  return rows.flatMap((r, i) => {
    const event = found[i] ?? read.get(r.event_id);
    return event ? [event] : [];
  });
}

/** `checked`: the store's cache of events read for candidate searches (none: each one checked). */
export function eventQueries(db: Db, checked?: CheckedEvents): EventQueries {
  return {
    writeResolution: async ({ events, reports, outbox }) => {
      const row = ({
        row: { event, typeClass, dateFirst, dateLast },
      }: ResolutionWrites['events'][number]) => ({
        event_id: event.eventId,
        version: event.version,
        type: event.type,
        type_class: typeClass,
        date_first: dateFirst,
        date_last: dateLast,
        part_of: event.partOf ?? null,
        state: event,
        first_seen_at: event.firstSeenAt,
        updated_at: event.updatedAt,
      });
      const inserts = events.filter((e) => e.expectedVersion === undefined).map(row);
      const updates = events
        .filter((e) => e.expectedVersion !== undefined)
        .map((e) => ({ ...row(e), expected: e.expectedVersion }));
      // One row per (event, article), as consecutive upserts would leave it.
      const byKey = new Map<
        string,
        { event_id: string; article_id: string; main: boolean; evidence: unknown; merge_reason: string }
      >();
      for (const r of reports) {
        const key = `${r.eventId} ${r.articleId}`;
        const known = byKey.get(key);
        byKey.set(key, {
          event_id: r.eventId,
          article_id: r.articleId,
          main: (known?.main ?? false) || r.main,
          evidence: r.evidence,
          merge_reason: known?.merge_reason ?? r.mergeReason,
        });
      }
      const messages = outbox.map((m) => ({
        subject: m.subject,
        msg_id: m.msgId,
        event_id: m.eventId,
        version: m.version,
        payload: m.payload,
      }));
      const EVENT_COLUMNS = `event_id text, version int, type text, type_class text, date_first date,
        date_last date, part_of text, state jsonb, first_seen_at timestamptz, updated_at timestamptz`;
      const { rows } = await db.query<{ updated: number | string }>(
        `WITH inserted AS (
           INSERT INTO events (event_id, version, type, type_class, date_first, date_last, part_of, state, first_seen_at, updated_at)
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${EVENT_COLUMNS})
         ), updated AS (
           UPDATE events e SET version = x.version, type = x.type, type_class = x.type_class,
             date_first = x.date_first, date_last = x.date_last, part_of = x.part_of, state = x.state,
             updated_at = x.updated_at
             FROM jsonb_to_recordset($2::jsonb) AS x(${EVENT_COLUMNS}, expected int)
            WHERE e.event_id = x.event_id AND e.version = x.expected
           RETURNING 1
         ), reported AS (
           INSERT INTO event_reports (event_id, article_id, main, evidence, merge_reason)
           SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(event_id text, article_id text, main boolean, evidence jsonb, merge_reason text)
           ON CONFLICT (event_id, article_id) DO UPDATE SET main = event_reports.main OR EXCLUDED.main,
             evidence = EXCLUDED.evidence
         ), queued AS (
           INSERT INTO outbox (subject, msg_id, event_id, version, payload)
           SELECT * FROM jsonb_to_recordset($4::jsonb) AS x(subject text, msg_id text, event_id text, version int, payload jsonb)
           ON CONFLICT (msg_id) DO NOTHING
         )
         SELECT count(*) AS updated FROM updated`,
        [
          JSON.stringify(inserts),
          JSON.stringify(updates),
          JSON.stringify([...byKey.values()]),
          JSON.stringify(messages),
        ],
      );
      if (Number(rows[0]?.updated ?? 0) !== updates.length)
        throw new ResolutionConflictError(
          `another transaction changed one of the events ${updates.map((u) => u.event_id).join(', ')} meanwhile`,
        );
    },
    findCandidates: (typeClass, first, last) => findCandidatesIn(db, [{ typeClass, first, last }], checked),
    findCandidatesIn: (scopes) => findCandidatesIn(db, scopes, checked),
    saveEvent: async ({ event, typeClass, dateFirst, dateLast }, expectedVersion) => {
      // $1 to $8 of both statements: the event's row but for its times.
      const columns = [
        event.eventId,
        event.version,
        event.type,
        typeClass,
        dateFirst,
        dateLast,
        event.partOf ?? null,
        JSON.stringify(event),
      ];
      if (expectedVersion !== undefined) {
        const { rows } = await db.query(
          `UPDATE events SET version = $2, type = $3, type_class = $4, date_first = $5::date,
             date_last = $6::date, part_of = $7, state = $8::jsonb, updated_at = $9::timestamptz
           WHERE event_id = $1 AND version = $10 RETURNING 1`,
          [...columns, event.updatedAt, expectedVersion],
        );
        if (rows.length === 0)
          throw new ResolutionConflictError(
            `event ${event.eventId} is no longer at version ${expectedVersion}: another transaction changed it`,
          );
        return;
      }
      await db.query(
        `INSERT INTO events (event_id, version, type, type_class, date_first, date_last, part_of, state, first_seen_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8::jsonb, $9::timestamptz, $10::timestamptz)
         ON CONFLICT (event_id) DO UPDATE SET
           version = EXCLUDED.version, type = EXCLUDED.type, type_class = EXCLUDED.type_class,
           date_first = EXCLUDED.date_first, date_last = EXCLUDED.date_last, part_of = EXCLUDED.part_of,
           state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
        [...columns, event.firstSeenAt, event.updatedAt],
      );
    },
    addReport: async ({ eventId, articleId, main, evidence, mergeReason }) => {
      await db.query(
        `INSERT INTO event_reports (event_id, article_id, main, evidence, merge_reason)
         VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (event_id, article_id) DO UPDATE SET main = event_reports.main OR EXCLUDED.main,
           evidence = EXCLUDED.evidence`,
        [eventId, articleId, main, JSON.stringify(evidence), mergeReason],
      );
    },
    enqueue: async ({ subject, msgId, eventId, version, payload }) => {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO outbox (subject, msg_id, event_id, version, payload)
         VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (msg_id) DO NOTHING RETURNING id`,
        [subject, msgId, eventId, version, JSON.stringify(payload)],
      );
      return rows.length > 0;
    },
    claimOutbox: async (limit) => {
      const { rows } = await db.query<{
        id: string | number;
        subject: 'new-event' | 'event-updated';
        msg_id: string;
        event_id: string;
        version: number;
        payload: unknown;
      }>(
        `SELECT id, subject, msg_id, event_id, version, payload FROM outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        subject: r.subject,
        msgId: r.msg_id,
        eventId: r.event_id,
        version: r.version,
        payload: parseEvent(jsonOf(r.payload), `outbox ${r.id}`),
      }));
    },
    markPublished: async (ids) => {
      if (ids.length === 0) return;
      await db.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        `{${ids.join(',')}}`,
      ]);
    },
    countPendingOutbox: async () => {
      const { rows } = await db.query<{ n: number | string }>(
        'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
      );
      return Number(rows[0]?.n ?? 0);
    },
    getEvent: async (eventId) => {
      const { rows } = await db.query<{ state: unknown }>('SELECT state FROM events WHERE event_id = $1', [
        eventId,
      ]);
      const row = rows[0];
      return row ? parseEvent(jsonOf(row.state), `event ${eventId}`) : undefined;
    },
    listEvents: async (filter) => {
      const { where, params } = eventWhere(filter);
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = await db.query<{ n: number | string }>(
        `SELECT count(*)::int AS n FROM events ${whereSql}`,
        params,
      );
      const limit = filter.limit ?? 50;
      const offset = filter.offset ?? 0;
      const { rows } = await db.query<{ event_id: string; state: unknown }>(
        `SELECT event_id, state FROM events ${whereSql} ORDER BY date_first DESC, event_id LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
        params,
      );
      return {
        events: rows.map((r) => parseEvent(jsonOf(r.state), `event ${r.event_id}`)),
        total: Number(total.rows[0]?.n ?? 0),
      };
    },
    countEvents: async () => {
      const { rows } = await db.query<{ n: number | string }>('SELECT count(*)::int AS n FROM events');
      return Number(rows[0]?.n ?? 0);
    },
    eventsOfArticle: async (articleId) => {
      const { rows } = await db.query<{ event_id: string }>(
        'SELECT event_id FROM event_reports WHERE article_id = $1 ORDER BY event_id',
        [articleId],
      );
      return rows.map((r) => r.event_id);
    },
  };
}

import { type ArticleExtracted, UNDATED_RANGE } from '@dyad/contracts';
import type { Db, SqlValue } from './db.ts';
import { type EventFilter, eventWhere, parseEvent, type StoredEvent } from './events.ts';

/** One article that matches a full-text query. */
export interface ArticleHit {
  readonly articleId: string;
  readonly url: string;
  readonly sourceId: string;
  readonly lang: string;
  readonly publishedAt: string | null;
  readonly title: string;
  /** The title as HTML: text escaped, matched words in `<mark>`…`</mark>`. */
  readonly titleHtml: string;
  /** Up to two passages of the text around the matches, as HTML like `titleHtml`. */
  readonly snippetHtml: string;
  /** ts_rank: only comparable between hits of one query. */
  readonly rank: number;
}

export interface ArticleSearch {
  readonly limit?: number;
  readonly offset?: number;
  /** Only articles in this language (the article's `lang`). */
  readonly lang?: string;
}

/** A participant as it appears across events. */
export interface ActorSummary {
  readonly actorId: string;
  /** The name events give it most often. */
  readonly name: string;
  readonly country: string;
  /** Its most frequent name in each language, where one is known. */
  readonly names: { readonly ar?: string; readonly fr?: string; readonly en?: string; readonly ru?: string };
  readonly roles: readonly string[];
  /** How many events it takes part in. */
  readonly events: number;
}

export interface ActorFilter {
  readonly country?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * Full-text search and the read queries of the HTTP API. Every full-text query is read in each
 * language the store stems (websearch syntax: words, "a phrase", OR, -word) and the readings are
 * OR'ed, so a query finds articles in any language; see migration 003.
 */
export interface SearchQueries {
  /** Builds (or rebuilds) the article's search vector; call after saving the article. */
  indexArticleText(article: ArticleExtracted): Promise<void>;
  /**
   * Indexes up to `limit` of the texts queued by `saveArticle(…, { indexText: 'later' })`, in one
   * statement (skipping those another transaction is indexing); how many it indexed.
   */
  indexPendingTexts(limit: number): Promise<number>;
  /** Texts queued and not yet indexed. */
  countPendingTexts(): Promise<number>;
  searchArticles(q: string, options?: ArticleSearch): Promise<{ articles: ArticleHit[]; total: number }>;
  /** `listEvents` restricted to events reported by an article that matches `q`; same order. */
  searchEvents(
    filter: EventFilter & { readonly q: string },
  ): Promise<{ events: StoredEvent[]; total: number }>;
  /** Events whose `partOf` is this event, by date. */
  childEvents(eventId: string): Promise<StoredEvent[]>;
  /** The most recently created or changed events first. */
  recentEvents(limit: number): Promise<StoredEvent[]>;
  /** Participants of events, the most active first. */
  listActors(filter?: ActorFilter): Promise<{ actors: ActorSummary[]; total: number }>;
  /**
   * How many events of each type start in each month, for events dated to a month or a day
   * (`from`/`to` of the filter are ignored: the counts cover the whole period), with `q` as in
   * `searchEvents`; and how many more match but are dated only by year, or not at all.
   */
  eventMonthCounts(filter: EventFilter & { readonly q?: string }): Promise<MonthCounts>;
  /** Every version of the event as announced (new-event, then each event-updated), oldest first. */
  eventHistory(eventId: string): Promise<EventVersion[]>;
  /** Events that name an agreement, oldest first (undated last). */
  agreementEvents(): Promise<StoredEvent[]>;
  /** The places events happened in and the languages of their sources, with how many events each. */
  eventFacets(): Promise<EventFacets>;
  /**
   * A value that changes whenever an event is created or changed (count and latest change), cheap
   * to read: what caches of whole-table aggregates check.
   */
  eventsMarker(): Promise<string>;
}

export interface MonthCounts {
  readonly months: readonly { readonly month: string; readonly type: string; readonly count: number }[];
  /** Matching events dated by a year only. */
  readonly yearOnly: number;
  readonly undated: number;
}

export interface EventVersion {
  readonly subject: 'new-event' | 'event-updated';
  readonly version: number;
  /** When the indexer committed this version. */
  readonly at: string;
  readonly event: StoredEvent;
}

export interface EventFacets {
  readonly places: readonly { readonly name: string; readonly events: number }[];
  readonly langs: readonly { readonly lang: string; readonly events: number }[];
}

const LANGUAGES = ['arabic', 'french', 'english', 'russian', 'simple'] as const;

/** The tsquery of the text in parameter `$n`, read in every configuration. */
function queryOf(n: number): string {
  return LANGUAGES.map((config) => `websearch_to_tsquery('${config}', $${n})`).join(' || ');
}

// Control characters that cannot occur in stored text (removed before ts_headline) mark the
// matches, so that the text can be HTML-escaped afterwards and the marks made <mark> tags.
const START = '\u0001';
const STOP = '\u0002';
const SNIPPET_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** @internal ts_headline output (with START/STOP marks) as safe HTML. */
export function markedToHtml(marked: string): string {
  return marked
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
    .replaceAll(START, '<mark>')
    .replaceAll(STOP, '</mark>');
}

/**
 * The statement that indexes an article's text in its language: `$id`, `$lang`, `$title`,
 * `$text` are the expressions to use, `from` the FROM items they come from (one row per article).
 */
export function articleTextUpsert(
  p: { id: string; lang: string; title: string; text: string },
  from?: string,
): string {
  return `INSERT INTO article_texts (article_id, lang, config, tsv)
         SELECT ${p.id}, ${p.lang}, c::text, article_tsvector(c, ${p.title}, ${p.text})
           FROM ${from ? `${from}, LATERAL ` : ''}(SELECT article_text_config(${p.lang}) AS c) AS cfg
         ON CONFLICT (article_id) DO UPDATE SET lang = EXCLUDED.lang, config = EXCLUDED.config, tsv = EXCLUDED.tsv`;
}

export function searchQueries(db: Db): SearchQueries {
  return {
    indexArticleText: async (article) => {
      await db.query(articleTextUpsert({ id: '$1', lang: '$2', title: '$3', text: '$4' }), [
        article.articleId,
        article.lang,
        article.title,
        article.text,
      ]);
    },

    indexPendingTexts: async (limit) => {
      const { rows } = await db.query<{ n: number | string }>(
        `WITH taken AS (
           DELETE FROM article_texts_pending
            WHERE article_id IN (SELECT article_id FROM article_texts_pending
                                  ORDER BY article_id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING article_id
         ), indexed AS (${articleTextUpsert(
           { id: 'a.article_id', lang: 'a.lang', title: 'a.title', text: 'a.text' },
           'taken t JOIN articles a ON a.article_id = t.article_id',
         )})
         SELECT count(*)::int AS n FROM taken`,
        [limit],
      );
      return Number(rows[0]?.n ?? 0);
    },

    countPendingTexts: async () => {
      const { rows } = await db.query<{ n: number | string }>(
        'SELECT count(*)::int AS n FROM article_texts_pending',
      );
      return Number(rows[0]?.n ?? 0);
    },

    searchArticles: async (q, options = {}) => {
      const params: SqlValue[] = [q];
      let where = 't.tsv @@ query.q';
      if (options.lang) {
        params.push(options.lang);
        where += ` AND t.lang = $${params.length}`;
      }
      const from = `FROM article_texts t, (SELECT ${queryOf(1)} AS q) AS query WHERE ${where}`;
      const total = await db.query<{ n: number | string }>(`SELECT count(*)::int AS n ${from}`, params);
      // Rank and page first, then build snippets for the page only: ts_headline re-parses the text.
      const n = params.length;
      const { rows } = await db.query<HitRow>(
        `SELECT p.article_id, p.rank, a.url, a.source_id, a.lang, a.published_at, a.title,
                ts_headline(p.config::regconfig, translate(a.title, $${n + 1}, ''), p.q, $${n + 2}) AS title_marked,
                ts_headline(p.config::regconfig, translate(a.text, $${n + 1}, ''), p.q, $${n + 3}) AS snippet_marked
           FROM (SELECT t.article_id, t.config, query.q, ts_rank(t.tsv, query.q) AS rank ${from}
                  ORDER BY rank DESC, t.article_id
                  LIMIT ${int(options.limit, 20)} OFFSET ${int(options.offset, 0)}) AS p
           JOIN articles a ON a.article_id = p.article_id
          ORDER BY p.rank DESC, p.article_id`,
        [...params, START + STOP, TITLE_OPTIONS, SNIPPET_OPTIONS],
      );
      return {
        total: Number(total.rows[0]?.n ?? 0),
        articles: rows.map((r) => ({
          articleId: r.article_id,
          url: r.url,
          sourceId: r.source_id,
          lang: r.lang,
          publishedAt: r.published_at,
          title: r.title,
          titleHtml: markedToHtml(r.title_marked),
          snippetHtml: markedToHtml(r.snippet_marked),
          rank: Number(r.rank),
        })),
      };
    },

    searchEvents: async (filter) => {
      const { where, params } = eventWhere(filter);
      params.push(filter.q);
      where.push(
        `event_id IN (SELECT r.event_id FROM event_reports r JOIN article_texts t ON t.article_id = r.article_id
                       WHERE t.tsv @@ (${queryOf(params.length)}))`,
      );
      const whereSql = `WHERE ${where.join(' AND ')}`;
      const total = await db.query<{ n: number | string }>(
        `SELECT count(*)::int AS n FROM events ${whereSql}`,
        params,
      );
      const { rows } = await db.query<StateRow>(
        `SELECT event_id, state FROM events ${whereSql}
          ORDER BY date_first DESC, event_id LIMIT ${int(filter.limit, 50)} OFFSET ${int(filter.offset, 0)}`,
        params,
      );
      return { events: rows.map(readEvent), total: Number(total.rows[0]?.n ?? 0) };
    },

    childEvents: async (eventId) => {
      const { rows } = await db.query<StateRow>(
        'SELECT event_id, state FROM events WHERE part_of = $1 ORDER BY date_first, event_id',
        [eventId],
      );
      return rows.map(readEvent);
    },

    recentEvents: async (limit) => {
      const { rows } = await db.query<StateRow>(
        `SELECT event_id, state FROM events ORDER BY updated_at DESC, event_id LIMIT ${int(limit, 50)}`,
      );
      return rows.map(readEvent);
    },

    listActors: async (filter = {}) => {
      const params: SqlValue[] = [];
      let where = '';
      if (filter.country) {
        params.push(filter.country);
        where = `WHERE p->>'country' = $1`;
      }
      const from = `FROM events e CROSS JOIN LATERAL jsonb_array_elements(e.state->'participants') AS x(p) ${where}`;
      const total = await db.query<{ n: number | string }>(
        `SELECT count(DISTINCT p->>'actorId')::int AS n ${from}`,
        params,
      );
      // mode() ignores nulls: each language's name is its most frequent form where one is given.
      const { rows } = await db.query<ActorRow>(
        `SELECT p->>'actorId' AS actor_id,
                count(DISTINCT e.event_id)::int AS events,
                mode() WITHIN GROUP (ORDER BY p->>'name') AS name,
                mode() WITHIN GROUP (ORDER BY p->>'country') AS country,
                mode() WITHIN GROUP (ORDER BY p->'names'->>'ar') AS ar,
                mode() WITHIN GROUP (ORDER BY p->'names'->>'fr') AS fr,
                mode() WITHIN GROUP (ORDER BY p->'names'->>'en') AS en,
                mode() WITHIN GROUP (ORDER BY p->'names'->>'ru') AS ru,
                array_remove(array_agg(DISTINCT p->>'role'), NULL) AS roles
           ${from}
          GROUP BY p->>'actorId'
          ORDER BY events DESC, actor_id LIMIT ${int(filter.limit, 50)} OFFSET ${int(filter.offset, 0)}`,
        params,
      );
      return {
        total: Number(total.rows[0]?.n ?? 0),
        actors: rows.map((r) => ({
          actorId: r.actor_id,
          name: r.name,
          country: r.country,
          names: {
            ...(r.ar ? { ar: r.ar } : {}),
            ...(r.fr ? { fr: r.fr } : {}),
            ...(r.en ? { en: r.en } : {}),
            ...(r.ru ? { ru: r.ru } : {}),
          },
          roles: [...(r.roles ?? [])].sort(),
          events: Number(r.events),
        })),
      };
    },

    eventMonthCounts: async (filter) => {
      const { where, params } = eventWhere({ ...filter, from: undefined, to: undefined });
      if (filter.q) {
        params.push(filter.q);
        where.push(
          `event_id IN (SELECT r.event_id FROM event_reports r JOIN article_texts t ON t.article_id = r.article_id
                         WHERE t.tsv @@ (${queryOf(params.length)}))`,
        );
      }
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      // The precision is the state's; an undated event has the range UNDATED_RANGE.
      const { rows } = await db.query<{
        kind: string;
        month: string | null;
        type: string;
        n: number | string;
      }>(
        `SELECT CASE WHEN date_first = $${params.length + 1}::date THEN 'undated'
                     WHEN state->'date'->>'precision' = 'year' THEN 'year'
                     ELSE 'month' END AS kind,
                to_char(date_first, 'YYYY-MM') AS month, type, count(*)::int AS n
           FROM events ${whereSql}
          GROUP BY 1, 2, 3 ORDER BY 2, 3`,
        [...params, UNDATED_RANGE.first],
      );
      let yearOnly = 0;
      let undated = 0;
      const months: { month: string; type: string; count: number }[] = [];
      for (const r of rows) {
        if (r.kind === 'undated') undated += Number(r.n);
        else if (r.kind === 'year') yearOnly += Number(r.n);
        else if (r.month) months.push({ month: r.month, type: r.type, count: Number(r.n) });
      }
      return { months, yearOnly, undated };
    },

    eventHistory: async (eventId) => {
      const { rows } = await db.query<{
        subject: 'new-event' | 'event-updated';
        version: number;
        created_at: string | Date;
        payload: unknown;
      }>(
        'SELECT subject, version, created_at, payload FROM outbox WHERE event_id = $1 ORDER BY version, id',
        [eventId],
      );
      return rows.map((r) => ({
        subject: r.subject,
        version: r.version,
        at: new Date(r.created_at).toISOString(),
        event: readEvent({ event_id: eventId, state: r.payload }),
      }));
    },

    agreementEvents: async () => {
      const { rows } = await db.query<StateRow>(
        `SELECT event_id, state FROM events WHERE jsonb_array_length(state->'agreements') > 0
          ORDER BY date_first = $1::date, date_first, event_id`,
        [UNDATED_RANGE.first],
      );
      return rows.map(readEvent);
    },

    eventsMarker: async () => {
      const { rows } = await db.query<{ n: number | string; latest: string | Date | null }>(
        'SELECT count(*)::int AS n, max(updated_at) AS latest FROM events',
      );
      const row = rows[0];
      return `${row?.n ?? 0}:${row?.latest ? new Date(row.latest).toISOString() : ''}`;
    },

    eventFacets: async () => {
      const places = await db.query<{ name: string; n: number | string }>(
        `SELECT state->'location'->>'name' AS name, count(*)::int AS n FROM events
          WHERE state->'location'->>'name' IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
      );
      const langs = await db.query<{ lang: string; n: number | string }>(
        `SELECT s->>'lang' AS lang, count(DISTINCT e.event_id)::int AS n
           FROM events e CROSS JOIN LATERAL jsonb_array_elements(e.state->'sources') AS x(s)
          GROUP BY 1 ORDER BY 2 DESC, 1`,
      );
      return {
        places: places.rows.map((r) => ({ name: r.name, events: Number(r.n) })),
        langs: langs.rows.map((r) => ({ lang: r.lang, events: Number(r.n) })),
      };
    },
  };
}

interface HitRow {
  article_id: string;
  rank: number | string;
  url: string;
  source_id: string;
  lang: string;
  published_at: string | null;
  title: string;
  title_marked: string;
  snippet_marked: string;
}

interface StateRow {
  event_id: string;
  state: unknown;
}

interface ActorRow {
  actor_id: string;
  events: number | string;
  name: string;
  country: string;
  ar: string | null;
  fr: string | null;
  en: string | null;
  ru: string | null;
  roles: string[] | null;
}

/** LIMIT/OFFSET are inlined (they are not values of the query): only whole numbers ≥ 0. */
function int(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

/** An event row's state as StoredEvent. */
function readEvent(row: StateRow): StoredEvent {
  return parseEvent(
    typeof row.state === 'string' ? JSON.parse(row.state) : row.state,
    `event ${row.event_id}`,
  );
}

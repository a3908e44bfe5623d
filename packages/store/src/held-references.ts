import { EventReport, formatIssues } from '@dyad/contracts';
import type { Db } from './db.ts';
import { StoredDataError } from './errors.ts';
import { type CandidateScope, jsonOf, sqlArray } from './events.ts';

/** What an event's `sources` entry needs of the article a held reference came from. */
export interface ReferenceSource {
  readonly articleId: string;
  readonly url: string;
  readonly title: string;
  readonly lang: string;
  readonly publishedAt: string | null;
}

/**
 * A report that only refers to an event by a role ("the foreign minister's visit in 2025") and
 * fits no known event, or several: it waits here for the one event it fits.
 */
export interface HeldReference {
  readonly articleId: string;
  /** The report's place in its article's `events`. */
  readonly reportIndex: number;
  readonly typeClass: string;
  readonly dateFirst: string;
  readonly dateLast: string;
  readonly report: EventReport;
  readonly source: ReferenceSource;
  /** Why it is held, for review. */
  readonly reason: string;
}

export interface HeldReferenceQueries {
  /** Keeps a reference-only report aside (replacing that article's report of the same index). */
  holdReference(reference: HeldReference): Promise<void>;
  /** Held references of a type class whose days overlap [first, last], oldest first. */
  findHeldReferences(typeClass: string, first: string, last: string): Promise<HeldReference[]>;
  /** `findHeldReferences` of several classes and ranges at once: each reference once, in the same order. */
  findHeldReferencesIn(scopes: readonly CandidateScope[]): Promise<HeldReference[]>;
  /**
   * Forgets held references: one (it joined an event), or all of an article (it was re-indexed).
   * How many there were: 0 for one that another transaction released meanwhile.
   */
  releaseReference(articleId: string, reportIndex?: number): Promise<number>;
  countHeldReferences(): Promise<number>;
}

function referenceSource(json: unknown, where: string): ReferenceSource {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof o[k] === 'string' ? o[k] : undefined);
  const articleId = text('articleId');
  const url = text('url');
  const lang = text('lang');
  if (!articleId || !url || !lang) throw new StoredDataError(`${where}: source lacks articleId, url or lang`);
  return { articleId, url, lang, title: text('title') ?? '', publishedAt: text('publishedAt') ?? null };
}

async function findHeldReferencesIn(db: Db, scopes: readonly CandidateScope[]): Promise<HeldReference[]> {
  if (scopes.length === 0) return [];
  const { rows } = await db.query<{
    article_id: string;
    report_index: number;
    type_class: string;
    date_first: string;
    date_last: string;
    report: unknown;
    source: unknown;
    reason: string;
  }>(
    `SELECT article_id, report_index, type_class, to_char(date_first, 'YYYY-MM-DD') AS date_first,
                to_char(date_last, 'YYYY-MM-DD') AS date_last, report, source, reason
           FROM held_references
          WHERE EXISTS (SELECT 1 FROM unnest($1::text[], $2::date[], $3::date[]) AS q(cls, f, l)
                         WHERE type_class = q.cls AND date_first <= q.l AND date_last >= q.f)
          ORDER BY held_at, article_id, report_index`,
    [
      sqlArray(scopes.map((s) => s.typeClass)),
      sqlArray(scopes.map((s) => s.first)),
      sqlArray(scopes.map((s) => s.last)),
    ],
  );
  return rows.map((r) => {
    const where = `held reference ${r.article_id}#${r.report_index}`;
    const report = EventReport.safeParse(jsonOf(r.report));
    if (!report.success) throw new StoredDataError(`${where}: ${formatIssues(report.error).join('; ')}`);
    return {
      articleId: r.article_id,
      reportIndex: Number(r.report_index),
      typeClass: r.type_class,
      dateFirst: r.date_first,
      dateLast: r.date_last,
      report: report.data,
      source: referenceSource(jsonOf(r.source), where),
      reason: r.reason,
    };
  });
}

export function heldReferenceQueries(db: Db): HeldReferenceQueries {
  return {
    holdReference: async (r) => {
      await db.query(
        `INSERT INTO held_references (article_id, report_index, type_class, date_first, date_last, report, source, reason)
         VALUES ($1, $2, $3, $4::date, $5::date, $6::jsonb, $7::jsonb, $8)
         ON CONFLICT (article_id, report_index) DO UPDATE SET
           type_class = EXCLUDED.type_class, date_first = EXCLUDED.date_first, date_last = EXCLUDED.date_last,
           report = EXCLUDED.report, source = EXCLUDED.source, reason = EXCLUDED.reason`,
        [
          r.articleId,
          r.reportIndex,
          r.typeClass,
          r.dateFirst,
          r.dateLast,
          JSON.stringify(r.report),
          JSON.stringify(r.source),
          r.reason,
        ],
      );
    },
    findHeldReferences: (typeClass, first, last) => findHeldReferencesIn(db, [{ typeClass, first, last }]),
    findHeldReferencesIn: (scopes) => findHeldReferencesIn(db, scopes),
    releaseReference: async (articleId, reportIndex) => {
      if (reportIndex === undefined) {
        const { rows } = await db.query('DELETE FROM held_references WHERE article_id = $1 RETURNING 1', [
          articleId,
        ]);
        return rows.length;
      }
      const { rows } = await db.query(
        'DELETE FROM held_references WHERE article_id = $1 AND report_index = $2 RETURNING 1',
        [articleId, reportIndex],
      );
      return rows.length;
    },
    countHeldReferences: async () => {
      const { rows } = await db.query<{ n: number | string }>(
        'SELECT count(*)::int AS n FROM held_references',
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}

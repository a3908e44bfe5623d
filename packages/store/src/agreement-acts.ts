import { AgreementAct, type ArticleExtracted, agreementKey, formatIssues } from '@dyad/contracts';
import type { Db } from './db.ts';
import { StoredDataError } from './errors.ts';

/** An agreement's step as one article tells it (see migration 008), with that article. */
export interface StoredAgreementAct {
  /** `agreementKey` of its name: what it is grouped with. */
  readonly key: string;
  readonly act: AgreementAct;
  readonly source: {
    readonly articleId: string;
    readonly url: string;
    readonly title: string;
    readonly lang: string;
    /** As the cleaner found it; null when unknown. */
    readonly publishedAt: string | null;
  };
}

export interface AgreementActQueries {
  /** Every agreement act stored, by agreement key, then article. */
  agreementActs(): Promise<StoredAgreementAct[]>;
}

/** The rows of `agreement_acts` the articles carry, as `saveArticles` writes them (jsonb_to_recordset). */
export function agreementActRows(articles: readonly ArticleExtracted[]): string {
  return JSON.stringify(
    articles.flatMap((article) =>
      (article.agreementActs ?? []).map((act, index) => ({
        article_id: article.articleId,
        act_index: index,
        agreement_key: agreementKey(act.name),
        step: act.step,
        country: act.country ?? null,
        act,
      })),
    ),
  );
}

/**
 * The statements that make `agreement_acts` what the saved articles carry, for `saveArticles`'s
 * statement: `acts` (parameter `$n`, `agreementActRows`) joined with `saved` — acts past an
 * article's new count deleted, the others written over (disjoint rows, so one statement does both).
 */
export function agreementActWrites(n: number): string[] {
  return [
    `acts AS (SELECT x.* FROM jsonb_to_recordset($${n}::jsonb)
        AS x(article_id text, act_index integer, agreement_key text, step text, country text, act jsonb)
        JOIN saved s ON s.article_id = x.article_id)`,
    `acts_dropped AS (DELETE FROM agreement_acts t USING saved s
        WHERE t.article_id = s.article_id
          AND t.act_index >= (SELECT count(*) FROM acts WHERE acts.article_id = s.article_id))`,
    `acts_written AS (INSERT INTO agreement_acts (article_id, act_index, agreement_key, step, country, act)
        SELECT article_id, act_index, agreement_key, step, country, act FROM acts
        ON CONFLICT (article_id, act_index) DO UPDATE SET agreement_key = EXCLUDED.agreement_key,
          step = EXCLUDED.step, country = EXCLUDED.country, act = EXCLUDED.act)`,
  ];
}

interface ActRow {
  agreement_key: string;
  act: unknown;
  article_id: string;
  url: string;
  title: string;
  lang: string;
  published_at: string | null;
}

export function agreementActQueries(db: Db): AgreementActQueries {
  return {
    agreementActs: async () => {
      const { rows } = await db.query<ActRow>(
        `SELECT t.agreement_key, t.act, a.article_id, a.url, a.title, a.lang, a.published_at
           FROM agreement_acts t JOIN articles a ON a.article_id = t.article_id
          ORDER BY t.agreement_key, t.article_id, t.act_index`,
      );
      return rows.map((row) => {
        const parsed = AgreementAct.safeParse(typeof row.act === 'string' ? JSON.parse(row.act) : row.act);
        if (!parsed.success)
          throw new StoredDataError(
            `stored agreement act of article ${row.article_id} does not match AgreementAct: ${formatIssues(parsed.error).join('; ')}`,
            { cause: parsed.error },
          );
        return {
          key: row.agreement_key,
          act: parsed.data,
          source: {
            articleId: row.article_id,
            url: row.url,
            title: row.title,
            lang: row.lang,
            publishedAt: row.published_at,
          },
        };
      });
    },
  };
}

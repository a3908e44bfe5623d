import { NatsBus } from '@dyad/bus';
import { names as makeNames } from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import pg from 'pg';
import { indexerApiUrl, pipelineEnv, startServices, stopAll, textArticle } from './pipeline.ts';

/** The Kazakh Senate approving an agreement with Morocco: no event, the cleaner finds it relevant. */
const senate = textArticle(
  'https://example.test/ru/senat-ratifitsiroval',
  'Сенат ратифицировал соглашение с Марокко о выдаче\n\n' +
    'Сенат Казахстана 13 ноября 2025 года ратифицировал соглашение между Казахстаном и Марокко о выдаче преступников.',
);

/**
 * A list of the day's ratifications that names Morocco once, far from the lead: the cleaner finds it
 * not relevant, and the approval still reaches the indexer.
 */
const list = textArticle(
  'https://example.test/en/senate-six-agreements',
  [
    'Senate ratifies six international agreements',
    'ASTANA – The Senate of Kazakhstan on Thursday ratified six international agreements at its plenary session, Senate Speaker Maulen Ashimbayev said.',
    'The senators ratified the agreement between Kazakhstan and Türkiye on the mutual protection of investments, and an agreement with Germany on vocational training.',
    'They also approved the laws on the agreements with Uzbekistan on water resources and with Kyrgyzstan on the state border.',
    'According to the speaker, the agreement with Türkiye will protect the investments of Kazakh companies in Türkiye and of Turkish companies in Kazakhstan, and create new jobs in both countries.',
    'The agreement with Germany provides for joint programmes of vocational training in the regions of Kazakhstan, with German teachers and equipment.',
    'The water agreement with Uzbekistan sets the shares of the Syr Darya between the two countries for the next ten years.',
    'The Senate also ratified the air services agreement between Kazakhstan and Morocco.',
    'Kazakhstan has signed more than 40 agreements this year, the Foreign Ministry of Kazakhstan said.',
  ].join('\n\n'),
);

interface Life {
  key: string;
  reached: string[];
  steps: { kind: string; status: string; country?: string; sources: { articleId: string }[] }[];
}

describe('agreements approved at home, through the four services', () => {
  it('reach the agreements page and /agreements.json as the approved stage, relevant or not, with no event', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const procs = await startServices(env);
    const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names: makeNames(nats.namespace) });
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const api = { url: await indexerApiUrl(procs) };
      for (const article of [senate, list]) await bus.publisher.publish('articleFetched', article);

      const lives = await eventually(
        async () => {
          const body = (await (await fetch(`${api.url}/agreements.json`)).json()) as { agreements: Life[] };
          return body.agreements.length === 2 ? body.agreements : undefined;
        },
        60_000,
        'two agreements with an approved step',
      );
      expect(lives.map((l) => [l.key, l.reached])).toEqual([
        ['air services agreement', ['approved']],
        ['extradition agreement', ['approved']],
      ]);
      expect(lives[1]?.steps).toMatchObject([
        { kind: 'act', status: 'approved', country: 'KZ', sources: [{ articleId: senate.articleId }] },
      ]);
      expect(lives[0]?.steps[0]?.sources).toEqual([expect.objectContaining({ articleId: list.articleId })]);

      // Stored as the extractor passed them on: not relevant (the list by the cleaner's names, the
      // Senate's article for telling no event between the two), and no event at all.
      const { rows } = await db.query<{ article_id: string; relevant: boolean }>(
        `SELECT article_id, (relevance->>'relevant')::boolean AS relevant FROM "${postgres.schema}".articles ORDER BY url`,
      );
      expect(rows).toEqual([
        { article_id: list.articleId, relevant: false },
        { article_id: senate.articleId, relevant: false },
      ]);
      const events = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${postgres.schema}".events`,
      );
      expect(events.rows[0]?.n).toBe(0);

      const page = await (await fetch(`${api.url}/agreements`)).text();
      expect(page).toContain('<li class="stage reached">approved</li>');
      expect(page).toContain('by Kazakhstan');
      expect(page).toContain(senate.url);
    } finally {
      await db.end();
      await bus.close();
      await stopAll(procs);
    }
  }, 120_000);
});

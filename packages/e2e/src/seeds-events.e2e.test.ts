import { NatsBus } from '@dyad/bus';
import { articleIdFor, names as makeNames, seedUrl } from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import pg from 'pg';
import {
  eventMessages,
  latestAnnounced,
  pendingOutbox,
  pipelineEnv,
  pipelineIdle,
  republishSeeds,
  runCli,
  seedFiles,
  startServices,
  stopAll,
} from './pipeline.ts';

const idOf = (prefix: string) => {
  const file = seedFiles.find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return articleIdFor(seedUrl(file));
};

async function storedEventIds(url: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT event_id FROM "${schema}".events ORDER BY event_id`);
    return rows.map((r) => r.event_id);
  } finally {
    await client.end();
  }
}

describe('seeds to events', () => {
  it('announces each event of the seeds once, the 28 February visit with every seed about it; a replay adds nothing', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const procs = await startServices(env);
    const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names: makeNames(nats.namespace) });
    const settled = async () => {
      await eventually(
        async () => ((await pipelineIdle(env)) && (await pendingOutbox(env)) === 0 ? true : undefined),
        60_000,
        'pipeline idle and outbox published',
      );
    };
    try {
      expect((await runCli(['replay', 'seeds'], env)).code).toBe(0);
      await eventually(
        async () => ((await storedEventIds(postgres.url, postgres.schema)).length > 0 ? true : undefined),
        60_000,
      );
      await settled();

      const created = await eventMessages(bus, 'new-event');
      const stored = await storedEventIds(postgres.url, postgres.schema);
      expect(created.map((e) => e.eventId).sort()).toEqual(stored);
      expect(new Set(created.map((e) => e.eventId)).size).toBe(created.length);

      const latest = await latestAnnounced(bus);
      const visits = latest.filter((e) => e.type === 'official_visit' && e.date?.value === '2025-02-28');
      expect(visits).toHaveLength(1);
      const visit = visits[0];
      if (!visit) throw new Error('no visit');
      const visitSources = new Set(visit.sources.map((s) => s.articleId));
      // 003 reports the visit; 001 refers to "the Kazakh foreign minister's visit last February";
      // 004 to "the visits of the foreign minister … in 2025", linked through who held the office.
      for (const seed of ['003', '001', '004']) expect(visitSources.has(idOf(seed)), seed).toBe(true);
      // 002 refers to the joint statement adopted during that visit: one event, part of the visit.
      const statements = latest.filter((e) => e.type === 'joint_statement' && e.date?.value === '2025-02-28');
      expect(statements).toHaveLength(1);
      expect(statements[0]?.partOf).toBe(visit.eventId);
      const statementSources = new Set(statements[0]?.sources.map((s) => s.articleId));
      for (const seed of ['003', '002']) expect(statementSources.has(idOf(seed)), seed).toBe(true);
      // The speaker's visit of 2025 in 004 fits no known event: held, never announced on its own.
      expect(latest.filter((e) => e.type === 'official_visit' && e.date?.value === '2025')).toEqual([]);

      const counts = async () => {
        const info = await bus.jsm.streams.info(bus.names.stream('EVENTS'));
        return info.state.messages;
      };
      const before = await counts();
      // Again within the stream's duplicate window, then again past it (new message ids).
      expect((await runCli(['replay', 'seeds'], env)).code).toBe(0);
      await republishSeeds(bus, 'again');
      await eventually(async () => {
        const info = await bus.jsm.consumers.info(bus.names.stream('ARTICLES'), 'indexer');
        return info.delivered.stream_seq >= 20 ? true : undefined;
      }, 60_000);
      await settled();
      expect(await counts()).toBe(before);
    } finally {
      await bus.close();
      await stopAll(procs);
    }
  }, 180_000);
});

import { NatsBus } from '@dyad/bus';
import { EventMessage, names as makeNames } from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import pg from 'pg';
import {
  cliStdout,
  latestAnnounced,
  type PipelineEnv,
  pendingOutbox,
  pipelineEnv,
  pipelineIdle,
  runCli,
  seedFiles,
  startServices,
  stopAll,
  storedArticles,
} from './pipeline.ts';

/**
 * What may differ between two runs of the same articles, and is left out of the comparison:
 * `firstSeenAt` and `updatedAt` are the clock of the process that resolved each article (the
 * indexer's, article by article; `dyad extract`'s, once). Nothing else is run-dependent when the
 * articles are resolved in the same order: ids come from the report that first told each event
 * (`eventIdFor`), versions from how many articles changed it, and a replayed file's fetch time
 * never dates an event. (Articles resolved concurrently, as replicas do, may be resolved in
 * another order: then which report first told an event, and so its id and version, may differ.)
 */
function comparable(event: EventMessage): Omit<EventMessage, 'firstSeenAt' | 'updatedAt'> {
  const { firstSeenAt: _f, updatedAt: _u, ...rest } = EventMessage.parse(event);
  return rest;
}

function byId(events: readonly EventMessage[]): Omit<EventMessage, 'firstSeenAt' | 'updatedAt'>[] {
  return [...events].sort((a, b) => a.eventId.localeCompare(b.eventId)).map(comparable);
}

/** The events the indexer stored, as `new-event` bodies (the merge history left out). */
async function storedEvents(env: PipelineEnv): Promise<EventMessage[]> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: EventMessage & { mergeReasons?: unknown } }>(
      `SELECT state FROM "${env.DATABASE_SCHEMA}".events ORDER BY event_id`,
    );
    return rows.map(({ state }) => {
      const { mergeReasons: _m, ...message } = state;
      return EventMessage.parse(message);
    });
  } finally {
    await client.end();
  }
}

describe('one pipeline path', () => {
  it('dyad extract --json seeds prints the events the services store and announce for the seeds replayed in order', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const procs = await startServices(env);
    const bus = await NatsBus.connect({ url: nats.url, name: 'e2e', names: makeNames(nats.namespace) });
    try {
      // One file at a time, each stored before the next is replayed: the order `dyad extract`
      // resolves them in (file names, sorted).
      for (const [i, file] of seedFiles.entries()) {
        expect((await runCli(['replay', `seeds/${file}`], env)).code).toBe(0);
        await eventually(
          async () => ((await storedArticles(env)).length === i + 1 ? true : undefined),
          60_000,
          `${file} stored`,
        );
      }
      await eventually(
        async () => ((await pipelineIdle(env)) && (await pendingOutbox(env)) === 0 ? true : undefined),
        60_000,
        'pipeline idle and outbox published',
      );

      const offline = JSON.parse(await cliStdout(['extract', '--json', 'seeds'], env)) as {
        events: EventMessage[];
      };
      const printed = offline.events;
      const stored = await storedEvents(env);
      expect(printed.length).toBeGreaterThan(0);
      expect(byId(printed)).toEqual(byId(stored));
      // The comparison covers merging across articles (later versions, several sources, a reference
      // held then joined) and visits' parts, not only events told once.
      expect(stored.some((e) => e.version > 1 && e.sources.length > 2)).toBe(true);
      expect(stored.some((e) => e.partOf !== undefined)).toBe(true);

      // What was announced last for each event is what is stored.
      expect(byId(await latestAnnounced(bus))).toEqual(byId(stored));
    } finally {
      await bus.close();
      await stopAll(procs);
    }
  }, 180_000);
});

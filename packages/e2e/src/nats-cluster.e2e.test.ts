/**
 * Dyad on a 3-node NATS cluster (docker-compose.yml with docker-compose.cluster.yml, run as
 * processes: compose-processes.ts): three nats-server processes on loopback joined by routes,
 * streams at 3 replicas, the four services. A few hundred articles go through the pipeline while
 * the node leading the ARTICLES stream is killed (SIGKILL) and started again: no article may be
 * lost, none may end in a dead letter, and every event is announced by exactly one `new-event`.
 */
import { rmSync } from 'node:fs';
import { NatsBus } from '@dyad/bus';
import { type ArticleFetched, names } from '@dyad/contracts';
import { describe, eventually, expect, it } from '@dyad/testkit';
import pg from 'pg';
import { afterAll } from 'vitest';
import { serviceEnvironment } from './compose-file.ts';
import { emptySourcesDir, type NatsNode, startComposeStack, uncleanExits } from './compose-processes.ts';
import { clusterComposeFile, composeFile, loadProject, userSettings } from './compose-project.ts';
import {
  eventMessages,
  postgresEnv,
  seedArticle,
  seedFiles,
  storedArticles,
  textArticle,
} from './pipeline.ts';

const sourcesDir = emptySourcesDir();
afterAll(() => rmSync(sourcesDir, { recursive: true, force: true }));
const project = loadProject(userSettings({ DYAD_SOURCES_DIR: sourcesDir }), [
  composeFile,
  clusterComposeFile,
]);

const TOPICS = ['agriculture', 'energy', 'tourism', 'education', 'transport', 'trade'];

/**
 * A short English report of talks between the two sides on day `i` after 1 January 2023: each one
 * an event of its own (a meeting on another day), so that announcements grow with the articles.
 */
function talks(i: number): ArticleFetched {
  const date = new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const topic = TOPICS[i % TOPICS.length];
  return textArticle(
    `https://cluster.test/talks/${i}`,
    `Morocco and Kazakhstan discuss cooperation in ${topic}\n\nRabat, ${date} - Moroccan Minister of Foreign Affairs Nasser Bourita held talks on ${date} in Rabat with Kazakh Deputy Foreign Minister Alibek Bakayev on cooperation in ${topic} between Morocco and Kazakhstan.\n`,
  );
}

/** The seeds and 300 more: a few hundred articles. */
const articles: ArticleFetched[] = [
  ...seedFiles.map((file) => seedArticle(file)),
  ...Array.from({ length: 300 }, (_, i) => talks(i)),
];

/**
 * Publishes as the fetcher does (the catalog's message id), trying again while the cluster elects
 * a new leader: a publish that timed out may have been stored, and its retry is then dropped as
 * a duplicate by the stream. Returns how many attempts failed.
 */
async function publishAll(bus: NatsBus, batch: readonly ArticleFetched[]): Promise<number> {
  let failed = 0;
  for (const article of batch) {
    for (let attempt = 1; ; attempt++) {
      try {
        await bus.publisher.publish('articleFetched', article);
        break;
      } catch (error) {
        failed++;
        if (attempt === 120) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
  return failed;
}

async function serverName(node: NatsNode): Promise<string> {
  const varz = (await (await fetch(`http://127.0.0.1:${node.monitorPort}/varz`)).json()) as {
    server_name: string;
  };
  return varz.server_name;
}

async function eventIdsInStore(url: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ event_id: string }>(`SELECT event_id FROM "${schema}".events`);
    return rows.map((r) => r.event_id).sort();
  } finally {
    await client.end();
  }
}

describe('Dyad on a 3-node NATS cluster', () => {
  it('compose: streams at 3 replicas; the seeds and 300 articles go through while the ARTICLES leader is killed and restarted: none lost, no dead letter, one new-event per event', async ({
    postgres,
  }) => {
    const started = performance.now();
    const stack = await startComposeStack(project, postgres);
    expect([...stack.natsNodes.keys()]).toEqual(['nats', 'nats-2', 'nats-3']);
    const client = serviceEnvironment(project.compose.doc.services.cli ?? {});
    const url = [...stack.natsNodes.values()].map((n) => `nats://127.0.0.1:${n.port}`).join(',');
    const bus = await NatsBus.connect({
      url,
      user: client.NATS_USER,
      password: client.NATS_PASSWORD,
      name: 'cluster-test',
      names: names(client.DYAD_NAMESPACE ?? ''),
      streamReplicas: Number(client.STREAM_REPLICAS),
    });
    let exits: Awaited<ReturnType<typeof stack.stop>> | undefined;
    try {
      // The services created every stream with 3 replicas, and their consumers follow.
      for (const stream of ['ARTICLES', 'EVENTS', 'DLQ'] as const) {
        const info = await bus.jsm.streams.info(bus.names.stream(stream));
        expect([info.config.num_replicas, info.cluster?.replicas?.length], stream).toEqual([3, 2]);
      }
      for (const durable of ['cleaner', 'extractor', 'indexer']) {
        const info = await bus.jsm.consumers.info(bus.names.stream('ARTICLES'), durable);
        expect(info.cluster?.replicas?.length, durable).toBe(2);
      }

      const third = Math.ceil(articles.length / 3);
      let failedPublishes = await publishAll(bus, articles.slice(0, third));

      // Kill the node that leads ARTICLES: its stream and consumers elect a new leader.
      const leader = (await bus.jsm.streams.info(bus.names.stream('ARTICLES'))).cluster?.leader;
      const nodes = [...stack.natsNodes.values()];
      const names_ = await Promise.all(nodes.map(serverName));
      const victim = nodes[names_.indexOf(leader ?? '')];
      if (!victim) throw new Error(`no node is the ARTICLES leader (${leader})`);
      await victim.kill();
      const killedAt = performance.now();

      failedPublishes += await publishAll(bus, articles.slice(third, 2 * third));
      // The pipeline goes on with two nodes: articles of the second third are stored.
      const secondThird = new Set(articles.slice(third, 2 * third).map((a) => a.articleId));
      const db = postgresEnv(postgres);
      const storedWhileDown = await eventually(
        async () => {
          const n = (await storedArticles(db)).filter((r) => secondThird.has(r.article_id)).length;
          return n > 0 ? n : undefined;
        },
        120_000,
        'articles published while a node is down, stored',
      );
      const newLeader = (await bus.jsm.streams.info(bus.names.stream('ARTICLES'))).cluster?.leader;
      expect(newLeader).not.toBe(leader);

      await victim.restart();
      const downSeconds = (performance.now() - killedAt) / 1000;
      failedPublishes += await publishAll(bus, articles.slice(2 * third));

      // Every article stored once: none lost.
      const expected = articles.map((a) => a.articleId).sort();
      const rows = await eventually(
        async () => {
          const r = await storedArticles(db);
          return r.length >= expected.length ? r : undefined;
        },
        300_000,
        `all ${expected.length} articles stored`,
      );
      const storedIds = rows.map((r) => r.article_id).sort();
      expect(storedIds).toEqual(expected);

      // The restarted node caught up: its copy of ARTICLES is current again.
      await eventually(
        async () => {
          const info = await bus.jsm.streams.info(bus.names.stream('ARTICLES'));
          const replicas = info.cluster?.replicas ?? [];
          return replicas.length === 2 && replicas.every((r) => r.current) ? true : undefined;
        },
        60_000,
        'every ARTICLES replica current',
      );

      // Nothing dead-lettered; every announcement published (outbox empty, EVENTS holds them).
      const dlq = await bus.jsm.streams.info(bus.names.stream('DLQ'));
      expect(dlq.state.messages, 'dead letters').toBe(0);
      const events = await eventIdsInStore(postgres.url, postgres.schema);
      const announced = await eventually(
        async () => {
          const messages = await eventMessages(bus, 'new-event');
          return messages.length >= events.length ? messages : undefined;
        },
        60_000,
        'a new-event for every stored event',
      );
      const announcedIds = announced.map((e) => e.eventId);
      const duplicates = announcedIds.length - new Set(announcedIds).size;
      expect(duplicates, 'duplicate new-event').toBe(0);
      expect([...new Set(announcedIds)].sort()).toEqual(events);

      console.info(
        JSON.stringify({
          articles: expected.length,
          stored: storedIds.length,
          lost: expected.length - new Set(storedIds).size,
          events: events.length,
          newEvents: announcedIds.length,
          duplicates,
          killed: leader,
          newLeader,
          storedWhileDown,
          nodeDownSeconds: Math.round(downSeconds * 10) / 10,
          failedPublishAttempts: failedPublishes,
          seconds: Math.round((performance.now() - started) / 100) / 10,
        }),
      );
    } finally {
      await bus.close();
      exits = await stack.stop();
    }
    // docker compose stop: SIGTERM, and each service drains and exits 0.
    expect(uncleanExits(stack, exits)).toEqual([]);
  }, 600_000);
});

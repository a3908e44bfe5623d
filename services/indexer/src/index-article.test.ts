import type { EventReport } from '@dyad/contracts';
import { openStore, ResolutionConflictError, type Store } from '@dyad/store';
import { describe, expect, it } from '@dyad/testkit';
import { generateMergeCorpus } from '../bench/merge-corpus.ts';
import { IndexBatcher } from './batcher.ts';
import { indexArticle, indexArticles, indexInTransaction } from './index-article.ts';
import { eventReport, extractedArticle, kuspan, nurtleu, tahir } from './test-articles.ts';

let counter = 0;
const ctx = () => ({ now: '2026-11-22T10:00:00.000Z', newEventId: () => `ev_${++counter}` });

const visitAr = extractedArticle(1, [eventReport()]);
const visitFrReference = extractedArticle(
  2,
  [
    eventReport({
      date: { value: '2025-02', precision: 'month' },
      participants: [nurtleu],
      main: false,
      location: undefined,
    }),
  ],
  'fr',
);

type Backend = 'pglite' | 'postgres';

async function withStore(
  backend: Backend,
  postgres: { url: string; schema: string } | undefined,
  fn: (s: Store) => Promise<void>,
) {
  const store = await openStore(
    backend === 'pglite'
      ? { dataDir: 'memory://' }
      : { databaseUrl: postgres?.url, schema: postgres?.schema },
  );
  try {
    await store.migrate();
    await fn(store);
  } finally {
    await store.close();
  }
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`indexArticle on ${backend}`, () => {
    it('announces a new event once; a redelivered article announces nothing', async ({ postgres }) => {
      await withStore(backend, postgres, async (store) => {
        const first = await store.transaction((tx) => indexArticle(tx, visitAr, ctx()));
        expect(first.saved).toBe('inserted');
        expect(first.created).toHaveLength(1);
        const again = await store.transaction((tx) => indexArticle(tx, visitAr, ctx()));
        expect(again).toEqual({ saved: 'unchanged', created: [], updated: [] });
        const outbox = await store.transaction((tx) => tx.claimOutbox(10));
        expect(outbox.map((m) => [m.subject, m.msgId])).toEqual([['new-event', first.created[0]]]);
        expect(outbox[0]?.payload.sources).toHaveLength(1);
      });
    });

    it('merges a French reference into the Arabic report: event-updated with both sources', async ({
      postgres,
    }) => {
      await withStore(backend, postgres, async (store) => {
        const first = await store.transaction((tx) => indexArticle(tx, visitAr, ctx()));
        const second = await store.transaction((tx) => indexArticle(tx, visitFrReference, ctx()));
        expect(second.created).toEqual([]);
        expect(second.updated).toEqual(first.created);
        expect(await store.countEvents()).toBe(1);
        const event = await store.getEvent(first.created[0] ?? '');
        expect(event?.version).toBe(2);
        expect(event?.sources.map((s) => s.lang).sort()).toEqual(['ar', 'fr']);
        expect(event?.mergeReasons[1]?.reason).toMatch(/shared participants kz\.nurtleu/);
        const outbox = await store.transaction((tx) => tx.claimOutbox(10));
        expect(outbox.map((m) => m.msgId)).toEqual([first.created[0], `${first.created[0]}:2`]);
      });
    });

    it('stores an undated event, lists it outside any period, and dates it when a report does', async ({
      postgres,
    }) => {
      await withStore(backend, postgres, async (store) => {
        const undated = extractedArticle(40, [eventReport({ date: null })], 'en');
        const first = await store.transaction((tx) => indexArticle(tx, undated, ctx()));
        expect(first.created).toHaveLength(1);
        const id = first.created[0] ?? '';
        expect((await store.getEvent(id))?.date).toBeNull();
        expect((await store.listEvents({})).events.map((e) => e.eventId)).toEqual([id]);
        expect((await store.listEvents({ from: '2025-01-01', to: '2025-12-31' })).total).toBe(0);
        const dated = extractedArticle(41, [
          eventReport({ date: { value: '2025-02-28', precision: 'day', source: 'text' } }),
        ]);
        const second = await store.transaction((tx) => indexArticle(tx, dated, ctx()));
        expect(second).toMatchObject({ created: [], updated: [id] });
        expect((await store.getEvent(id))?.date).toEqual({
          value: '2025-02-28',
          precision: 'day',
          source: 'text',
        });
        expect(
          (await store.listEvents({ from: '2025-02-01', to: '2025-02-28' })).events.map((e) => e.eventId),
        ).toEqual([id]);
      });
    });

    it('links a meeting to the visit it took place in, whichever arrives first', async ({ postgres }) => {
      await withStore(backend, postgres, async (store) => {
        const meeting = extractedArticle(3, [
          eventReport({
            type: 'parliamentary_meeting',
            cameo: '040',
            date: { value: '2025-09-22', precision: 'day' },
            participants: [tahir, kuspan],
            location: undefined,
          }),
        ]);
        const visit = extractedArticle(4, [
          eventReport({
            date: { value: '2025-09-21', end: '2025-09-25', precision: 'day' },
            participants: [tahir],
            location: { name: 'Astana', country: 'KZ' },
          }),
        ]);
        const m = await store.transaction((tx) => indexArticle(tx, meeting, ctx()));
        const v = await store.transaction((tx) => indexArticle(tx, visit, ctx()));
        const meetingEvent = await store.getEvent(m.created[0] ?? '');
        expect(meetingEvent?.partOf).toBe(v.created[0]);
        expect(v.updated).toEqual(m.created);
      });
    });

    it('holds a role reference until the one event it fits arrives, then adds it as a source', async ({
      postgres,
    }) => {
      await withStore(backend, postgres, async (store) => {
        const vague = extractedArticle(
          5,
          [
            eventReport({
              date: { value: '2025', precision: 'year' },
              participants: [],
              references: [{ office: 'foreign-minister', candidates: ['kz.nurtleu', 'ma.bourita'] }],
              main: false,
              location: undefined,
            }),
          ],
          'fr',
        );
        const held = await store.transaction((tx) => indexArticle(tx, vague, ctx()));
        expect(held).toMatchObject({ saved: 'inserted', created: [], updated: [] });
        expect(await store.countEvents()).toBe(0);
        expect(await store.countHeldReferences()).toBe(1);
        expect(await store.countPendingOutbox()).toBe(0);

        const visit = await store.transaction((tx) => indexArticle(tx, visitAr, ctx()));
        expect(visit.created).toHaveLength(1);
        expect(await store.countHeldReferences()).toBe(0);
        const event = await store.getEvent(visit.created[0] ?? '');
        expect(event?.sources.map((s) => s.articleId)).toEqual([visitAr.articleId, vague.articleId]);
        expect(event?.date).toEqual({ value: '2025-02-28', precision: 'day' });
        expect(await store.eventsOfArticle(vague.articleId)).toEqual(visit.created);
        // Announced once, already with both sources; a redelivery of the reference changes nothing.
        const outbox = await store.transaction((tx) => tx.claimOutbox(10));
        expect(outbox.map((m) => m.subject)).toEqual(['new-event']);
        expect(outbox[0]?.payload.sources).toHaveLength(2);
        const again = await store.transaction((tx) => indexArticle(tx, vague, ctx()));
        expect(again.created).toEqual([]);
        expect(await store.countHeldReferences()).toBe(0);
      });
    });

    it('finds the event first known from a later publication date for a report of the day before', async ({
      postgres,
    }) => {
      await withStore(backend, postgres, async (store) => {
        // Monday's article gives no day; Sunday's report, read next, names the day: one meeting.
        const meeting = (date: EventReport['date']) =>
          eventReport({ type: 'bilateral_meeting', cameo: '040', date, location: undefined });
        const monday = extractedArticle(50, [
          meeting({ value: '2025-03-03', precision: 'day', source: 'published' }),
        ]);
        const sunday = extractedArticle(
          51,
          [meeting({ value: '2025-03-02', precision: 'day', source: 'text' })],
          'ru',
        );
        const first = await indexInTransaction(store, monday, ctx());
        const second = await indexInTransaction(store, sunday, ctx());
        expect(second).toMatchObject({ created: [], updated: first.created });
        expect((await store.getEvent(first.created[0] ?? ''))?.date).toEqual({
          value: '2025-03-02',
          precision: 'day',
          source: 'text',
        });
      });
    });

    it('writes an event back only from the version it read, else nothing and a conflict to run again', async ({
      postgres,
    }) => {
      await withStore(backend, postgres, async (store) => {
        const first = await indexInTransaction(store, visitAr, ctx());
        const event = await store.getEvent(first.created[0] ?? '');
        if (!event) throw new Error('no event');
        const row = {
          event: { ...event, version: 2 },
          typeClass: 'visit',
          dateFirst: '2025-02-28',
          dateLast: '2025-02-28',
        };
        const stale = store.transaction((tx) =>
          tx.writeResolution({ events: [{ row, expectedVersion: 0 }], reports: [], outbox: [] }),
        );
        await expect(stale).rejects.toBeInstanceOf(ResolutionConflictError);
        expect((await store.getEvent(event.eventId))?.version).toBe(1);
        await store.transaction((tx) =>
          tx.writeResolution({ events: [{ row, expectedVersion: 1 }], reports: [], outbox: [] }),
        );
        expect((await store.getEvent(event.eventId))?.version).toBe(2);
      });
    });

    it('marks what the relay published and leaves the rest pending', async ({ postgres }) => {
      await withStore(backend, postgres, async (store) => {
        await store.transaction((tx) => indexArticle(tx, visitAr, ctx()));
        await store.transaction((tx) => indexArticle(tx, visitFrReference, ctx()));
        await store.transaction(async (tx) => {
          const [first] = await tx.claimOutbox(1);
          await tx.markPublished(first ? [first.id] : []);
        });
        expect(await store.countPendingOutbox()).toBe(1);
      });
    });
  });
}

/** What a store holds after indexing: events, their report links' order aside, and the outbox. */
async function contents(store: Store) {
  const { events } = await store.listEvents({ limit: 10_000 });
  const outbox = await store.transaction((tx) => tx.claimOutbox(10_000));
  return {
    events: events
      .map(({ firstSeenAt: _f, updatedAt: _u, ...e }) => e)
      .sort((a, b) => a.eventId.localeCompare(b.eventId)),
    outbox: outbox.map((m) => [m.subject, m.msgId]).sort(),
    held: await store.countHeldReferences(),
  };
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`indexArticles on ${backend}`, () => {
    // Visits told in four languages by different days, meetings and signings inside them (partOf),
    // another meeting that day, a call, a return visit: what merges and links, in one corpus.
    const corpus = generateMergeCorpus(2, 7);
    const newEventId = (o: { articleId: string; reportIndex: number }) =>
      `ev_${o.articleId.slice(0, 12)}_${o.reportIndex}`;
    const at = { now: '2026-11-22T10:00:00.000Z', newEventId };

    it('several articles in one transaction store and announce what indexing them one by one does', async ({
      postgres,
    }) => {
      // One by one, on PGlite: what the batches on either backend must give.
      let oneByOne: Awaited<ReturnType<typeof contents>> | undefined;
      await withStore('pglite', undefined, async (store) => {
        for (const article of corpus.articles) await indexInTransaction(store, article, at);
        oneByOne = await contents(store);
      });
      expect(oneByOne?.events.length).toBeGreaterThan(10);
      await withStore(backend, postgres, async (store) => {
        for (let i = 0; i < corpus.articles.length; i += 9)
          await store.transaction((tx) => indexArticles(tx, corpus.articles.slice(i, i + 9), at));
        // Again, all at once: every article unchanged, nothing more announced.
        const again = await store.transaction((tx) => indexArticles(tx, corpus.articles.slice(0, 20), at));
        expect(again.every((r) => r.saved === 'unchanged')).toBe(true);
        expect(await contents(store)).toEqual(oneByOne);
      });
    }, 120_000);

    it('the batcher groups articles handed in at once and answers each one', async ({ postgres }) => {
      await withStore(backend, postgres, async (store) => {
        const batcher = new IndexBatcher({ store, maxBatch: 4, parallel: 2, newEventId });
        const twice = [...corpus.articles.slice(0, 10), corpus.articles[0]].filter((a) => a !== undefined);
        const results = await Promise.all(twice.map((a) => batcher.index(a, at.now)));
        expect(results.slice(0, 10).every((r) => r.saved === 'inserted')).toBe(true);
        expect(results[10]?.saved).toBe('unchanged');
        // An article the store refuses fails alone; the others of its batch are indexed.
        const bad = { ...corpus.articles[11], text: 'nul \u0000 here' } as (typeof corpus.articles)[number];
        const settled = await Promise.allSettled(
          [corpus.articles[12], bad, corpus.articles[13]].map((a) => batcher.index(a as typeof bad, at.now)),
        );
        expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      });
    }, 120_000);
  });
}

describe('indexArticle with two replicas at once (PostgreSQL)', () => {
  it('creates one event when two articles about it are indexed concurrently', async ({ postgres }) => {
    const a = await openStore({ databaseUrl: postgres.url, schema: postgres.schema });
    const b = await openStore({ databaseUrl: postgres.url, schema: postgres.schema });
    try {
      await a.migrate();
      const articles = Array.from({ length: 8 }, (_, i) =>
        extractedArticle(`race-${i}`, [eventReport({ main: i === 0 })], i % 2 ? 'fr' : 'ar'),
      );
      const results = await Promise.all(
        articles.map((article, i) => (i % 2 ? a : b).transaction((tx) => indexArticle(tx, article, ctx()))),
      );
      expect(results.flatMap((r) => r.created)).toHaveLength(1);
      expect(await a.countEvents()).toBe(1);
      const [event] = (await a.listEvents({})).events;
      expect(event?.sources).toHaveLength(8);
      const outbox = await a.transaction((tx) => tx.claimOutbox(100));
      expect(outbox.filter((m) => m.subject === 'new-event')).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

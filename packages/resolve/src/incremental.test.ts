import type { EventReport, Participant } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { eventIdFor } from './event-id.ts';
import { type ResolvableArticle, resolveArticle, searchScopes } from './incremental.ts';
import { MemoryConflictError, MemoryRepository } from './memory-repository.ts';

const now = '2026-11-22T10:00:00.000Z';
const tahir: Participant = { actorId: 'ma.tahir', name: 'Tahir', names: {}, country: 'MA' };
const kuspan: Participant = { actorId: 'kz.kuspan', name: 'Kuspan', names: {}, country: 'KZ' };
const nurtleu: Participant = { actorId: 'kz.nurtleu', name: 'Nurtleu', names: {}, country: 'KZ' };

function report(overrides: Partial<EventReport>): EventReport {
  return {
    type: 'official_visit',
    cameo: '042',
    date: { value: '2025-09-21', end: '2025-09-25', precision: 'day', source: 'text' },
    participants: [tahir],
    topics: [],
    agreements: [],
    main: true,
    evidence: [{ field: 'type', text: 'visit', start: 0, end: 5 }],
    ...overrides,
  };
}

function article(id: string, events: EventReport[]): ResolvableArticle {
  return {
    articleId: id.repeat(64).slice(0, 64),
    url: `seed:${id}.txt`,
    title: id,
    lang: 'en',
    publishedAt: { value: null, source: 'none' },
    events,
  };
}

const visit = article('v', [report({ location: { name: 'Astana', country: 'KZ' } })]);
const meeting = article('m', [
  report({
    type: 'parliamentary_meeting',
    cameo: '040',
    date: { value: '2025-09-22', precision: 'day', source: 'text' },
    participants: [tahir, kuspan],
  }),
]);
const reference = article('r', [
  report({
    date: { value: '2025', precision: 'year', source: 'text' },
    participants: [],
    references: [{ office: 'speaker', candidates: ['ma.tahir', 'ma.other'] }],
    main: false,
  }),
]);

describe('resolveArticle over a MemoryRepository', () => {
  it('links a meeting to the visit that arrives after it: the meeting changes (a new version)', async () => {
    const repository = new MemoryRepository();
    const first = await resolveArticle(repository, meeting, { now, revision: 1 });
    expect(first.created).toEqual([
      eventIdFor({ articleId: meeting.articleId, reportIndex: 0, revision: 1 }),
    ]);
    const second = await resolveArticle(repository, visit, { now, revision: 1 });
    const visitId = eventIdFor({ articleId: visit.articleId, reportIndex: 0, revision: 1 });
    expect(second.created).toEqual([visitId]);
    expect(second.updated).toEqual(first.created);
    const [m] = repository.allEvents();
    expect(m).toMatchObject({ partOf: visitId, version: 2 });
    expect(second.changes.events.find((e) => !e.created)?.expectedVersion).toBe(1);
  });

  it('holds a reference that fits no event, joins it to the one that comes, and takes it once', async () => {
    const repository = new MemoryRepository();
    const held = await resolveArticle(repository, reference, { now, revision: 1 });
    expect(held).toMatchObject({ created: [], updated: [] });
    expect(repository.heldReferences()).toHaveLength(1);
    const joined = await resolveArticle(repository, visit, { now, revision: 1 });
    expect(joined.created).toHaveLength(1);
    expect(repository.heldReferences()).toEqual([]);
    expect(repository.allEvents()[0]?.sources.map((s) => s.url)).toEqual(['seed:v.txt', 'seed:r.txt']);
    expect(repository.reportLinks().map((l) => l.articleId)).toEqual([visit.articleId, reference.articleId]);
    await expect(repository.takeHeldReference(reference.articleId, 0)).rejects.toBeInstanceOf(
      MemoryConflictError,
    );
  });

  it('lets go of what an earlier revision held back', async () => {
    const repository = new MemoryRepository();
    await resolveArticle(repository, reference, { now, revision: 1 });
    await resolveArticle(repository, { ...reference, events: [] }, { now, revision: 2 });
    expect(repository.heldReferences()).toEqual([]);
  });

  it('refuses to write an event over a version it did not read, writing nothing', async () => {
    const repository = new MemoryRepository();
    await resolveArticle(repository, visit, { now, revision: 1 });
    const [event] = repository.allEvents();
    if (!event) throw new Error('no event');
    const stale = { event: { ...event, version: 3 }, created: false, expectedVersion: 2 };
    await expect(repository.write({ events: [stale], reports: [] })).rejects.toBeInstanceOf(
      MemoryConflictError,
    );
    await expect(repository.write({ events: [{ event, created: true }], reports: [] })).rejects.toThrow(
      /exists already/,
    );
    expect(repository.allEvents()).toEqual([event]);
  });

  it('searches a visit dated to the day two days each way, and a week later (searchScopes)', () => {
    const [scope] = searchScopes([
      report({ date: { value: '2025-02-10', precision: 'day', source: 'text' }, participants: [nurtleu] }),
    ]);
    expect(scope).toEqual({ typeClass: 'visit', first: '2025-02-08', last: '2025-02-17' });
  });
});

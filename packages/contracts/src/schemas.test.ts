import { describe, expect, it } from 'vitest';
import { consumers, queues, streams, subjects } from './catalog.ts';
import { formatIssues } from './issues.ts';
import { ArticleFetched } from './schemas/article-fetched.ts';
import { EventMessage } from './schemas/event.ts';

const fetched = {
  schema: 1,
  articleId: 'a'.repeat(64),
  url: 'seed:000.txt',
  sourceId: 'replay',
  origin: 'replay',
  fetchedAt: '2026-11-22T10:00:00.000Z',
  body: { contentType: 'text/plain', charset: 'utf-8', inline: 'x' },
};

const event = {
  schema: 1,
  eventId: 'ev_1',
  version: 1,
  type: 'official_visit',
  cameo: '042',
  date: { value: '2025-02-28', precision: 'day' },
  location: { name: 'Rabat', country: 'MA' },
  participants: [
    { actorId: 'kz.nurtleu', name: 'Murat Nurtleu', names: { ar: 'مراد نورتليو' }, country: 'KZ' },
  ],
  topics: ['politics'],
  agreements: [{ name: 'Joint statement', status: 'signed' }],
  summary: 'Kazakh foreign minister visits Rabat',
  sources: [
    {
      articleId: 'b'.repeat(64),
      url: 'seed:003.txt',
      title: 'المغرب وكازاخستان',
      lang: 'ar',
      publishedAt: null,
      main: true,
      evidence: [{ field: 'date', text: 'يومه الجمعة 28 فبراير 2025', start: 10, end: 36 }],
    },
  ],
  firstSeenAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
};

describe('article.fetched v1', () => {
  it('accepts an inline body and a claim check', () => {
    expect(ArticleFetched.safeParse(fetched).success).toBe(true);
    const claim = {
      ...fetched,
      body: { contentType: 'text/html', charset: 'utf-8', objectKey: 'k', bytes: 300_000 },
    };
    expect(ArticleFetched.safeParse(claim).success).toBe(true);
  });

  it('says which field is wrong', () => {
    const result = ArticleFetched.safeParse({ ...fetched, origin: 'pigeon', articleId: 'XYZ' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const lines = formatIssues(result.error).join('\n');
    expect(lines).toMatch(/^articleId: /m);
    expect(lines).toMatch(/^origin: /m);
  });

  it('refuses a body that is neither inline nor stored, and a relative URL', () => {
    expect(
      ArticleFetched.safeParse({ ...fetched, body: { contentType: 'text/plain', charset: 'utf-8' } }).success,
    ).toBe(false);
    expect(ArticleFetched.safeParse({ ...fetched, url: '/news/1' }).success).toBe(false);
  });
});

describe('new-event v1', () => {
  it('accepts an event shaped as DESIGN describes', () => {
    expect(EventMessage.safeParse(event).success).toBe(true);
  });

  it('refuses a bad date, an unknown type and an event without sources', () => {
    expect(
      EventMessage.safeParse({ ...event, date: { value: '28/02/2025', precision: 'day' } }).success,
    ).toBe(false);
    expect(EventMessage.safeParse({ ...event, type: 'party' }).success).toBe(false);
    expect(EventMessage.safeParse({ ...event, sources: [] }).success).toBe(false);
  });

  it('gives new-event the event id and event-updated the id and version as message ids', () => {
    const parsed = EventMessage.parse(event);
    expect(subjects.newEvent.msgId(parsed)).toBe('ev_1');
    expect(subjects.eventUpdated.msgId({ ...parsed, version: 3 })).toBe('ev_1:3');
  });
});

describe('catalog', () => {
  it('puts every consumer input on a subject of its stream', () => {
    for (const spec of Object.values(consumers)) {
      const input = subjects[spec.input];
      expect(input.stream).toBe(spec.stream);
      expect(streams[spec.stream].subjects).toContain(input.subject);
    }
  });

  it('gives each article hop its own message id, so one article is once per subject', () => {
    const ids = new Set(
      (['articleFetched', 'articleCleaned', 'articleExtracted'] as const).map((k) =>
        (subjects[k].msgId as (m: { articleId: string }) => string)({ articleId: 'a'.repeat(64) }),
      ),
    );
    expect(ids.size).toBe(3);
  });

  it('keys fetch jobs by article id', () => {
    expect(
      queues.fetch.jobId({ schema: 1, articleId: 'c'.repeat(64), url: 'https://x.test/', sourceId: 's' }),
    ).toBe('c'.repeat(64));
  });
});

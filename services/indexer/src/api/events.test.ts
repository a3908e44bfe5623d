import { describe, expect, it } from '@dyad/testkit';
import type { FastifyInstance } from 'fastify';
import { ErrorBody, EventDetail, EventsPage } from './schemas.ts';
import { backends, useApi } from './test-backends.ts';
import { meetingEn, visitAr, visitFr } from './test-fixtures.ts';

async function get(app: FastifyInstance, url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as unknown, headers: res.headers };
}

/** The page, checked against the schema the OpenAPI document publishes. */
async function events(app: FastifyInstance, url: string) {
  const { status, body } = await get(app, url);
  expect(status, JSON.stringify(body)).toBe(200);
  const page = EventsPage.parse(body);
  // Parsing strips unknown keys: equality means the response has none the schema omits.
  expect(page).toEqual(body);
  return page;
}

const ids = async (app: FastifyInstance, url: string) =>
  (await events(app, url)).events.map((e) => e.eventId);

for (const [label, backend] of backends) {
  describe(`GET /events and /events/:id on ${label}`, () => {
    const api = useApi(backend);
    it('lists every event, newest date first, with a total and a link to the next page', async () => {
      const { app } = api();
      const all = await events(app, '/events');
      expect(all.events.map((e) => e.eventId)).toEqual(['ev_2', 'ev_3', 'ev_1', 'ev_4']);
      expect(all).toMatchObject({ total: 4, limit: 20, offset: 0, next: null });

      const first = await events(app, '/events?limit=3&type=');
      expect(first.events).toHaveLength(3);
      expect(first.next).toBe('/events?limit=3&type=&offset=3');
      const rest = await events(app, first.next ?? '');
      expect(rest.events.map((e) => e.eventId)).toEqual(['ev_4']);
      expect(rest).toMatchObject({ total: 4, offset: 3, next: null });
    });

    it('filters by date (a year or month stands for all its days), type, actor, country and topic', async () => {
      const { app } = api();
      expect(await ids(app, '/events?from=2025')).toEqual(['ev_2', 'ev_3', 'ev_1']);
      expect(await ids(app, '/events?to=2024')).toEqual(['ev_4']);
      expect(await ids(app, '/events?from=2025-02&to=2025-02')).toEqual(['ev_1']);
      // A month-precision event overlaps a day inside its month.
      expect(await ids(app, '/events?from=2024-06-15&to=2024-06-15')).toEqual(['ev_4']);
      expect(await ids(app, '/events?type=official_visit')).toEqual(['ev_3', 'ev_1']);
      expect(await ids(app, '/events?actor=ma.tahir')).toEqual(['ev_2', 'ev_3']);
      expect(await ids(app, '/events?country=kz')).toEqual(['ev_2', 'ev_1']);
      expect(await ids(app, '/events?topic=aviation')).toEqual(['ev_1', 'ev_4']);
      expect(await ids(app, '/events?topic=aviation&actor=kz.nurtleu')).toEqual(['ev_1']);
    });

    it('q searches the text of the reporting articles in any language (Arabic, French)', async () => {
      const { app } = api();
      // وكازاخستان and الكازاخستاني in the Arabic report of the visit.
      const arabic = await events(app, `/events?q=${encodeURIComponent('كازاخستان')}`);
      expect(arabic.events.map((e) => e.eventId)).toEqual(['ev_1']);
      expect(arabic.events[0]?.sources.map((s) => s.lang).sort()).toEqual(['ar', 'fr']);
      // "coopération" (French report of the visit) and "cooperation" (English report of the meeting).
      expect(await ids(app, `/events?q=${encodeURIComponent('coopérations')}`)).toEqual(['ev_2', 'ev_1']);
      expect(await ids(app, `/events?q=${encodeURIComponent('coopérations')}&type=official_visit`)).toEqual([
        'ev_1',
      ]);
      const paged = await events(app, '/events?q=cooperation&limit=1');
      expect(paged).toMatchObject({ total: 2, next: '/events?q=cooperation&limit=1&offset=1' });
      expect(await ids(app, '/events?q=xyzzy')).toEqual([]);
    });

    it('gives the event with its sources, evidence, merge reasons, parent and children', async () => {
      const { app } = api();
      const visit = await get(app, '/events/ev_1');
      expect(visit.status).toBe(200);
      const detail = EventDetail.parse(visit.body);
      expect(detail).toEqual(visit.body);
      expect(detail.version).toBe(2);
      expect(detail.sources.map((s) => s.articleId)).toEqual([visitAr.articleId, visitFr.articleId]);
      expect(detail.sources[0]?.evidence).toEqual([{ field: 'type', text: 'visit', start: 0, end: 5 }]);
      expect(detail.mergeReasons.map((m) => m.articleId)).toEqual([visitAr.articleId, visitFr.articleId]);
      expect(detail.mergeReasons[1]?.reason).toMatch(/kz\.nurtleu/);
      expect(detail.parent).toBeNull();
      expect(detail.children).toEqual([]);

      const meeting = EventDetail.parse((await get(app, '/events/ev_2')).body);
      expect(meeting.partOf).toBe('ev_3');
      expect(meeting.parent).toMatchObject({ eventId: 'ev_3', type: 'official_visit' });
      expect(meeting.sources[0]?.articleId).toBe(meetingEn.articleId);
      const astana = EventDetail.parse((await get(app, '/events/ev_3')).body);
      expect(astana.children).toEqual([
        { eventId: 'ev_2', type: 'parliamentary_meeting', date: meeting.date, summary: meeting.summary },
      ]);
    });

    it('answers 404 for an unknown id', async () => {
      const { app } = api();
      const res = await get(app, `/events/${encodeURIComponent('ev_nope/ü')}`);
      expect(res.status).toBe(404);
      expect(ErrorBody.parse(res.body)).toEqual({
        error: 'not found',
        message: 'no event with id ev_nope/ü',
      });
    });
  });
}

describe('GET /events with bad parameters', () => {
  const api = useApi('pglite');
  const cases: [string, Record<string, RegExp>][] = [
    ['/events?limit=0', { limit: /at least 1/ }],
    ['/events?limit=101', { limit: /at most 100/ }],
    ['/events?limit=ten&offset=-1', { limit: /whole number/, offset: /at least 0/ }],
    ['/events?limit=2.5', { limit: /whole number/ }],
    ['/events?from=2025-02-30', { from: /no such day/ }],
    ['/events?from=28/02/2025&to=2025-13', { from: /YYYY-MM-DD/, to: /YYYY-MM-DD/ }],
    ['/events?from=2025-03&to=2025-02', { from: /after to/ }],
    ['/events?type=visit', { type: /official_visit/ }],
    ['/events?country=Morocco', { country: /alpha-2/ }],
    ['/events?q=%20%20', { q: /non-empty/ }],
    ['/events?topic=a&topic=b', { topic: /string/ }],
    ['/events?form=2025&sort=date', { form: /unknown parameter/, sort: /unknown parameter/ }],
  ];
  it('answers 400 naming each bad parameter', async () => {
    const { app } = api();
    for (const [url, expected] of cases) {
      const res = await get(app, url);
      expect(res.status, url).toBe(400);
      const body = ErrorBody.parse(res.body);
      expect(body.error).toBe('invalid parameters');
      expect(body.issues?.map((i) => i.parameter).sort(), url).toEqual(Object.keys(expected).sort());
      for (const issue of body.issues ?? [])
        expect(issue.message, url).toMatch(expected[issue.parameter] ?? /^$/);
      expect(body.message).toContain(`${body.issues?.[0]?.parameter}: `);
    }
  });

  it('answers 414 for an id longer than any event id, and 404 as JSON for unknown paths', async () => {
    const { app } = api();
    const long = await get(app, `/events/${'x'.repeat(101)}`);
    expect(long.status).toBe(414);
    expect(ErrorBody.parse(long.body).message).toMatch(/max param length/);
    // Broken percent-encoding: a query that matches nothing, not a failure.
    expect((await get(app, '/events?q=%E0%A4%A')).status).toBe(200);
    const res = await get(app, '/event?x=1');
    expect(res.status).toBe(404);
    expect(ErrorBody.parse(res.body).message).toBe('no such endpoint: GET /event; see /openapi.json');
  });
});

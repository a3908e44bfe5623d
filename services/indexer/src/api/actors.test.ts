import { describe, expect, it } from '@dyad/testkit';
import { ActorsPage, ErrorBody } from './schemas.ts';
import { useApi } from './test-backends.ts';

describe('GET /actors', () => {
  const api = useApi('pglite');

  it('lists participants, the most active first, with event counts and names per language', async () => {
    const { app } = api();
    const res = await app.inject({ method: 'GET', url: '/actors' });
    expect(res.statusCode).toBe(200);
    const page = ActorsPage.parse(res.json());
    expect(page).toEqual(res.json());
    expect(page.total).toBe(4);
    expect(page.actors.map((a) => [a.actorId, a.events])).toEqual([
      ['ma.bourita', 2],
      ['ma.tahir', 2],
      ['kz.kuspan', 1],
      ['kz.nurtleu', 1],
    ]);
    expect(page.actors.find((a) => a.actorId === 'kz.nurtleu')).toEqual({
      actorId: 'kz.nurtleu',
      name: 'مراد نورتليو',
      country: 'KZ',
      names: { ar: 'مراد نورتليو', en: 'Murat Nurtleu' },
      roles: [],
      events: 1,
    });
  });

  it('filters by country (either case) and pages', async () => {
    const { app } = api();
    const kz = ActorsPage.parse(
      (await app.inject({ method: 'GET', url: '/actors?country=kz&limit=1' })).json(),
    );
    expect(kz).toMatchObject({ total: 2, next: '/actors?country=kz&limit=1&offset=1' });
    expect(kz.actors.map((a) => a.actorId)).toEqual(['kz.kuspan']);
  });

  it('answers 400 for a bad country or limit', async () => {
    const { app } = api();
    const res = await app.inject({ method: 'GET', url: '/actors?country=Kazakhstan&limit=-1' });
    expect(res.statusCode).toBe(400);
    expect(
      ErrorBody.parse(res.json())
        .issues?.map((i) => i.parameter)
        .sort(),
    ).toEqual(['country', 'limit']);
  });
});

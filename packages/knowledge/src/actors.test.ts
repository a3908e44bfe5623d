import { describe, expect, it } from 'vitest';
import { loadActors, roleCovers, roleSpan } from './actors.ts';

const actors = loadActors().actors;
const byId = (id: string) => {
  const actor = actors.find((a) => a.id === id);
  if (!actor) throw new Error(`no actor ${id}`);
  return actor;
};
/** Who holds `office` of `country` on `day`, as the extractor asks it. */
const holders = (office: string, country: string, day: string, toCountry?: string) =>
  actors
    .filter((a) =>
      a.roles.some(
        (r) =>
          r.office === office &&
          r.country === country &&
          (toCountry === undefined || r.to_country === toCountry) &&
          roleCovers(r, day),
      ),
    )
    .map((a) => a.id);

describe('actors/ma-kz.yaml', () => {
  it('covers both heads of state and government, foreign ministers and both speakers, now', () => {
    const day = '2026-01-27';
    expect(holders('head-of-state', 'MA', day)).toEqual(['ma.mohammed-vi']);
    expect(holders('head-of-state', 'KZ', day)).toEqual(['kz.tokayev']);
    expect(holders('head-of-government', 'MA', day)).toEqual(['ma.akhannouch']);
    expect(holders('head-of-government', 'KZ', day)).toEqual(['kz.bektenov']);
    expect(holders('foreign-minister', 'MA', day)).toEqual(['ma.bourita']);
    expect(holders('foreign-minister', 'KZ', day)).toEqual(['kz.kosherbayev']);
    expect(holders('lower-house-speaker', 'MA', day)).toEqual(['ma.talbi-alami']);
    expect(holders('lower-house-speaker', 'KZ', day)).toEqual(['kz.koshanov']);
    expect(holders('upper-house-speaker', 'MA', day)).toEqual(['ma.ould-errachid']);
    expect(holders('upper-house-speaker', 'KZ', day)).toEqual(['kz.ashimbayev']);
    expect(holders('ambassador', 'KZ', day, 'MA')).toEqual(['kz.sailaukyzy']);
  });

  it('answers by the date of the event: the Kazakh foreign minister in February 2025 was Nurtleu', () => {
    expect(holders('foreign-minister', 'KZ', '2025-02-28')).toEqual(['kz.nurtleu']);
    expect(holders('foreign-minister', 'KZ', '2025-10-01')).toEqual(['kz.kosherbayev']);
    expect(holders('upper-house-speaker', 'MA', '2024-05-01')).toEqual(['ma.mayara']);
    expect(holders('upper-house-speaker', 'KZ', '2016-06-01')).toEqual(['kz.tokayev']);
    expect(holders('head-of-state', 'KZ', '2018-01-01')).toEqual(['kz.nazarbayev']);
  });

  it('never has two holders of one office on one day', () => {
    const days = [
      '2014-06-01',
      '2016-06-01',
      '2018-06-01',
      '2020-06-01',
      '2022-06-01',
      '2024-06-01',
      '2025-06-01',
    ];
    const offices = new Set(
      actors.flatMap((a) => a.roles.map((r) => `${r.office}|${r.country}|${r.to_country ?? ''}`)),
    );
    for (const key of offices) {
      const [office = '', country = '', to] = key.split('|');
      // Several people hold these at once (Kazakhstan has several deputy prime ministers).
      if (['royal-adviser', 'deputy-foreign-minister', 'deputy-prime-minister', 'mayor'].includes(office))
        continue;
      for (const day of days)
        expect(holders(office, country, day, to || undefined).length, `${key} ${day}`).toBeLessThan(2);
    }
  });

  it('names everyone in Arabic or Latin script and in Cyrillic where the press does', () => {
    for (const id of [
      'kz.tokayev',
      'kz.nurtleu',
      'kz.koshanov',
      'ma.bourita',
      'ma.ould-errachid',
      'kz.sailaukyzy',
    ]) {
      const actor = byId(id);
      expect(actor.names.ar?.length, id).toBeGreaterThan(0);
      expect(actor.names.fr?.length, id).toBeGreaterThan(0);
      expect(actor.names.ru?.length, id).toBeGreaterThan(0);
    }
  });
});

describe('actors in Kazakh', () => {
  it('names in Kazakh everyone the Russian press names, with a short form wherever Russian has one', () => {
    for (const actor of actors) {
      if (actor.names.ru) expect(actor.names.kk?.length, actor.id).toBeGreaterThan(0);
      if (actor.short.ru) expect(actor.short.kk?.length, actor.id).toBeGreaterThan(0);
    }
    expect(byId('kz.nurtleu').short.kk).toContain('Нұртілеу');
    expect(byId('ma.mohammed-vi').names.kk).toEqual(expect.arrayContaining(['VI Мұхаммед', 'Мұхаммед VI']));
  });
});

describe('role spans', () => {
  it('takes a role known only from sightings to span them, and a current one to be open', () => {
    const seen = { office: 'ambassador', country: 'KZ', seen: ['2016-02-16'], current: false };
    expect(roleSpan(seen)).toEqual({ first: '2016-02-16', last: '2016-02-16' });
    expect(roleCovers({ ...seen, current: true }, '2030-01-01')).toBe(true);
    expect(roleCovers(seen, '2017-01-01')).toBe(false);
  });
});

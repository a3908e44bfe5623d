import { describe, expect, it } from 'vitest';
import { loadGatherings, loadPlaces, loadThirdCountries } from './places.ts';

describe('world/*.yaml', () => {
  it('names places in English with their country, in every language', () => {
    const places = loadPlaces();
    const astana = places.find((p) => p.name === 'Astana');
    expect(astana?.country).toBe('KZ');
    expect(astana?.ar).toContain('أستانا');
    expect(places.find((p) => p.name === 'Tashkent')?.country).toBe('UZ');
  });

  it('lists the world’s countries once each, the dyads’ own included (a profile leaves out its two)', () => {
    const codes = loadThirdCountries().map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['MA', 'KZ', 'EG', 'RU']));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['AZ', 'KH', 'UZ']));
  });

  it('names third countries and the dyad’s places in Kazakh too', () => {
    const third = loadThirdCountries();
    expect(third.find((c) => c.code === 'RU')?.kk).toContain('Ресей');
    expect(third.find((c) => c.code === 'CN')?.kk).toContain('Қытай');
    const places = loadPlaces();
    for (const place of places.filter((p) => p.country === 'MA' || p.country === 'KZ'))
      expect(place.kk?.length, place.name).toBeGreaterThan(0);
    expect(places.find((p) => p.name === 'Moscow')?.kk).toContain('Мәскеу');
  });

  it('dates the 150th IPU Assembly', () => {
    expect(loadGatherings()).toContainEqual({
      series: 'ipu-assembly',
      number: 150,
      from: '2025-04-05',
      to: '2025-04-09',
      place: 'Tashkent',
    });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from './load-yaml.ts';
import { countryTerms, loadProfile, withPlaces } from './profile.ts';

describe('profiles/ma-kz.yaml', () => {
  it('loads and names both countries in every language', () => {
    const profile = loadProfile('ma-kz');
    expect(profile.countries.map((c) => c.code)).toEqual(['MA', 'KZ']);
    const kz = profile.countries[1];
    expect(kz.capitals.ar).toContain('أستانا');
    expect(kz.capitals.en).toEqual(expect.arrayContaining(['Astana', 'Nur-Sultan']));
    expect(profile.countries[0].demonyms.ru).toContain('марокканский');
  });

  it('names institutions and says when an article is relevant', () => {
    const [ma, kz] = loadProfile('ma-kz').countries;
    expect(ma.institutions.ar).toContain('بنك المغرب');
    expect(kz.institutions.ru).toContain('Мажилис');
    // A news agency is a source, not a body that acts for its country: a list of its own.
    expect(kz.agencies.en).toContain('Kazinform');
    expect(kz.institutions.en).not.toContain('Kazinform');
    expect(ma.agencies.fr).toContain('Maghreb Arabe Presse');
    const { relevance } = loadProfile('ma-kz');
    expect(relevance.threshold).toBeGreaterThan(0);
    expect(relevance.weights.names).toBeGreaterThan(relevance.weights.cities);
  });

  it("takes each country's cities and regions from world/places.yaml, its capital left to capitals", () => {
    const [eg, ru] = loadProfile('eg-ru').countries;
    expect(ru.cities.ru).toEqual(expect.arrayContaining(['Казань', 'Татарстан']));
    expect(ru.cities.ru).not.toContain('Москва');
    expect(eg.cities.ar).toContain('الإسكندرية');
    const [ma] = withPlaces(loadProfile('ma-kz', []), [
      {
        name: 'Testville',
        country: 'MA',
        ar: ['تست'],
        fr: ['Testville'],
        en: ['Testville'],
        ru: ['Тествилль'],
      },
    ]).countries;
    expect(ma.cities.fr).toEqual(['Testville']);
  });

  it('names each country by its people in the knowledge base too (their full names, as leaders)', () => {
    const [, kz] = loadProfile('ma-kz').countries;
    expect(kz.leaders.en).toEqual(expect.arrayContaining(['Murat Nurtleu']));
    const [ma] = loadProfile('ma-kz', [], []).countries;
    expect(ma.leaders.en ?? []).not.toContain('Nasser Bourita');
  });

  it('lists no term twice for one country and language', () => {
    for (const country of loadProfile().countries) {
      const seen = new Set<string>();
      for (const { kind, lang, term } of countryTerms(country)) {
        const key = `${kind}:${lang}:${term}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });

  it('refuses a profile missing a language, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-profile-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'id: ma-kz',
        'name: x',
        'languages: [ar, fr]',
        'countries:',
        '  - {code: MA, names: {ar: [المغرب]}, demonyms: {ar: [مغربي], fr: [marocain]}, capitals: {ar: [الرباط], fr: [Rabat]}}',
        '  - {code: KZ, names: {ar: [كازاخستان], fr: [Kazakhstan]}, demonyms: {ar: [كازاخي], fr: [kazakh]}, capitals: {ar: [أستانا], fr: [Astana]}}',
      ].join('\n'),
    );
    expect(() => loadProfile(file)).toThrow(DataFileError);
    expect(() => loadProfile(file)).toThrow(/countries\.0\.names\.fr: MA has no names in fr/);
  });
});

import { loadProfile } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { Source, type SourceInput } from '../sources/source-schema.ts';
import { createPrefilter, foldText } from './prefilter.ts';

const prefilter = createPrefilter(loadProfile('ma-kz'));
const source = (extra: Partial<SourceInput> = {}) =>
  Source.parse({
    id: 's',
    name: 's',
    url: 'https://s.test/feed',
    kind: 'rss',
    lang: 'en',
    ...extra,
  } as SourceInput);
const item = (title: string, link = 'https://s.test/a', summary?: string) => ({
  link,
  title,
  ...(summary ? { summary } : {}),
});

describe('prefilter', () => {
  it('folds case, diacritics and Arabic letter variants', () => {
    expect(foldText('Tokaïev À Rabat')).toBe('tokaiev a rabat');
    expect(foldText('أستانا')).toBe('استانا');
    expect(foldText('المَغْرِب')).toBe('المغرب');
  });

  it('lets a Moroccan outlet through items naming Kazakhstan, in any language and inflection', () => {
    const ma = source({ country: 'MA' });
    expect(prefilter.check(ma, item('وزير الخارجية يستقبل سفير كازاخستان بالرباط')).pass).toBe(true);
    expect(prefilter.check(ma, item('Le Maroc et le Kazakhstan signent un accord')).pass).toBe(true);
    expect(prefilter.check(ma, item('Визит в Казахстане')).pass).toBe(true);
    expect(prefilter.check(ma, item('Tokayev receives Moroccan envoy')).pass).toBe(true);
    expect(prefilter.check(ma, item('Match', 'https://s.test/sport/kazakhstan-maroc-football')).pass).toBe(
      true,
    );
    expect(prefilter.check(ma, item('Météo', 'https://s.test/a', 'Pluie sur Almaty demain')).pass).toBe(true);
    // Only Morocco named: every item of a Moroccan outlet would pass otherwise.
    expect(prefilter.check(ma, item('Le Maroc et la France')).pass).toBe(false);
    expect(prefilter.check(ma, item('أحوال الطقس في الدار البيضاء'))).toEqual({ pass: false, named: ['MA'] });
  });

  it('asks both sides of an international outlet, and none of a focused source', () => {
    const intl = source();
    expect(prefilter.check(intl, item('Kazakhstan launches a satellite')).pass).toBe(false);
    expect(prefilter.check(intl, item('Astana hosts Moroccan delegation'))).toEqual({
      pass: true,
      named: ['MA', 'KZ'],
    });
    expect(prefilter.check(source({ focused: true }), item('Anything')).pass).toBe(true);
    expect(prefilter.check(source({ match: 'either' }), item('Kazakhstan launches a satellite')).pass).toBe(
      true,
    );
  });

  it('matches Latin terms as whole words only', () => {
    const intl = source({ match: 'either' });
    expect(prefilter.check(intl, item('Rabattre les prix')).pass).toBe(false);
    expect(prefilter.check(intl, item('Fezzan oasis')).pass).toBe(false);
  });

  it('can be switched off', () => {
    expect(
      createPrefilter(loadProfile('ma-kz'), { enabled: false }).check(source({ country: 'MA' }), item('x'))
        .pass,
    ).toBe(true);
  });
});

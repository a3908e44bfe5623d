import { describe, expect, it } from 'vitest';
import { inKazakhCase, kazakhStems, loadKazakhInflection } from './kazakh.ts';

describe('lexicons/kazakh-inflection.yaml', () => {
  const data = loadKazakhInflection();

  it('lists every suffix once per layer, in lower case', () => {
    for (const layer of [Object.values(data.case).flat(), data.possessive, data.plural, data.verb]) {
      expect(new Set(layer).size).toBe(layer.length);
      for (const suffix of layer) expect(suffix).toBe(suffix.toLowerCase());
    }
  });

  it('has both vowel-harmony variants of the case endings', () => {
    for (const [back, front] of [
      ['ның', 'нің'],
      ['ға', 'ге'],
      ['да', 'де'],
      ['дан', 'ден'],
      ['дағы', 'дегі'],
    ])
      expect(Object.values(data.case).flat()).toEqual(expect.arrayContaining([back, front]));
  });
});

describe('kazakhStems', () => {
  it('keeps the word itself first', () => {
    expect(kazakhStems('мароккодағы')[0]).toBe('мароккодағы');
  });

  it('takes off a case, then a possessive, then a plural ending', () => {
    for (const word of ['мароккоға', 'мароккода', 'марокконың', 'мароккомен', 'мароккодағы', 'мароккодан'])
      expect(kazakhStems(word), word).toContain('марокко');
    expect(kazakhStems('сапарларымен')).toContain('сапар');
    expect(kazakhStems('елшісімен')).toContain('елші');
    expect(kazakhStems('еліміздің')).toContain('ел');
  });

  it('reads a voiced final consonant as the voiceless one of the dictionary form', () => {
    expect(kazakhStems('қыркүйегінде')).toContain('қыркүйек');
    expect(kazakhStems('министрлігі')).toContain('министрлік');
    expect(kazakhStems('тарабынан')).toContain('тарап');
  });

  it('reads a past verb, a converb or a past participle as the verbal noun', () => {
    for (const word of ['кездесті', 'кездесіп', 'кездескен', 'кездескенде'])
      expect(kazakhStems(word), word).toContain('кездесу');
    expect(kazakhStems('қабылдады')).toContain('қабылдау');
    expect(kazakhStems('қойды')).toContain('қою');
    expect(kazakhStems('қойылды')).toContain('қойылу');
    expect(kazakhStems('соқты')).toContain('соғу');
  });

  it('does not read a present or future form as the verbal noun: that is a plan', () => {
    expect(kazakhStems('кездеседі')).not.toContain('кездесу');
    expect(kazakhStems('барады')).not.toContain('бару');
  });

  it('tells the case a word is in: "Мароккодағы" (in Morocco) is in the host locative', () => {
    expect(inKazakhCase('мароккодағы', 'hostLocative')).toBe(true);
    expect(inKazakhCase('корольдігіндегі', 'hostLocative')).toBe(true);
    expect(inKazakhCase('марокконың', 'hostLocative')).toBe(false);
    expect(inKazakhCase('марокконың', 'genitive')).toBe(true);
  });

  it('keeps at least two letters of a stem', () => {
    expect(kazakhStems('ала').every((form) => form.length >= 2)).toBe(true);
  });
});

import { loadKazakhInflection } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { foldKazakh, kazakhStemmer } from './kazakh.ts';

// The inflection data the pipeline reads (packages/knowledge/lexicons/kazakh-inflection.yaml).
const stemmer = kazakhStemmer(loadKazakhInflection());
const kazakhStems = (word: string) => stemmer.stems(word);
const inCase = (word: string, kase: string) => stemmer.inCase(word, kase);

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
    expect(inCase('мароккодағы', 'hostLocative')).toBe(true);
    expect(inCase('корольдігіндегі', 'hostLocative')).toBe(true);
    expect(inCase('марокконың', 'hostLocative')).toBe(false);
    expect(inCase('марокконың', 'genitive')).toBe(true);
  });

  it('keeps at least two letters of a stem', () => {
    expect(kazakhStems('ала').every((form) => form.length >= 2)).toBe(true);
  });
});

describe('kazakhStemmer over data it is given', () => {
  const tiny = kazakhStemmer({
    case: { dative: ['ға', 'ге'] },
    possessive: ['ы'],
    plural: ['лар'],
    verb: ['ды'],
    voicing: { ғ: 'қ' },
    minStem: 2,
  });

  it('reads only the suffixes of that data, and remembers nothing of another stemmer', () => {
    expect(tiny.stems('сапарларыға')).toEqual(expect.arrayContaining(['сапарлары', 'сапарлар', 'сапар']));
    expect(tiny.stems('мароккодан')).toEqual(['мароккодан']);
    expect(tiny.inCase('мароккоға', 'dative')).toBe(true);
    expect(tiny.inCase('мароккоға', 'genitive')).toBe(false);
  });

  it("folds a loanword's soft and hard signs out before stemming", () => {
    expect(foldKazakh('корольдігі')).toBe('королдігі');
    expect(foldKazakh('объект')).toBe('обект');
  });
});

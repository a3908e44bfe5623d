import { loadKazakhInflection } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { kazakhStemmer } from './kazakh.ts';
import { longestNonOverlapping, PhraseMatcher } from './phrase-matcher.ts';
import { russianStem } from './russian.ts';
import { matchKey, phraseKeys, tokenize, wordKeys } from './tokenize.ts';

const kazakh = kazakhStemmer(loadKazakhInflection());
const keysOf = (word: string, lang: string) => tokenize(word, { lang, kazakh })[0]?.keys ?? [];

describe('tokenize', () => {
  it('splits tokens with offsets into the text', () => {
    const t = tokenize('و29 أبريل');
    expect(t.map((x) => x.text)).toEqual(['و', '29', 'أبريل']);
    expect(t.map((x) => x.script)).toEqual(['arabic', 'digit', 'arabic']);
    const shifted = tokenize('Rabat, le 3', { offset: 10 });
    expect(shifted.map((x) => [x.start, x.end, x.gapBefore, x.upper])).toEqual([
      [10, 15, '', true],
      [17, 19, ', ', false],
      [20, 21, ' ', false],
    ]);
  });

  it('reads digits of any script as numbers, keyed in ASCII', () => {
    for (const written of ['٢٠٢٥', '۲۰۲۵', '２０２５']) {
      const [t] = tokenize(written);
      expect(t?.script, written).toBe('digit');
      expect(t?.keys, written).toEqual(['2025']);
    }
  });
});

describe('word keys', () => {
  it('reads Arabic words behind their clitics, nisba, tanween alif and object pronouns', () => {
    expect(wordKeys('والمغرب')).toContain('مغرب');
    expect(wordKeys('بالرباط')).toContain('رباط');
    expect(wordKeys('للمملكة')).toContain('مملكه');
    expect(wordKeys('الكازاخستانية')).toContain('كازاخستاني');
    expect(wordKeys('المغاربيين')).toContain('مغاربي');
    expect(wordKeys('اتفاقا')).toContain('اتفاق');
    expect(wordKeys('وقعه')).toContain('وقع');
    // A ة folded to ه is no pronoun: وزارة is no visit (زار).
    expect(wordKeys('وزارة')).not.toContain('وزار');
  });

  it('stems Russian in any case, and keeps words that only look inflected', () => {
    expect(russianStem('кошановым')).toBe(russianStem('кошанов'));
    for (const form of ['Казахстана', 'Казахстаном', 'Казахстане'])
      expect(wordKeys(form)).toEqual(['казахстан']);
    expect(wordKeys('казахстанской')).toEqual(wordKeys('казахстанский'));
    expect(wordKeys('после')).toEqual(['после']);
  });

  it('folds French and English accents and a plural -s on both sides of a match', () => {
    expect(wordKeys('Marocains')).toEqual(['marocain']);
    expect(wordKeys('Kazakhs')).toEqual(['kazakh']);
    expect(wordKeys('Congress')).toEqual(['congress']);
    expect(phraseKeys('visites officielles')).toEqual(['visite', 'officielle']);
  });
});

describe('Kazakh words behind their suffixes', () => {
  it('reads a case, possessive or plural ending off a noun, in a Kazakh text only', () => {
    for (const form of ['Мароккоға', 'Мароккода', 'Марокконың', 'Мароккомен', 'Мароккодағы'])
      expect(keysOf(form, 'kk'), form).toContain('марокко');
    for (const form of ['сапармен', 'сапары', 'сапарымен', 'сапарлары'])
      expect(keysOf(form, 'kk'), form).toContain('сапар');
    expect(keysOf('қыркүйегінде', 'kk')).toContain('қыркүйек');
    expect(keysOf('Корольдігінің', 'kk')).toContain('королдік');
  });

  it('reads a past verb form as its verbal noun, and leaves the present (a plan) as it is', () => {
    for (const form of ['кездесті', 'кездесіп', 'кездескен', 'кездесуде'])
      expect(keysOf(form, 'kk'), form).toContain('кездесу');
    expect(keysOf('қойды', 'kk')).toContain('қою');
    expect(keysOf('кездеседі', 'kk')).not.toContain('кездесу');
  });

  it('leaves Russian text as it was: one stem per word, no Kazakh suffix taken off', () => {
    expect(keysOf('Мароккодағы', 'ru')).toEqual(keysOf('Мароккодағы', 'en'));
    expect(keysOf('Министром', 'ru')).toEqual(['министр']);
    expect(keysOf('Марокко', 'ru')).toHaveLength(1);
  });

  it('keys a Kazakh phrase as its dictionary form, and a word as written without a stemmer', () => {
    expect(phraseKeys('Марокко Корольдігі', { lang: 'kk' })).toEqual(['марокко', 'королдігі']);
    expect(tokenize('Мароккоға', { lang: 'kk' })[0]?.keys).toEqual(['мароккоға']);
  });
});

describe('matchKey', () => {
  it('joins a name’s folded words by hyphens, nothing taken off', () => {
    expect(matchKey('Roman Vassilenko')).toBe('roman-vassilenko');
    expect(matchKey('أسماء اغلالو')).toBe('اسماء-اغلالو');
    expect(matchKey('Сергей Вершинин')).toBe('сергей-вершинин');
  });
});

describe('PhraseMatcher', () => {
  it('finds phrases by their keys, longest first, whatever the form the text writes', () => {
    const m = new PhraseMatcher<string>({ lang: 'ar' });
    m.add('المغرب', 'MA');
    m.add('المملكة المغربية', 'MA-style');
    const tokens = tokenize('وقعت المملكة المغربية وبالمغرب');
    const found = longestNonOverlapping(m.findAll(tokens));
    expect(found.map((f) => [f.start, f.end, f.payloads])).toEqual([
      [1, 3, ['MA-style']],
      [3, 4, ['MA']],
    ]);
  });

  it('matches a capitalised phrase only where the text writes a capital, when asked', () => {
    const m = new PhraseMatcher<string>({ lang: 'kk', kazakh, namesCapitalised: true });
    m.add('Астана', 'city');
    expect(m.findAll(tokenize('Астанада', { lang: 'kk', kazakh }))).toHaveLength(1);
    expect(m.findAll(tokenize('астанасы', { lang: 'kk', kazakh }))).toHaveLength(0);
  });
});

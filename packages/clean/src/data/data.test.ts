import { describe, expect, it } from 'vitest';
import { HtmlFurniture, markupWords } from '../html/prune.ts';
import { CyrillicLanguages, LatinLanguages } from '../lang/detect.ts';
import cyrillicLanguages from './cyrillic-languages.json' with { type: 'json' };
import htmlFurniture from './html-furniture.json' with { type: 'json' };
import latinLanguages from './latin-languages.json' with { type: 'json' };

describe('data/html-furniture.json', () => {
  const data = HtmlFurniture.parse(htmlFurniture);

  it('parses, and lists no word twice', () => {
    const words = [...data.classWords, ...data.captionWords];
    expect(new Set(words).size).toBe(words.length);
  });

  it('holds words as markupWords splits class names, so they can match', () => {
    for (const word of [...data.classWords, ...data.captionWords]) expect(markupWords(word)).toEqual([word]);
  });

  it('refuses a word with a separator in it (it could never match)', () => {
    expect(HtmlFurniture.safeParse({ ...data, classWords: ['share-bar'] }).success).toBe(false);
  });
});

describe('data/latin-languages.json', () => {
  const data = LatinLanguages.parse(latinLanguages);

  it('has French and English, with no word in both (it would not tell them apart)', () => {
    const fr = new Set(data.languages.fr);
    const en = data.languages.en ?? [];
    expect(fr.size).toBeGreaterThan(20);
    expect(en.filter((w) => fr.has(w))).toEqual([]);
  });
});

describe('data/cyrillic-languages.json', () => {
  const data = CyrillicLanguages.parse(cyrillicLanguages);

  it('has no word in both Kazakh and Russian (it would not tell them apart)', () => {
    const ru = new Set(data.words.ru);
    expect(data.words.kk.filter((w) => ru.has(w))).toEqual([]);
  });

  it('lists as Kazakh letters only letters that Russian does not have', () => {
    expect([...data.kazakhLetters].filter((ch) => /[а-яё]/iu.test(ch))).toEqual([]);
    expect(data.kazakhLetters).toContain('қ');
  });

  it('holds words in lower case, as the detector compares them', () => {
    for (const word of [...data.words.kk, ...data.words.ru]) expect(word).toBe(word.toLowerCase());
  });
});

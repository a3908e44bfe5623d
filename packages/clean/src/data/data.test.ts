import { describe, expect, it } from 'vitest';
import { HtmlFurniture, markupWords } from '../html/prune.ts';
import { LatinLanguages } from '../lang/detect.ts';
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

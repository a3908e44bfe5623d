import { describe, expect, it } from 'vitest';
import { foldedWords, foldForMatching } from './fold.ts';

describe('foldForMatching', () => {
  it('folds Arabic alef, ya and ta marbuta variants, drops tatweel and harakat', () => {
    expect(foldForMatching('أستانا إلى آسيا')).toBe('استانا الي اسيا');
    expect(foldForMatching('المغربيّة')).toBe('المغربيه');
    expect(foldForMatching('كازاخـــستان')).toBe('كازاخستان');
    expect(foldForMatching('تَعْزِيزًا')).toBe('تعزيزا');
  });

  it('folds alef wasla and the Persian letters Arabic pages are typed with', () => {
    expect(foldForMatching('ٱلرباط')).toBe('الرباط');
    // eg-ru dev ar-645278b92e writes «الاستراتیجي» with a Persian ya.
    expect(foldForMatching('الاستراتیجي')).toBe('الاستراتيجي');
    expect(foldForMatching('کازاخستان')).toBe('كازاخستان');
    expect(foldForMatching('ئ ؤ ۀ')).toBe('ي و ه');
  });

  it('turns Arabic-Indic and Persian digits into ASCII, and NFKC presentation forms into letters', () => {
    expect(foldForMatching('٢٨ فبراير ٢٠٢٥ / ۲۰۲۵')).toBe('28 فبراير 2025 / 2025');
    expect(foldForMatching('ﻻ')).toBe('لا');
    expect(foldForMatching('２０２５')).toBe('2025');
    expect(foldForMatching('ﬁnance')).toBe('finance');
  });

  it('lowercases and drops Latin accents, keeps Kazakh letters', () => {
    expect(foldForMatching('Tokaïev FÈS Élysée')).toBe('tokaiev fes elysee');
    expect(foldForMatching('Қазақстан Ёлка')).toBe('қазақстан елка');
  });

  it('keeps й, a letter of its own, and drops Cyrillic stress marks', () => {
    expect(foldForMatching('Сергей Йошкар')).toBe('сергей йошкар');
    expect(foldForMatching('Каза́хстан')).toBe('казахстан');
    expect(foldForMatching('Mărgărit')).toBe('margarit');
  });

  it('leaves the display text alone (a new string is returned)', () => {
    const display = 'Laâyoune';
    foldForMatching(display);
    expect(display).toBe('Laâyoune');
  });
});

describe('foldedWords', () => {
  it('gives the letters and digits of folded text', () => {
    expect(foldedWords("Kazakhstan's Nur-Sultan, l’Astana")).toEqual([
      'kazakhstan',
      's',
      'nur',
      'sultan',
      'l',
      'astana',
    ]);
  });

  it('splits digits from letters, as the extractor’s tokens do', () => {
    expect(foldedWords('و29 أبريل ٢٠٢٥')).toEqual(['و', '29', 'ابريل', '2025']);
    expect(foldedWords('28 февраля 2025г.')).toEqual(['28', 'февраля', '2025', 'г']);
  });
});

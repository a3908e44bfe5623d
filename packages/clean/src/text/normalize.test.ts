import { describe, expect, it } from 'vitest';
import { matchTokens, normalizeForMatching } from './normalize.ts';

describe('normalizeForMatching', () => {
  it('folds Arabic alef, ya and ta marbuta variants, drops tatweel and harakat', () => {
    expect(normalizeForMatching('أستانا إلى آسيا')).toBe('استانا الي اسيا');
    expect(normalizeForMatching('المغربيّة')).toBe('المغربيه');
    expect(normalizeForMatching('كازاخـــستان')).toBe('كازاخستان');
    expect(normalizeForMatching('تَعْزِيزًا')).toBe('تعزيزا');
  });

  it('turns Arabic-Indic and Persian digits into ASCII, and NFKC presentation forms into letters', () => {
    expect(normalizeForMatching('٢٨ فبراير ٢٠٢٥ / ۲۰۲۵')).toBe('28 فبراير 2025 / 2025');
    expect(normalizeForMatching('ﻻ')).toBe('لا');
    expect(normalizeForMatching('２０２５')).toBe('2025');
  });

  it('lowercases and drops Latin accents, keeps Kazakh letters', () => {
    expect(normalizeForMatching('Tokaïev FÈS Élysée')).toBe('tokaiev fes elysee');
    expect(normalizeForMatching('Қазақстан Ёлка')).toBe('қазақстан елка');
  });

  it('leaves the display text alone (a new string is returned)', () => {
    const display = 'Laâyoune';
    normalizeForMatching(display);
    expect(display).toBe('Laâyoune');
  });
});

describe('matchTokens', () => {
  it('gives the letters and digits of normalised text', () => {
    expect(matchTokens("Kazakhstan's Nur-Sultan, l’Astana")).toEqual([
      'kazakhstan',
      's',
      'nur',
      'sultan',
      'l',
      'astana',
    ]);
  });
});

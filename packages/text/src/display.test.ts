import { describe, expect, it } from 'vitest';
import { displayLine, displayLines } from './display.ts';

describe('display text', () => {
  it('collapses white space and the invisible characters between words, keeps the spelling', () => {
    expect(displayLine('  Astana\u00a0\u200e 28  Février\u200b ')).toBe('Astana 28 Février');
    expect(displayLine('أستانا\u200f  ٢٨')).toBe('أستانا ٢٨');
  });

  it('splits text into its non-empty lines on every kind of line break', () => {
    expect(displayLines('\uFEFFa\r\nb\rc\u2028\n  \nd')).toEqual(['a', 'b', 'c', 'd']);
  });
});

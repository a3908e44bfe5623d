import { describe, expect, it } from 'vitest';
import { aggregate, scorePage, shingles, tokenize } from './shingle-score.ts';

describe('tokenize (Python re.findall(r"\\w+"))', () => {
  it('splits on punctuation, spaces and combining marks, keeps letters, digits and _', () => {
    expect(tokenize("l'État, 2025_x — Астана!")).toEqual(['l', 'État', '2025_x', 'Астана']);
    expect(tokenize('<li>a</li><li>b</li>'.replace(/<[^>]+>/g, ''))).toEqual(['ab']);
    expect(tokenize('')).toEqual([]);
  });
});

describe('shingles', () => {
  it('counts 4-grams as a multiset; 1–3 tokens give one shorter shingle; none give none', () => {
    expect([...shingles(['a', 'b', 'c', 'd', 'e']).values()]).toEqual([1, 1]);
    expect(shingles(['a', 'b', 'a', 'b', 'a', 'b', 'a']).get('a\u0001b\u0001a\u0001b')).toBe(2);
    expect([...shingles(['a', 'b']).keys()]).toEqual(['a\u0001b']);
    expect(shingles([]).size).toBe(0);
  });
});

describe('scorePage and aggregate (evaluate.py)', () => {
  const truth = 'one two three four five six';

  it('gives 1/1 for the same tokens and exact accuracy regardless of punctuation', () => {
    const page = scorePage(truth, 'One? no: one two three, four five six.'.slice(9));
    expect(page).toEqual({ tp: 1, fp: 0, fn: 0, exact: true });
  });

  it('normalises tp/fp/fn to sum 1 per page', () => {
    // truth shingles: 3; pred "one two three four x y": shingles (1234, 234x, 34xy) → tp 1, fp 2, fn 2.
    const page = scorePage(truth, 'one two three four x y');
    expect(page.tp).toBeCloseTo(1 / 5);
    expect(page.fp).toBeCloseTo(2 / 5);
    expect(page.fn).toBeCloseTo(2 / 5);
    expect(page.exact).toBe(false);
  });

  it('leaves empty predictions out of precision and counts them as recall 0', () => {
    const pages = [scorePage(truth, truth), scorePage(truth, '')];
    const metrics = aggregate(pages);
    expect(metrics.precision).toBe(1);
    expect(metrics.recall).toBe(0.5);
    expect(metrics.f1).toBeCloseTo((2 * 0.5) / 1.5);
    expect(metrics.accuracy).toBe(0.5);
    expect(metrics.pages).toBe(2);
  });

  it('macro-averages precision and recall, then takes F1 of the averages', () => {
    const a = scorePage(truth, 'one two three four five six seven eight nine'); // tp 3, fp 3
    const b = scorePage('a b c d e f g h', 'a b c d e'); // tp 2, fn 3
    const m = aggregate([a, b]);
    expect(m.precision).toBeCloseTo((0.5 + 1) / 2);
    expect(m.recall).toBeCloseTo((1 + 0.4) / 2);
    expect(m.f1).toBeCloseTo((2 * 0.75 * 0.7) / (0.75 + 0.7));
  });
});

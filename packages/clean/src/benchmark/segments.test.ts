import { describe, expect, it } from 'vitest';
import { keptSegments } from './segments.ts';

describe('keptSegments', () => {
  const truth = 'The minister met his counterpart in Rabat on Friday to discuss trade and visas.';
  const cookie = 'We use cookies to improve your experience on our website and to analyse traffic.';
  const bio = 'Jane Doe covers diplomacy and trade in North Africa for the paper since 2015.';

  it('counts a must-drop segment as kept when half of its shingles are in the text', () => {
    expect(keptSegments(truth, `${truth}\n${cookie}`, [cookie, bio])).toEqual({ judged: 2, kept: 1 });
    expect(keptSegments(truth, truth, [cookie, bio])).toEqual({ judged: 2, kept: 0 });
  });

  it('leaves out a segment that the article itself contains, such as a pull quote', () => {
    const pull = 'The minister met his counterpart in Rabat on Friday';
    expect(keptSegments(truth, truth, [pull, cookie])).toEqual({ judged: 1, kept: 0 });
  });
});

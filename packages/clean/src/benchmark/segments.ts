/**
 * Must-drop segments of an evaluation page (menus, consent notices, bios, comments…): how many of
 * them an extracted text kept. A segment counts as kept when at least half of its 4-token
 * shingles occur in the text. Segments that the true article text itself contains (a pull quote
 * repeating a sentence of the article) cannot tell right from wrong and are not counted.
 */
import { shingles, tokenize } from './shingle-score.ts';

export interface SegmentCount {
  /** Segments that could be judged (not inside the article's own text). */
  readonly judged: number;
  /** Of those, segments the extracted text kept. */
  readonly kept: number;
}

function containment(segment: Map<string, number>, text: Map<string, number>): number {
  let found = 0;
  let all = 0;
  for (const [key, count] of segment) {
    all += count;
    found += Math.min(count, text.get(key) ?? 0);
  }
  return all === 0 ? 0 : found / all;
}

export function keptSegments(truth: string, predicted: string, segments: readonly string[]): SegmentCount {
  const truthShingles = shingles(tokenize(truth));
  const predShingles = shingles(tokenize(predicted));
  let judged = 0;
  let kept = 0;
  for (const segment of segments) {
    const own = shingles(tokenize(segment));
    if (own.size === 0 || containment(own, truthShingles) >= 0.5) continue;
    judged++;
    if (containment(own, predShingles) >= 0.5) kept++;
  }
  return { judged, kept };
}

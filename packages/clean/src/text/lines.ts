/** Helpers for reading page text line by line. */

export function wordCount(line: string): number {
  return line.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Ends like a sentence (., !, ?, …, Arabic ؟, a closing quote or bracket after one). */
export function endsLikeSentence(line: string): boolean {
  return /[.!?…؟。]["'”»’)\]]*\s*$/u.test(line);
}

/** A paragraph of running text rather than a heading, a teaser title or a menu word. */
export function readsAsParagraph(line: string, minWords = 30): boolean {
  return wordCount(line) >= minWords && endsLikeSentence(line);
}

/** Share of the shorter token set found in the longer: near-duplicate lines (a repeated title). */
export function tokenOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(large);
  let hit = 0;
  for (const t of small) if (set.has(t)) hit++;
  return (hit / small.length) * (small.length / large.length) ** 0.5;
}

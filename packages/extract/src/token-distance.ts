/** Tokens between two spans of one sentence; 0 when they overlap. */
export function distance(
  a: { tokStart: number; tokEnd: number },
  b: { tokStart: number; tokEnd: number },
): number {
  if (a.tokEnd <= b.tokStart) return b.tokStart - a.tokEnd;
  if (b.tokEnd <= a.tokStart) return a.tokStart - b.tokEnd;
  return 0;
}

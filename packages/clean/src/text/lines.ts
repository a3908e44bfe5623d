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

// How many lines must break mid-sentence at one width for a text to read as wrapped at that width.
const WRAPPED_LINES = 5;
// How close to the widest such line a line must be to have been broken by the width.
const WRAP_WIDTH_SHARE = 0.75;

/**
 * Text saved from a page or a mail with its paragraphs broken into lines of a fixed width, each
 * line ending mid-sentence: the lines of one paragraph joined again. A line is joined to the next
 * (with no blank line between) when it ends mid-sentence and either
 *  - the next line goes on in lower case ("… the Ambassador of\nKazakhstan …" does not, "… held
 *    talks\nwith …" does), or
 *  - the text is wrapped at a width (Arabic has no lower case): at least WRAPPED_LINES lines end
 *    mid-sentence, nearly all as long as the widest of them, and this one is among them.
 * A headline over a capitalised lead stays apart.
 */
export function unwrapLines(body: string): string {
  const lines = body.split('\n');
  const open = (i: number): boolean => {
    const line = (lines[i] ?? '').trim();
    const next = (lines[i + 1] ?? '').trim();
    return (
      line !== '' && next !== '' && wordCount(line) >= 4 && !endsLikeSentence(line) && !/[:;]$/u.test(line)
    );
  };
  const openAt = lines.map((_, i) => open(i));
  const widths = lines.map((l, i) => (openAt[i] ? l.trim().length : 0)).filter((w) => w > 0);
  const widest = Math.max(0, ...widths);
  const atWidth = (i: number): boolean => (lines[i] ?? '').trim().length >= WRAP_WIDTH_SHARE * widest;
  const wrapped =
    widths.length >= WRAPPED_LINES &&
    widths.filter((w) => w >= WRAP_WIDTH_SHARE * widest).length >= 0.8 * widths.length;
  const out: string[] = [];
  let joining = false;
  for (const [i, line] of lines.entries()) {
    if (joining) out[out.length - 1] = `${(out.at(-1) ?? '').trimEnd()} ${line.trim()}`;
    else out.push(line);
    const goesOnInLowerCase = /^\p{Ll}/u.test((lines[i + 1] ?? '').trim());
    joining = openAt[i] === true && (goesOnInLowerCase || (wrapped && atWidth(i)));
  }
  return out.join('\n');
}

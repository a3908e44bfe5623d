/**
 * Display text: what the cleaner outputs and the extractor's evidence quotes. It keeps its spelling
 * (case, accents, Arabic letter forms, digits) — only what a reader cannot see changes. For
 * matching, fold it (`foldForMatching`); never show folded text.
 */

/** White space, and the invisible characters pages put between words. */
const SPACES = /[\s\u200b\u200e\u200f\u00ad]+/gu;

/**
 * One line of display text: every run of white space, zero-width space, left-to-right or
 * right-to-left mark and soft hyphen becomes one space, and the ends are trimmed
 * ("Astana\u00a0\u200e 28 February " → "Astana 28 February").
 */
export function displayLine(line: string): string {
  return line.replace(SPACES, ' ').trim();
}

const LINE_BREAKS = /\r\n|\r|\n|\u2028|\u2029/u;

/** Text as its display lines: a leading byte-order mark dropped, each line `displayLine`d, no empty ones. */
export function displayLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/u, '')
    .split(LINE_BREAKS)
    .map(displayLine)
    .filter((line) => line.length > 0);
}

import { type Keying, type Token, tokenize } from '@dyad/text';

export interface Sentence {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokens: readonly Token[];
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity: 'sentence' });
    segmenters.set(lang, s);
  }
  return s;
}

const WORD_CHAR = /[\p{L}.-]/u;
const LETTER = /\p{L}/u;

/**
 * The word a segment ends in before its final stop, from its first letter ("т.б" in "… т.б."),
 * or undefined when it ends in no stop. Read backwards from the end: a regular expression anchored
 * at the end tries every start in the segment, which cost a sixth of the extractor's time.
 */
function lastWordBeforeStop(segment: string): string | undefined {
  const trimmed = segment.trimEnd();
  if (!trimmed.endsWith('.')) return undefined;
  const stop = trimmed.length - 1;
  let start = stop;
  while (start > 0 && WORD_CHAR.test(trimmed[start - 1] ?? '')) start--;
  while (start < stop && !LETTER.test(trimmed[start] ?? '')) start++;
  return start < stop ? trimmed.slice(start, stop) : undefined;
}

/** Whether a segment ends in an abbreviation or an initial ("M.", "د.", "г.", "S."), not a full stop. */
function endsInAbbreviation(segment: string, abbreviations: ReadonlySet<string>): boolean {
  const last = lastWordBeforeStop(segment);
  if (!last) return false;
  const word = last.toLowerCase();
  if (abbreviations.has(word) || abbreviations.has(word.replace(/\.$/, ''))) return true;
  // A single capital letter is an initial (S. Sailaukyzy); a single Arabic letter is an abbreviation.
  return /^[\p{Lu}]$/u.test(last) || /^[\u0600-\u06ff]$/u.test(last);
}

// Sentences glued by a page whose blocks lost their spacing when it became text: a stop or a colon
// with no space after it ("… de cette organisation.Voici quelques déclarations …", "pendant cette
// visite:Livraisons"), or a heading run into the next line ("Livraisons de blé ukrainienSergueï
// Lavrov a confirmé …"): a word all in lower case, of four letters or more, then a capitalised
// word. Names written that way begin with a capital (TotalEnergies, KazMunayGas) or have fewer
// lower-case letters before the next one (iPhone, eBay).
// Read forwards (a look-behind of variable length tried at every position cost a sixth of the
// extractor's time): the break is where the capitalised word begins, the match's end.
const GLUED = /\p{Ll}{2}[.!?:](?=\p{Lu}\p{Ll})|(?<!\p{L})\p{Ll}{4,}(?=\p{Lu}\p{Ll}{2})/gu;
// Cheap test first: most lines have no lower-case letter right before a capital.
const LOWER_THEN_UPPER = /\p{Ll}[.!?:]?\p{Lu}/u;
// A sentence that opens with its day ("… с официальным визитом. 8 сентября Нуртлеу провел …", "…
// بالرباط. 8 شتنبر …"), which the segmenter does not break before (a digit after a stop may go on a
// number): a stop after a word of two letters or more (not an initial or "г."), then a day and a word.
const DAY_OPENS = /(?<=[\p{Ll}\p{Lo}]{2}[.!?])\s+(?=\d{1,2}\s+\p{L})/gu;
// Cheap test first: most lines have no stop followed by a number.
const STOP_THEN_DIGIT = /[.!?]\s+\d/u;

/** A line's pieces at the glued sentence breaks in it, with their offsets in the line. */
function unglued(line: string, abbreviations: ReadonlySet<string>): { at: number; text: string }[] {
  const breaks = [
    ...[...line.matchAll(GLUED)].map((m) => m.index + m[0].length),
    // Not after an abbreviation: "on Sept. 23", "в сент. 8".
    ...[...line.matchAll(DAY_OPENS)]
      .filter((m) => !endsInAbbreviation(line.slice(0, m.index), abbreviations))
      .map((m) => m.index + m[0].length),
  ].sort((a, b) => a - b);
  if (breaks.length === 0) return [{ at: 0, text: line }];
  return [0, ...breaks].map((at, i) => ({ at, text: line.slice(at, breaks[i] ?? line.length) }));
}

/**
 * Sentences with their offsets: Intl.Segmenter, then abbreviation repair (a segment ending in
 * "M." or "fév." is joined to the next), a split at every line break, which news pages use
 * for paragraphs and headings, and at sentences glued together (GLUED). Tokens are keyed by
 * `keying` (the language index's: `{lang, kazakh}`).
 */
export function splitSentences(
  text: string,
  lang: string,
  abbreviations: ReadonlySet<string>,
  keying: Keying,
): Sentence[] {
  const pieces: { start: number; end: number }[] = [];
  for (const seg of segmenter(lang).segment(text)) {
    const start = seg.index;
    const end = start + seg.segment.length;
    const last = pieces.at(-1);
    if (
      last &&
      endsInAbbreviation(text.slice(last.start, last.end), abbreviations) &&
      !/\n/.test(text.slice(last.start, last.end))
    ) {
      last.end = end;
    } else pieces.push({ start, end });
  }
  const sentences: Sentence[] = [];
  for (const piece of pieces) {
    let lineStart = piece.start;
    for (const line of text.slice(piece.start, piece.end).split('\n')) {
      const glued = LOWER_THEN_UPPER.test(line) || STOP_THEN_DIGIT.test(line);
      for (const part of glued ? unglued(line, abbreviations) : [{ at: 0, text: line }]) {
        const lead = part.text.length - part.text.trimStart().length;
        const body = part.text.trim();
        if (body === '') continue;
        const start = lineStart + part.at + lead;
        sentences.push({
          index: sentences.length,
          start,
          end: start + body.length,
          text: body,
          tokens: tokenize(body, { ...keying, offset: start }),
        });
      }
      lineStart += line.length + 1;
    }
  }
  return sentences;
}

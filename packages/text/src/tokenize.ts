/**
 * Tokens and their matching keys. Every phrase of the knowledge base and every word of an article
 * go through the same folding (`foldForMatching`), so that a phrase written once matches the forms
 * an article uses: Arabic with clitics (و ب ل ال وال بال لل …), Russian in any case, French and
 * English with accents or plurals. Kazakh, agglutinative, is read differently (see `kazakh.ts`):
 * a phrase is kept as its dictionary form and a word of a Kazakh text answers to every form its
 * suffixes may be taken off to; only Kazakh text pays for that.
 */
import { arabicKeys, stripAl } from './arabic.ts';
import { foldForMatching } from './fold.ts';
import { foldKazakh, type KazakhStemmer } from './kazakh.ts';
import { russianStem } from './russian.ts';
import { type Script, scriptOf } from './script.ts';

export interface Token {
  /** As written. */
  readonly text: string;
  /** Character offsets into the text the token was read from. */
  readonly start: number;
  readonly end: number;
  readonly script: Script;
  /** Keys a phrase token may equal: the folded token and, in Arabic, its clitic-stripped forms. */
  readonly keys: readonly string[];
  /** Text between the previous token and this one (punctuation, spaces). */
  readonly gapBefore: string;
  readonly upper: boolean;
}

/**
 * How the words of a text are keyed: by the text's language (`kk` reads Cyrillic words as Kazakh)
 * and, for Kazakh, the stemmer of the inflection data. Without a stemmer a Kazakh word is keyed as
 * written (folded), with no suffix taken off.
 */
export interface Keying {
  readonly lang?: string | undefined;
  readonly kazakh?: KazakhStemmer | undefined;
}

// Letters and digits are separate tokens, so that "و29" (and 29) and "21st" split cleanly.
const TOKEN = /[\p{L}\p{M}]+|\p{N}+/gu;
// ة as written, or as an Arabic presentation form (ﺓ ﺔ), before folding made it ه.
const TA_MARBUTA_END = /[\u0629\uFE93\uFE94]$/u;

const readsKazakh = (script: Script, keying: Keying) => keying.lang === 'kk' && script === 'cyrillic';

/** A Latin word folded, and a plural -s off (kazakhs, marocains, visites), the same on both sides of a match. */
function latinKey(folded: string): string {
  return folded.length >= 5 && folded.endsWith('s') && !folded.endsWith('ss') ? folded.slice(0, -1) : folded;
}

/**
 * A Russian word's stem, and the stem of that stem when it too ends like an ending: a name whose
 * nominative ends in what looks like one (Фаттах, Росатом, Газпром) is stored as a phrase with it
 * taken off (фатт, росат, газпр), which its oblique forms reach only in two steps (Фаттахом →
 * фаттах → фатт; Росатома → росатом → росат).
 */
function russianKeys(folded: string): readonly string[] {
  const stem = russianStem(folded);
  const again = stem === folded ? stem : russianStem(stem);
  return again === stem ? [stem] : [stem, again];
}

function foldedKeys(word: string, script: Script): readonly string[] {
  const folded = foldForMatching(word);
  switch (script) {
    case 'arabic':
      return arabicKeys(folded, TA_MARBUTA_END.test(word));
    case 'cyrillic':
      return russianKeys(folded);
    case 'latin':
      return [latinKey(folded)];
    default:
      return [folded];
  }
}

// A word's keys outside Kazakh depend on the word alone: the same words come back article after
// article, and folding them (NFKC, NFD, clitics, stems) is a good part of the extractor's time.
// A bounded memo of a pure function (a few MB); Kazakh stems are memoised by their stemmer.
const KEYS_MEMO_SIZE = 50_000;
const keysOf = new Map<string, readonly string[]>();

/** Only ASCII letters or digits (a token is one or the other: `TOKEN`), which fold as lower case. */
function isAsciiWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) return false;
  }
  return word.length > 0;
}

/** The keys of one word of a text keyed by `keying`, as the matcher compares them. */
export function wordKeys(
  word: string,
  keying: Keying = {},
  script: Script = scriptOf(word),
): readonly string[] {
  if (readsKazakh(script, keying)) {
    const folded = foldKazakh(foldForMatching(word));
    return keying.kazakh ? keying.kazakh.stems(folded) : [folded];
  }
  // A word of ASCII letters, or of ASCII digits, keys as itself lower-cased (less a Latin plural
  // -s): quicker to compute than to look up in the memo, whose misses in a large map cost more.
  if ((script === 'latin' || script === 'digit') && isAsciiWord(word)) {
    const folded = word.toLowerCase();
    return [script === 'latin' ? latinKey(folded) : folded];
  }
  const known = keysOf.get(word);
  if (known) return known;
  const keys = foldedKeys(word, script);
  if (keysOf.size >= KEYS_MEMO_SIZE) keysOf.clear();
  keysOf.set(word, keys);
  return keys;
}

/**
 * The one key a knowledge-base word is stored under for matching text keyed by `keying` (phrases
 * are written without clitics, and in Kazakh as dictionary forms: the text's words are stemmed to them).
 */
export function phraseWordKey(word: string, keying: Keying = {}): string {
  const script = scriptOf(word);
  if (script === 'arabic') return stripAl(foldForMatching(word));
  if (readsKazakh(script, keying)) return foldKazakh(foldForMatching(word));
  return wordKeys(word, {}, script)[0] ?? word;
}

/** A phrase as the sequence of keys a matcher stores for text keyed by `keying`. */
export function phraseKeys(phrase: string, keying: Keying = {}): string[] {
  return [...phrase.matchAll(TOKEN)].map((m) => phraseWordKey(m[0], keying));
}

export interface TokenizeOptions extends Keying {
  /** Added to every offset: where `text` starts in the text it was cut from. */
  readonly offset?: number;
}

/**
 * Splits text into word tokens with offsets (letters with their marks, and digits, apart; hyphens
 * and apostrophes split) and each word's matching keys.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const offset = options.offset ?? 0;
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    const start = match.index;
    const script = scriptOf(word);
    tokens.push({
      text: word,
      start: start + offset,
      end: start + word.length + offset,
      script,
      keys: wordKeys(word, options, script),
      gapBefore: text.slice(previousEnd, start),
      upper: word[0] !== undefined && word[0] !== word[0].toLowerCase(),
    });
    previousEnd = start + word.length;
  }
  return tokens;
}

/**
 * A stable key for a name: its words folded (`foldForMatching`, nothing taken off) and joined by
 * hyphens, as in `unknown:<matchKey>`.
 */
export function matchKey(name: string): string {
  return [...name.matchAll(TOKEN)].map((m) => foldForMatching(m[0])).join('-');
}
